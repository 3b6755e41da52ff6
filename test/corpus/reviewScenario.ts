import { fileURLToPath } from 'node:url';
import { readArtifactAbis } from '../../electron/core/decode/artifactAbis.js';
import { storedDecodeOptions } from '../../electron/core/store/storedDecodeOptions.js';
import type { Severity } from '../../electron/core/primitives/severity.js';
import { readArtifactLayouts } from '../../electron/core/simulate/artifactLayouts.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { safeStateOnChain } from '../../electron/core/simulate/safeStateOnChain.js';
import type { Corpus } from './deployCorpus.js';
import type { Scenario } from './corpusScenarios.js';

export type Verdict = 'ok' | 'FALSE ALARM' | 'MISS';

/** What `--artifacts test/corpus/artifacts` would point at, found from this file so the bundled script finds it too. */
const CORPUS_ARTIFACTS = fileURLToPath(new URL('../corpus/artifacts', import.meta.url));

/**
 * Reviews a scenario with what `guardian review <hash>` hands the orchestrator (electron/cli/verbs/review.ts,
 * reviewInput): the owners, threshold and nonce read from the chain, decode options from the guardian's store,
 * no artifacts and so no storage layouts, unless the scenario is one that gives `--artifacts` (then the corpus's
 * compiled artifacts, read by the same functions the CLI uses). It simulates on the corpus chain itself rather than a fork of it:
 * the simulation is a debug_traceCall with state overrides, which changes nothing, and a fork would read the
 * same state.
 */
export async function reviewScenario(corpus: Corpus, scenario: Scenario): Promise<Review> {
  const rpc = batchingRpc(corpus.chain.rpcUrl);
  const { tx } = scenario;
  const state = await safeStateOnChain(rpc, tx.safe);
  return reviewSafeTx({
    provider: rpc,
    tx,
    owners: state.owners,
    threshold: state.threshold,
    safeNonce: state.nonce,
    queuedNonces: [],
    decodeOptions: storedDecodeOptions(
      corpus.store,
      tx.chainId,
      tx.safe,
      scenario.artifacts ? readArtifactAbis(CORPUS_ARTIFACTS) : [],
    ),
    layouts: scenario.artifacts ? readArtifactLayouts(CORPUS_ARTIFACTS) : [],
  });
}

const ALARM: readonly Severity[] = ['critical', 'high'];

/**
 * An honest action with a critical or high is a false alarm; a trap that is not critical is a miss, and so is
 * a real change of behaviour below high.
 */
export function verdictOf(scenario: Scenario, review: Review): Verdict {
  if (scenario.kind === 'honest') return review.worst && ALARM.includes(review.worst) ? 'FALSE ALARM' : 'ok';
  if (scenario.kind === 'change') return review.worst && ALARM.includes(review.worst) ? 'ok' : 'MISS';
  return review.worst === 'critical' ? 'ok' : 'MISS';
}
