// The whole review of each bench scenario, its first time and again, printed as JSON: run on two checkouts and
// diff, to show a change to how a review asks the chain leaves every answer as it was.
// `node scripts/bench/probe.mjs reviewAnswers > answers.txt`
import { deployBenchScenarios } from './benchScenarios.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { startTestChain } from '../../test/chain/testChain.js';

const chain = await startTestChain();
try {
  const { contracts, owners, pause, uups, batch } = await deployBenchScenarios(chain);
  const scenarios: Record<string, SafeTx> = { pause, uups, batch };
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
