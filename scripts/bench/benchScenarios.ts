import { Interface } from 'ethers';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../../test/chain/safeDeployment.js';
import type { TestChain } from '../../test/chain/testChain.js';
import { deployProtocol, type Protocol } from '../../test/protocol/deployProtocol.js';

export interface BenchScenarios {
  contracts: SafeContracts;
  safe: string;
  owners: string[];
  protocol: Protocol;
  /** The three reviews every figure is about: the Vault's pause, its UUPS upgrade to V2, a 20-action batch. */
  pause: SafeTx;
  uups: SafeTx;
  batch: SafeTx;
}

/**
 * The Safe (1.4.1, 2 of 3) guarding the protocol fixtures on `chain`, and the bench's three transactions at its
 * next nonce: one set-up for the bench and its probes, so their figures are about the same transactions.
 */
export async function deployBenchScenarios(chain: TestChain): Promise<BenchScenarios> {
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const vault = new Interface(['function pause()', 'function unpause()', 'function upgradeToAndCall(address,bytes)']);
  const v = protocol.addresses['Vault']!;
  const base = { chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n } as const;
  const batch = Array.from({ length: 20 }, (_, i) => ({
    operation: 0 as const,
    to: v,
    value: 0n,
    data: vault.encodeFunctionData(i % 2 === 0 ? 'pause' : 'unpause'),
  }));
  return {
    contracts,
    safe,
    owners,
    protocol,
    pause: createSafeTx({ ...base, to: v, data: vault.encodeFunctionData('pause') }),
    uups: createSafeTx({
      ...base,
      to: v,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
    }),
    batch: createSafeTx({ ...base, to: contracts.multiSendCallOnly, operation: 1, data: encodeMultiSend(batch) }),
  };
}
