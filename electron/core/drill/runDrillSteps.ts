import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, type JsonRpcProvider } from 'ethers';
import { isGuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { pullQueue } from '../queue/pullQueue.js';
import { worstSeverity, bySeverity } from '../risk/finding.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { executeQueueItem } from '../signing/executeQueueItem.js';
import { postConfirmation } from '../signing/postConfirmation.js';
import { reviewForSigning } from '../signing/reviewForSigning.js';
import { signQueueItem } from '../signing/signQueueItem.js';
import { reviewSafeTx } from '../simulate/reviewSafeTx.js';
import { storedReviewInput } from '../simulate/storedReviewInput.js';
import { openStore, type Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';
import { drillGuardianPath } from './drillChain.js';
import { DRILL_CHAIN_ID, openDrillDevice } from './drillDevice.js';
import type { DrillEvent, DrillStepResult } from './drillTimeline.js';
import { controlPrediction } from './predictedControls.js';
import { findTransaction } from './serviceState.js';
import { readSafeControls } from './safeControls.js';
import { checkEffect, type StepPrediction } from './stepEffect.js';
import { startLoopbackService, type LoopbackService } from './localTransactionService.js';

/** The drill chain as the timeline needs it: the Safe the drill keys own, and where to reach it. */
export interface DrillStage {
  rpcUrl: string;
  provider: JsonRpcProvider;
  safe: string;
  safeVersion: string;
  /** The drill keys' phrase; guardian i signs with drillGuardianPath(i). */
  mnemonic: string;
  guardians: readonly string[];
  /** ABIs each guardian's console knows on the drill chain (a bundle's), so calls are named as at home. */
  abis?: ReadonlyArray<{ address: string; name: string | null; abi: unknown[] }>;
}

/** A step as the timeline runs it: the Safe transaction at the Safe's next nonce. */
export interface PlannedStep {
  label: string;
  action: string;
  expect: 'execute' | 'refuse';
  safeTx(nonce: bigint): SafeTx;
}

export interface DrillStepsOptions {
  /**
   * Between a step's execution and the reading of its effect: where a rehearsal stages another actor acting on
   * the chain in that moment (a module undoing the pause), and the read-back must then say the effect is gone.
   */
  afterExecution?: (step: number) => Promise<void>;
}

const SAFE_READS = ['function nonce() view returns (uint256)', 'function getThreshold() view returns (uint256)'];

type Emit = (step: number, kind: DrillEvent['kind'], guardian: number | null, detail: string) => number;

interface Guardian {
  index: number;
  address: string;
  store: Store;
  watched: WatchedSafe;
  device: LedgerEthApp;
}

/**
 * The drill's timeline on a prepared drill chain: each guardian gets a console of their own (own store) watching
 * the Safe through a local Transaction Service; every step is proposed there, pulled, reviewed, signed or
 * refused, executed by the threshold's last signer and read back from the chain.
 */
export async function runDrillSteps(
  stage: DrillStage,
  plan: readonly PlannedStep[],
  emit: Emit,
  options: DrillStepsOptions = {},
) {
  const folders: string[] = [];
  let service: LoopbackService | undefined;
  const guardians: Guardian[] = [];
  try {
    service = await startLoopbackService({ chainId: DRILL_CHAIN_ID });
    for (const [index, address] of stage.guardians.entries()) {
      const folder = mkdtempSync(join(tmpdir(), `guardian-drill-${index}-`));
      folders.push(folder);
      const store = openStore({ dataDir: folder });
      const watched = store.addWatchedSafe({
        chainId: DRILL_CHAIN_ID,
        address: stage.safe,
        serviceUrl: service.url,
        rpcUrl: stage.rpcUrl,
        label: 'Drill Safe',
      });
      for (const abi of stage.abis ?? [])
        store.saveAbi({ chainId: DRILL_CHAIN_ID, address: abi.address, name: abi.name, abi: abi.abi });
      guardians.push({ index, address, store, watched, device: await openDrillDevice(stage.rpcUrl, stage.mnemonic) });
    }
    const steps: DrillStepResult[] = [];
    for (const [i, step] of plan.entries())
      steps.push(await runStep(i, step, { stage, service, guardians, emit, options }));
    return steps;
  } finally {
    for (const g of guardians) g.store.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await service?.stop();
  }
}

interface StepContext {
  stage: DrillStage;
  service: LoopbackService;
  guardians: readonly Guardian[];
  emit: Emit;
  options: DrillStepsOptions;
}

async function runStep(stepIndex: number, step: PlannedStep, context: StepContext): Promise<DrillStepResult> {
  const { stage, service, guardians, emit } = context;
  const safe = new Contract(stage.safe, SAFE_READS, stage.provider);
  // The threshold as the Safe holds it now: an earlier step of the drill may have changed it.
  const [nonce, held] = (await Promise.all([safe.getFunction('nonce')(), safe.getFunction('getThreshold')()])) as [
    bigint,
    bigint,
  ];
  const threshold = Number(held);
  service.setSafe({
    address: stage.safe,
    owners: [...stage.guardians],
    threshold,
    nonce,
    version: stage.safeVersion,
    chainId: DRILL_CHAIN_ID,
  });
  const tx = step.safeTx(nonce);
  const hash = safeTxHash(tx);
  // What the step changes, as a guardian's review predicts it, asked before its clock starts: not a guardian's time.
  const predictor = guardians[0]!;
  await pullQueue(predictor.store, predictor.watched);
  const prediction = await predictControls(predictor.store, tx, stage.provider);
  const safeBefore = await readSafeControls(stage.provider, stage.safe);
  service.addMultisigTx(tx, { proposer: stage.guardians[0]! });
  const proposedAt = emit(stepIndex, 'proposed', null, `${step.label} (nonce ${nonce})`);
  let worst: DrillStepResult['worst'] = null;
  let headline: string | null = null;
  const signers: Guardian[] = [];
  let quorumAt: number | null = null;
  const of = `${threshold} of ${stage.guardians.length}`;
  for (const g of guardians) {
    if (signers.length >= threshold) break;
    await pullQueue(g.store, g.watched);
    const item = g.store.getQueueItem(hash);
    const review = await reviewForSigning(g.store, item, stage.provider);
    const first = bySeverity(review.findings)[0];
    worst = worstSeverity(review.findings);
    headline = first?.title ?? null;
    emit(
      stepIndex,
      'reviewed',
      g.index,
      review.status === 'complete'
        ? `worst ${worst ?? 'none'}${first ? `: ${first.title}` : ''}`
        : `incomplete: ${review.checksNotRun.join('; ')}`,
    );
    if (review.status !== 'complete' || worst === 'critical') {
      emit(
        stepIndex,
        'refused',
        g.index,
        review.status !== 'complete' ? 'the review could not run' : `critical: ${first!.title}`,
      );
      continue;
    }
    try {
      await signQueueItem({
        store: g.store,
        app: g.device,
        safeTxHash: hash,
        path: drillGuardianPath(g.index),
        simulationProvider: stage.provider,
        mode: 'full',
      });
      await postConfirmation(g.store, { serviceUrl: service.url, safeTxHash: hash, owner: g.address });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      emit(stepIndex, 'refused', g.index, `${error.code}: ${error.message}`);
      continue;
    }
    signers.push(g);
    emit(stepIndex, 'signed', g.index, `${signers.length} of ${threshold}`);
    if (signers.length === threshold) quorumAt = emit(stepIndex, 'threshold', null, `${of} signed`);
  }
  let outcome: DrillStepResult['outcome'] = signers.length >= threshold ? 'stalled' : 'refused';
  let executedAt: number | null = null;
  if (signers.length >= threshold) {
    const executor = signers.at(-1)!;
    try {
      await pullQueue(executor.store, executor.watched);
      const sent = await executeQueueItem({
        store: executor.store,
        app: executor.device,
        provider: stage.provider,
        safeTxHash: hash,
        path: drillGuardianPath(executor.index),
      });
      if (sent.success) {
        outcome = 'executed';
        executedAt = emit(stepIndex, 'executed', executor.index, sent.transactionHash);
        const served = findTransaction(service.state, hash);
        if (served)
          Object.assign(served, {
            isExecuted: true,
            isSuccessful: true,
            executionDate: new Date().toISOString(),
            transactionHash: sent.transactionHash,
          });
      } else emit(stepIndex, 'failed', executor.index, 'the Safe ran it and its call failed (ExecutionFailure)');
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      emit(stepIndex, 'failed', executor.index, `${error.code}: ${error.message}`);
    }
  }
  if (outcome === 'executed') await context.options.afterExecution?.(stepIndex);
  const safeControls = {
    safe: stage.safe,
    before: safeBefore,
    after: await readSafeControls(stage.provider, stage.safe),
  };
  const { verifiedOnChain, reading } = await checkEffect(step.expect, outcome, prediction, safeControls);
  if (outcome === 'executed' || step.expect === 'refuse')
    emit(
      stepIndex,
      'verified',
      null,
      verifiedOnChain ? `on chain: ${reading}` : `NOT as expected on chain: ${reading}`,
    );
  const passed = step.expect === 'execute' ? verifiedOnChain : outcome !== 'executed' && verifiedOnChain;
  return {
    label: step.label,
    action: step.action,
    expect: step.expect,
    safeTxHash: hash,
    worst,
    headline,
    outcome,
    verifiedOnChain,
    reading,
    quorumMs: quorumAt === null ? null : quorumAt - proposedAt,
    executionMs: executedAt === null ? null : executedAt - proposedAt,
    passed,
  };
}

/** The step's review, run as a guardian's console runs it, and the control values it predicts the step changes. */
async function predictControls(store: Store, tx: SafeTx, provider: JsonRpcProvider): Promise<StepPrediction> {
  try {
    const input = storedReviewInput(store, tx, provider);
    const review = await reviewSafeTx(input);
    const sources = {
      registered: input.decodeOptions?.registeredAbis ?? [],
      artifacts: input.decodeOptions?.artifacts ?? [],
    };
    return controlPrediction(review, { safe: tx.safe, provider, sources });
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return { failure: error.message };
  }
}
