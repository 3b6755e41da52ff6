import { deployBenchScenarios } from './benchScenarios.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { carriedState, loadCarriedState } from '../../electron/core/simulate/replaySimulation.js';
import { readArtifactAbis } from '../../electron/core/decode/artifactAbis.js';
import { readArtifactLayouts } from '../../electron/core/simulate/artifactLayouts.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { execTransactionCall, type RpcClient } from '../../electron/core/simulate/simulateSafeTx.js';
import type { SimulationProgress } from '../../electron/core/primitives/simulationTypes.js';
import { startTestChain, type TestChain } from '../../test/chain/testChain.js';

const RUNS = 201;
const ARTIFACTS = 'contracts/artifacts';
const WARM_UPS = 100;
const REPLAYS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Medians of `a` and `b` measured in turns, so a slow moment of the machine (GC, the other core busy) falls on
 * both alike, after warm-ups for anvil's caches and V8's JIT.
 */
async function measurePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < WARM_UPS; i++) {
    await a();
    await b();
  }
  const [as, bs]: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    as.push(await time(a));
    bs.push(await time(b));
  }
  return [median(as), median(bs)];
}

/** The same transaction, traced once with callTracer through the same client: the floor a review is held to. */
function bareTrace(chain: TestChain, tx: SafeTx, owners: string[]): () => Promise<unknown> {
  const rpc = batchingRpc(chain.rpcUrl);
  const { call, overrides } = execTransactionCall(tx, owners, 2);
  return () =>
    rpc.send('debug_traceCall', [
      call,
      'latest',
      { tracer: 'callTracer', tracerConfig: { withLog: true }, stateOverrides: overrides },
    ]);
}

/**
 * Where a review's time goes, read from its own progress reports: before its batch leaves (hashes, the
 * execTransaction call), waiting for the chain (decoding meanwhile), and after (diff, events, findings, any
 * further reads).
 */
async function phases(
  run: (onProgress: (p: SimulationProgress) => void) => Promise<unknown>,
): Promise<{ before: number; chain: number; after: number }> {
  const [befores, chains, afters]: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < RUNS; i++) {
    const marks: number[] = [];
    const start = performance.now();
    await run((p) => p.stage === 'tracing' && marks.push(performance.now()));
    const end = performance.now();
    befores.push(marks[0]! - start);
    chains.push(marks[1]! - marks[0]!);
    afters.push(end - marks[1]!);
  }
  return { before: median(befores), chain: median(chains), after: median(afters) };
}

/**
 * How many JSON-RPC batches one review sends: a client that counts each batch as batchingRpc forms it (every
 * request of one turn of the event loop, or up to a flush). A figure the machine's load cannot move.
 */
async function roundTrips(chain: TestChain, run: (provider: RpcClient) => Promise<unknown>): Promise<number> {
  const inner = batchingRpc(chain.rpcUrl);
  let batches = 0;
  let open = false;
  const client: RpcClient = {
    send(method, params) {
      if (!open) {
        open = true;
        batches++;
        setImmediate(() => (open = false));
      }
      return inner.send(method, params);
    },
    flush() {
      open = false;
      inner.flush?.();
    },
  };
  await run(client);
  return batches;
}

