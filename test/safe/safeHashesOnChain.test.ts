import { type Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { createLegacySafe, LEGACY_SAFE_VERSIONS } from '../chain/legacySafes.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => chain?.stop());

/** Every field non-zero, so the contract and this code must agree on each one. */
function fieldsFor(safe: string, version: string): SafeTx {
  return createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: version,
    to: '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
    value: 10n ** 18n,
    data: '0x8456cb59',
    operation: 1,
    safeTxGas: 50_000n,
    baseGas: 21_000n,
    gasPrice: 3n,
    gasToken: '0x1111111111111111111111111111111111111111',
    refundReceiver: '0x2222222222222222222222222222222222222222',
    nonce: 42n,
  });
}

async function onChainHash(safe: Contract, tx: SafeTx): Promise<string> {
  return (await safe.getFunction('getTransactionHash')(
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    tx.nonce,
  )) as string;
}

describe('safeTxHash against the real contract', () => {
  for (const version of LEGACY_SAFE_VERSIONS) {
    it(`equals getTransactionHash and domainSeparator of a real Safe ${version}`, async () => {
      const safe = await createLegacySafe(chain, version, { owners: [chain.wallets[0]!.address], threshold: 1 });
      expect(await safe.getFunction('VERSION')()).toBe(version);
      const tx = fieldsFor(await safe.getAddress(), version);
      const hashes = safeTxHashes(tx);
      expect(hashes.safeTxHash).toBe(await onChainHash(safe, tx));
      expect(hashes.domainHash).toBe(await safe.getFunction('domainSeparator')());
    });
  }

  it('equals getTransactionHash and domainSeparator of a Safe 1.4.1 proxy', async () => {
    const contracts = await deploySafeContracts(chain);
    const address = await createSafe(chain, contracts, { owners: [chain.wallets[0]!.address], threshold: 1 });
    const safe = safeAt(address, chain.provider);
    const tx = fieldsFor(address, '1.4.1');
    const hashes = safeTxHashes(tx);
    expect(hashes.safeTxHash).toBe(await onChainHash(safe, tx));
    expect(hashes.domainHash).toBe(await safe.getFunction('domainSeparator')());
  });

  it('differs when the hash is computed for the wrong version, so version rules matter', async () => {
    const safe = await createLegacySafe(chain, '1.2.0', { owners: [chain.wallets[0]!.address], threshold: 1 });
    const tx = fieldsFor(await safe.getAddress(), '1.3.0');
    expect(safeTxHashes(tx).safeTxHash).not.toBe(await onChainHash(safe, tx));
  });
});
