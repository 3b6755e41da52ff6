// CPU per review, this process's and anvil's, against a bare callTracer trace of the same transaction: what a
// review costs the machine on both sides of the socket. On a shared 2-core machine a wall-clock ratio moves with
// whatever else runs; CPU time moves far less. `node scripts/bench/probe.mjs reviewCpu [runs] [scenario]`.
import { deployBenchScenarios } from './benchScenarios.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { execTransactionCall } from '../../electron/core/simulate/simulateSafeTx.js';
import { startTestChain } from '../../test/chain/testChain.js';
import { processCpu } from './processCpu.js';

const RUNS = Number(process.argv[2] ?? 1000);
const only = process.argv[3];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const chain = await startTestChain();
try {
  const { contracts, owners, pause, uups, batch } = await deployBenchScenarios(chain);
  const scenarios: Record<string, SafeTx> = { pause, uups, batch };
  const rpc = batchingRpc(chain.rpcUrl);
  const cpu = processCpu();
  for (const [name, tx] of Object.entries(scenarios).filter(([n]) => !only || n === only)) {
    const { call, overrides } = execTransactionCall(tx, owners, 2);
    const bare = () =>
      rpc.send('debug_traceCall', [
        call,
        'latest',
        { tracer: 'callTracer', tracerConfig: { withLog: true }, stateOverrides: overrides },
      ]);
    const review = () =>
      reviewSafeTx({
        provider: rpc,
        tx,
        owners,
        threshold: 2,
        safeNonce: 0n,
        decodeOptions: { extraMultiSend: [contracts.multiSendCallOnly] },
      });
    // The first review of a proxy guesses every getter its ABIs declare; later ones those compared last time.
    const first = () => {
      forgetGetters();
      return review();
    };
    const variants = [
      ['review', review],
      ['bare', bare],
      ...(name === 'uups' ? [['first', first] as const] : []),
    ] as const;
    for (let i = 0; i < 100; i++) for (const [, f] of variants) await f();
    const figures = variants.map(() => ({ walls: [] as number[], node: 0, anvil: 0 }));
    for (let i = 0; i < RUNS; i++)
      for (const [k, [, f]] of variants.entries()) {
        const before = cpu();
        const start = performance.now();
        await f();
        figures[k]!.walls.push(performance.now() - start);
        const after = cpu();
        figures[k]!.node += (after.node - before.node) / RUNS;
        figures[k]!.anvil += (after.anvil - before.anvil) / RUNS;
      }
    const [r, b] = figures as [(typeof figures)[0], (typeof figures)[0]];
    const shown = (f: (typeof figures)[0]) =>
      `wall ${median(f.walls).toFixed(2)} cpu node ${f.node.toFixed(2)} anvil ${f.anvil.toFixed(2)}`;
    console.log(
      `${name.padEnd(6)} review ${shown(r)} | bare ${shown(b)} | ratio wall ${(median(r.walls) / median(b.walls)).toFixed(2)} cpu ${((r.node + r.anvil) / (b.node + b.anvil)).toFixed(2)} anvil ${(r.anvil / b.anvil).toFixed(2)}`,
    );
    if (figures[2]) console.log(`${''.padEnd(6)} first  ${shown(figures[2])}`);
  }
} finally {
  await chain.stop();
}