const chain = await startTestChain();
try {
  const { contracts, owners, protocol, pause, uups, batch } = await deployBenchScenarios(chain);
  const scenarios: Record<string, SafeTx> = {
    'emergency pause': pause,
    'UUPS upgrade': uups,
    '20-action batch': batch,
  };
  const review = (
    tx: SafeTx,
    provider: RpcClient | TestChain['provider'] = chain.provider,
    carry = false,
    onProgress?: (p: SimulationProgress) => void,
  ) =>
    reviewSafeTx({
      provider,
      tx,
      owners,
      threshold: 2,
      safeNonce: 0n,
      carry,
      decodeOptions: { extraMultiSend: [contracts.multiSendCallOnly] },
      ...(onProgress ? { onProgress } : {}),
    });

  console.log(
    `Guardian Console bench: median of ${RUNS} runs each (${REPLAYS} for replays), on a local anvil, ${new Date().toISOString()}\n`,
  );
  const verdicts: string[] = [];
  const spent: string[] = [];
  console.log(
    'scenario           review (ms)   bare debug_traceCall (ms)   ratio   replay from carried state (ms)   of which loading (ms)',
  );
  // Every ratio first, before any fresh anvil is started and stopped for the replays: a process winding down
  // on this 2-core machine moved the next scenario's figures by a tenth.
  const pairs = new Map<string, [number, number]>();
  for (const [name, tx] of Object.entries(scenarios))
    pairs.set(name, await measurePair(() => review(tx), bareTrace(chain, tx, owners)));
  for (const [name, tx] of Object.entries(scenarios)) {
    const [reviewMs, traceMs] = pairs.get(name)!;
    const split = await phases((onProgress) => review(tx, chain.provider, false, onProgress));
    spent.push(
      `${name.padEnd(18)} ${[split.before, split.chain, split.after].map((ms) => ms.toFixed(2).padStart(16)).join('   ')}`,
    );
    // Carried as a file would carry it: through JSON.
    const carried = JSON.parse(
      JSON.stringify(carriedState((await review(tx, chain.provider, true)).simulation)),
    ) as ReturnType<typeof carriedState>;
    const replays: number[] = [];
    const loads: number[] = [];
    for (let i = 0; i < REPLAYS; i++) {
      const fresh = await startTestChain();
      try {
        replays.push(
          await time(async () => {
            loads.push(await time(() => loadCarriedState(fresh.provider, carried, { tx, owners, threshold: 2 })));
            await review(tx, fresh.provider);
          }),
        );
      } finally {
        await fresh.stop();
      }
    }
    const row = [
      reviewMs.toFixed(1).padStart(11),
      traceMs.toFixed(1).padStart(25),
      `${(reviewMs / traceMs).toFixed(1)}x`.padStart(5),
      median(replays).toFixed(1).padStart(30),
      median(loads).toFixed(1).padStart(21),
    ];
    console.log(`${name.padEnd(18)} ${row.join('   ')}`);
    if (name === 'emergency pause')
      verdicts.push(`pause under 300 ms median: ${reviewMs < 300 ? 'met' : 'NOT met'} (${reviewMs.toFixed(1)} ms)`);
    verdicts.push(
      `${name} within 2x of its bare trace: ${reviewMs <= 2 * traceMs ? 'met' : 'NOT met'} (${(reviewMs / traceMs).toFixed(1)}x)`,
    );
  }
  // As the CLI runs with --artifacts: the protocol's ABIs and storage layouts read from disk for each review, as
  // each job reads them. Informational: no target, but it is what a guardian's station actually does.
  const withArtifacts = () =>
    reviewSafeTx({
      provider: chain.provider,
      tx: scenarios['UUPS upgrade']!,
      owners,
      threshold: 2,
      safeNonce: 0n,
      layouts: readArtifactLayouts(ARTIFACTS),
      decodeOptions: { artifacts: readArtifactAbis(ARTIFACTS), extraMultiSend: [contracts.multiSendCallOnly] },
    });
  const [artifactsMs, plainMs] = await measurePair(withArtifacts, () => review(scenarios['UUPS upgrade']!));
  console.log(
    `\nUUPS upgrade with the protocol's artifacts and storage layouts read from disk, as guardian review --artifacts does: ${artifactsMs.toFixed(1)} ms (${plainMs.toFixed(1)} ms without)`,
  );
  // One at a time: two reviews at once would share their batches.
  const trips: string[] = [];
  for (const [name, tx] of Object.entries(scenarios)) {
    const count = await roundTrips(chain, (provider) => review(tx, provider));
    if (name !== 'UUPS upgrade') trips.push(`${name} ${count}`);
    else {
      // The figures above are for a proxy reviewed before (its getters remembered): say what a first review costs.
      forgetGetters();
      const first = await roundTrips(chain, (provider) => review(tx, provider));
      trips.push(`${name} ${count} (${first} the first time this console sees the proxy)`);
    }
  }
  console.log(`\nJSON-RPC round trips per review: ${trips.join(', ')}`);
  console.log("\nWhere a review's time goes (medians, ms):");
  console.log('scenario           before sending   waiting for chain   after the answer');
  for (const line of spent) console.log(line);
  console.log('\nTargets: a pause reviewed in under 300 ms median; review within 2x of the bare trace.');
  for (const v of verdicts) console.log(`  ${v}`);
  console.log(
    'A review sends one JSON-RPC batch: the call tree with logs and the state diff (two EVM runs where the bare trace is one),',
  );
  console.log(
    "the Safe's configuration slots for a DELEGATECALL or a call to the Safe itself, and for an upgrade through a ProxyAdmin the",
  );
  console.log(
    "new implementation's proxiableUUID() (two runs more; a UUPS upgrade's answer is read from its own check in the call tree).",
  );
  console.log(
    "It decodes while the chain traces. An upgrade also asks the proxy's getters in that batch, before and in the state the",
  );
  console.log(
    'calldata predicts (the new implementation in its ERC-1967 slot): the first time every getter its ABIs declare, those keyed',
  );
  console.log(
    'by the Upgraded event too, then those compared the last time, and owner() before; all of one state in one call of a helper',
  );
  console.log(
    'laid at the zero address (getterBatch.ts), asked twice: its return data (the answers, from its top frame alone), and the accounts',
  );
  console.log(
    "they read with their code (the proxy's, the old and the new implementation's: no eth_getCode or owner() trace beside them).",
  );
  console.log(
    'An answer stands only where the state after agrees on all that batch read; a getter not guessed, a guess the upgrade did',
  );
  console.log('not bear out, or a write no layout names sends one batch more after the answer.');
  console.log(
    "The upgrade's bare trace is barely one round trip (one small EVM run); its review's one batch holds six traces and four",
  );
  console.log(
    "small requests (the block, its number, two of the Safe's slots), so its ratio stays above the others' without a second trip.",
  );
  console.log(
    "The rest is this machine's own work: the hashes and the execTransaction call before sending, the diff, the events, the calls and",
  );
  console.log('the findings after.');
} finally {
  await chain.stop();
}
