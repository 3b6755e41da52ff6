// What each JSON-RPC request of a UUPS upgrade's review costs, this process and anvil: the batch the review sends,
// and that batch without each request in turn (what leaving it out would save); then the getter batch's answers
// asked four ways. A probe for making that batch cheaper, not part of `npm run bench`; CPU figures because wall
// time on a shared 2-core machine moves with whatever else runs. `node scripts/bench/probe.mjs uupsRequests [runs]`.
import { deployBenchScenarios } from './benchScenarios.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { GETTER_BATCH_ADDRESS } from '../../electron/core/simulate/getterBatch.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { execTransactionCall, type RpcClient } from '../../electron/core/simulate/simulateSafeTx.js';
import { startTestChain } from '../../test/chain/testChain.js';
import { processCpu } from './processCpu.js';

const RUNS = Number(process.argv[2] ?? 300);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const chain = await startTestChain();
try {
  const { contracts, owners, uups: tx } = await deployBenchScenarios(chain);
  const rpc = batchingRpc(chain.rpcUrl);
  const recorded = (log: Array<{ method: string; params: unknown[] }>): RpcClient => ({
    send(method, params) {
      log.push({ method, params });
      return rpc.send(method, params);
    },
    flush: () => rpc.flush?.(),
  });
  const review = (provider: RpcClient) =>
    reviewSafeTx({
      provider,
      tx,
      owners,
      threshold: 2,
      safeNonce: 0n,
      decodeOptions: { extraMultiSend: [contracts.multiSendCallOnly] },
    });
  const firstLog: typeof repeatLog = [];
  const repeatLog: Array<{ method: string; params: unknown[] }> = [];
  forgetGetters();
  await review(recorded(firstLog));
  await review(recorded(repeatLog));
  const cpu = processCpu();
  const { call, overrides } = execTransactionCall(tx, owners, 2);
  const bare = () =>
    rpc.send('debug_traceCall', [
      call,
      'latest',
      { tracer: 'callTracer', tracerConfig: { withLog: true }, stateOverrides: overrides },
    ]);
  const sendAll = (log: typeof repeatLog) => () => {
    const answers = Promise.all(log.map(({ method, params }) => rpc.send(method, params).catch(() => null)));
    rpc.flush?.();
    return answers;
  };
  const bytesOf = async (log: typeof repeatLog) => JSON.stringify(await sendAll(log)()).length;
  /**
   * Each variant's median wall time and mean CPU (this process, anvil) in ms, the variants run in turns so a busy
   * moment of the machine falls on all of them alike.
   */
  const measure = async (variants: ReadonlyArray<readonly [string, () => Promise<unknown>]>) => {
    for (let i = 0; i < 30; i++) for (const [, f] of variants) await f();
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
    return figures.map((f) => ({ wall: median(f.walls), node: f.node, anvil: f.anvil }));
  };
  const label = (request: (typeof repeatLog)[number]) => {
    const opts = (request.params[2] ?? {}) as { tracer?: string; tracerConfig?: object };
    const config = opts.tracerConfig ? JSON.stringify(opts.tracerConfig) : '';
    return `${request.method} ${opts.tracer ?? ''} ${config}`.slice(0, 60);
  };
  for (const [name, log] of [
    ['repeat', repeatLog],
    ['first', firstLog],
  ] as const) {
    console.log(`\n${name} review: ${log.length} requests, ${await bytesOf(log)} bytes of answers`);
    const variants = [
      ['bare callTracer', bare],
      ['the review', () => review(rpc)],
      ['its requests, sent alone', sendAll(log)],
      ...log.map((r, k) => [`  without #${k} ${label(r)}`, sendAll(log.filter((_, j) => j !== k))] as const),
    ] as const;
    const figures = await measure(variants);
    const all = figures[2]!;
    for (const [k, [what]] of variants.entries()) {
      const f = figures[k]!;
      const saves =
        k > 2 ? ` saves node ${(all.node - f.node).toFixed(3)} anvil ${(all.anvil - f.anvil).toFixed(3)}` : '';
      const bytes = k > 2 ? ` ${await bytesOf([log[k - 3]!])} B` : '';
      console.log(
        `${what.padEnd(70)} wall ${f.wall.toFixed(3)}  node ${f.node.toFixed(3)}  anvil ${f.anvil.toFixed(3)}${saves}${bytes}`,
      );
    }
  }
  // The getter batch's answers asked four ways, for the same batch and state: which costs anvil least.
  for (const [name, log] of [
    ['repeat', repeatLog],
    ['first', firstLog],
  ] as const) {
    const batches = log.filter(
      (r) => r.method === 'debug_traceCall' && JSON.stringify(r.params[0]).includes(GETTER_BATCH_ADDRESS),
    );
    const answers = batches.filter((r) => (r.params[2] as { tracer: string }).tracer === 'callTracer');
    const asked = (method: string, options?: object) =>
      sendAll(
        answers.map((r) => {
          const [c, tag, { stateOverrides }] = r.params as [object, string, { stateOverrides: object }];
          return { method, params: options ? [c, tag, { ...options, stateOverrides }] : [c, tag, stateOverrides] };
        }),
      );
    const variants = [
      ['bare callTracer', bare],
      ['eth_call', asked('eth_call')],
      ['callTracer, the whole tree', asked('debug_traceCall', { tracer: 'callTracer' })],
      [
        'callTracer, the top frame only',
        asked('debug_traceCall', { tracer: 'callTracer', tracerConfig: { onlyTopCall: true } }),
      ],
      ['noopTracer (no answer: the floor)', asked('debug_traceCall', { tracer: 'noopTracer' })],
    ] as const;
    console.log(`\n${name} review: its ${answers.length} getter batches' answers, asked as`);
    for (const [k, f] of (await measure(variants)).entries())
      console.log(
        `${variants[k]![0].padEnd(40)} wall ${f.wall.toFixed(3)}  node ${f.node.toFixed(3)}  anvil ${f.anvil.toFixed(3)}`,
      );
  }
} finally {
  await chain.stop();
}
