import { basename } from 'node:path';
import { checkedReviewBundle, type ReviewBundle } from '../bundle/reviewBundle.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { ownersReplacedLine, type BundleDrillOrigin } from './bundleDrillOrigin.js';
import { startBundleDrillChain } from './bundleDrillChain.js';
import { DRILL_CHAIN_ID, DRILL_SIGNER_LABEL } from './drillDevice.js';
import { drillFigures, type DrillEvent } from './drillTimeline.js';
import { drillClock, type DrillPlanSummary, type DrillResult } from './runDrill.js';
import { runDrillSteps } from './runDrillSteps.js';

/** A drill of a real response is judged as an emergency: quorum in under two hours. */
const TARGETS = { quorumMinutes: 120 };

export interface BundleDrillOptions {
  onEvent?: (event: DrillEvent) => void;
  /**
   * Once the drill chain holds the bundle's state and the drill keys own the Safe, before anything is proposed:
   * where the bundle came from, and the drill's plan (its one step), so a screen can show both from the start.
   */
  onPrepared?: (origin: BundleDrillOrigin, scenario: DrillPlanSummary) => void;
  /**
   * How the bundle is checked: as import checks it, by default; the CLI and the app pass the audited check
   * (auditedReviewBundle), so a refused bundle leaves its trace in the audit log as an import's does.
   */
  check?: (json: unknown, name: string) => Promise<ReviewBundle>;
}

/**
 * A rehearsal of the transaction a review bundle carries, on the team's own Safe and protocol as the bundle's
 * proven pre-state holds them: the bundle is checked as an air-gapped station imports it (refused with its code
 * when any of it does not hold), loaded into a fresh drill chain, the owners replaced by drill keys with the
 * threshold kept, and the transaction proposed as the drill's one step, on the drill chain's id.
 */
export async function runBundleDrill(
  json: unknown,
  name: string,
  options: BundleDrillOptions = {},
): Promise<DrillResult> {
  const bundle = await (options.check ?? checkedReviewBundle)(json, name);
  const { startedAt, events, emit } = drillClock(options.onEvent ?? (() => {}));
  const chain = await startBundleDrillChain(bundle);
  try {
    // The same fields for the drill chain: a drill key signs for no other chain, and the Safe's domain names it.
    const tx = { ...bundle.safeTx, chainId: DRILL_CHAIN_ID };
    const origin: BundleDrillOrigin = {
      file: name,
      chainId: bundle.safeTx.chainId.toString(),
      safe: bundle.safeTx.safe,
      safeVersion: bundle.safe.version,
      safeTxHash: safeTxHash(bundle.safeTx),
      drillSafeTxHash: safeTxHash(tx),
      block: BigInt(bundle.carried.block.number).toString(),
      blockHash: bundle.carried.header?.hash ?? null,
      producer: bundle.producer?.status === 'owner' ? bundle.producer.signer : null,
      owners: { replaced: chain.replaced.owners, drillKeys: [...chain.guardians], threshold: chain.threshold },
      nonce: chain.nonce && { carried: chain.nonce.carried.toString(), set: chain.nonce.set.toString() },
      clock: {
        carriedTimestamp: BigInt(bundle.carried.block.timestamp).toString(),
        drillStartTimestamp: chain.startedAtTimestamp.toString(),
      },
    };
    const label = `The transaction of ${basename(name)} (safeTxHash ${origin.safeTxHash.slice(0, 10)}…)`.slice(0, 200);
    const scenario: DrillPlanSummary = {
      name: `Review bundle ${basename(name)}`.slice(0, 100),
      description: `The transaction of review bundle ${name} (Safe ${origin.safe} on chain ${origin.chainId}, block ${origin.block}), rehearsed on a fresh local drill chain holding the bundle's proven pre-state: ${ownersReplacedLine(origin)}.`,
      emergency: true,
      guardians: chain.guardians.length,
      threshold: chain.threshold,
      targets: TARGETS,
      steps: [{ label, action: 'bundle', expect: 'execute' }],
    };
    options.onPrepared?.(origin, scenario);
    const steps = await runDrillSteps(chain, [{ ...scenario.steps[0]!, safeTx: () => tx }], emit);
    return {
      scenario,
      startedAt,
      chainId: DRILL_CHAIN_ID.toString(),
      safe: chain.safe,
      guardians: [...chain.guardians],
      signer: DRILL_SIGNER_LABEL,
      events,
      steps,
      figures: drillFigures(steps, TARGETS),
      bundle: origin,
    };
  } finally {
    await chain.stop();
  }
}
