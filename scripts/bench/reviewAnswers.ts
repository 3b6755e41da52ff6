// The whole review of each bench scenario, its first time and again, printed as JSON: run on two checkouts and
// diff, to show a change to how a review asks the chain leaves every answer as it was.
// `node scripts/bench/probe.mjs reviewAnswers > answers.txt`
import { Interface } from 'ethers';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { createSafe, deploySafeContracts } from '../../test/chain/safeDeployment.js';
import { startTestChain } from '../../test/chain/testChain.js';
import { deployProtocol } from '../../test/protocol/deployProtocol.js';

const chain = await startTestChain();
try {
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const vault = new Interface(['function pause()', 'function unpause()', 'function upgradeToAndCall(address,bytes)']);
  const v = protocol.addresses['Vault']!;
  const base = { chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n };
  const batch = Array.from({ length: 20 }, (_, i) => ({
    operation: 0 as const,
    to: v,
    value: 0n,
    data: vault.encodeFunctionData(i % 2 === 0 ? 'pause' : 'unpause'),
  }));
  const scenarios: Record<string, SafeTx> = {
    pause: createSafeTx({ ...base, to: v, data: vault.encodeFunctionData('pause') }),
    uups: createSafeTx({
      ...base,
      to: v,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
    }),
    batch: createSafeTx({ ...base, to: contracts.multiSendCallOnly, operation: 1, data: encodeMultiSend(batch) }),
  };
  const rpc = batchingRpc(chain.rpcUrl);
  const show = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 1);
  for (const [name, tx] of Object.entries(scenarios))
    for (const round of ['first', 'again']) {
      if (round === 'first') forgetGetters();
      const r = await reviewSafeTx({
        provider: rpc,
        tx,
        owners,
        threshold: 2,
        safeNonce: 0n,
        decodeOptions: { extraMultiSend: [contracts.multiSendCallOnly] },
      });
      console.log(`### ${name} ${round}`);
      console.log(
        show({
          diff: r.diff,
          findings: r.findings,
          worst: r.worst,
          calls: r.calls,
          contradictions: r.contradictions,
          decoded: r.decoded,
          hashes: r.hashes,
          tokens: [...r.tokens],
        }),
      );
    }
} finally {
  await chain.stop();
}
