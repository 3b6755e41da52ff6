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
import { openStore, type Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';
import { drillGuardianPath } from './drillChain.js';
import { DRILL_CHAIN_ID, openDrillDevice } from './drillDevice.js';
import type { DrillEvent, DrillStepResult } from './drillTimeline.js';
import { findTransaction } from './serviceState.js';
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
  threshold: number;
  /** ABIs each guardian's console knows on the drill chain (a bundle's), so calls are named as at home. */
  abis?: ReadonlyArray<{ address: string; name: string | null; abi: unknown[] }>;
}

/** What an honest step must leave on the chain: a reading before and after, and whether the after is its effect. */
export interface EffectCheck {
  read(): Promise<string>;
  tookEffect(after: string): boolean;
}

/** A step as the timeline runs it: the Safe transaction at the Safe's next nonce, and how its effect is read back. */
export interface PlannedStep {
  label: string;
  action: string;
  expect: 'execute' | 'refuse';
  safeTx(nonce: bigint): SafeTx;
  /** Null where this console knows no reading of the call's effect: the Safe's ExecutionSuccess is all it checks. */
  effect: EffectCheck | null;
}

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
export async function runDrillSteps(stage: DrillStage, plan: readonly PlannedStep[], emit: Emit) {
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
    for (const [i, step] of plan.entries()) steps.push(await runStep(i, step, stage, service, guardians, emit));
    return steps;
  } finally {
    for (const g of guardians) g.store.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await service?.stop();
  }
}

async function runStep(
  stepIndex: number,
  step: PlannedStep,
  stage: DrillStage,
  service: LoopbackService,
  guardians: readonly Guardian[],
  emit: Emit,
): Promise<DrillStepResult> {
  const safe = new Contract(stage.safe, ['function nonce() view returns (uint256)'], stage.provider);
  const nonce = (await safe.getFunction('nonce')()) as bigint;
  service.setSafe({
    address: stage.safe,
    owners: [...stage.guardians],
    threshold: stage.threshold,
    nonce,
    version: stage.safeVersion,
    chainId: DRILL_CHAIN_ID,
  });
  const tx = step.safeTx(nonce);
  const hash = safeTxHash(tx);
  service.addMultisigTx(tx, { proposer: stage.guardians[0]! });
  const proposedAt = emit(stepIndex, 'proposed', null, `${step.label} (nonce ${nonce})`);
  const before = (await step.effect?.read()) ?? null;
  let worst: DrillStepResult['worst'] = null;
  let headline: string | null = null;
  const signers: Guardian[] = [];
  let quorumAt: number | null = null;
  const of = `${stage.threshold} of ${stage.guardians.length}`;
  for (const g of guardians) {
    if (signers.length >= stage.threshold) break;
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
    emit(stepIndex, 'signed', g.index, `${signers.length} of ${stage.threshold}`);
    if (signers.length === stage.threshold) quorumAt = emit(stepIndex, 'threshold', null, `${of} signed`);
  }
  let outcome: DrillStepResult['outcome'] = signers.length >= stage.threshold ? 'stalled' : 'refused';
  let executedAt: number | null = null;
  if (signers.length >= stage.threshold) {
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
  const { verifiedOnChain, reading } = await checkEffect(step, outcome, before);
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
    quorumMs: quorumAt === null ? null : quorumAt - proposedAt,
    executionMs: executedAt === null ? null : executedAt - proposedAt,
    passed,
  };
}

/**
 * An honest step is verified when it executed and the chain reads its effect; a trap when the reading is
 * unchanged. Without a reading, only the Safe's own word (ExecutionSuccess, checked by executeQueueItem) stands
 * for an honest step, and a trap is verified by not having executed.
 */
async function checkEffect(
  step: PlannedStep,
  outcome: DrillStepResult['outcome'],
  before: string | null,
): Promise<{ verifiedOnChain: boolean; reading: string }> {
  if (!step.effect)
    return step.expect === 'execute'
      ? {
          verifiedOnChain: outcome === 'executed',
          reading: 'the Safe reported ExecutionSuccess; no reading of this call’s effect is known to this console',
        }
      : { verifiedOnChain: outcome !== 'executed', reading: 'not executed' };
  const after = await step.effect.read();
  const verifiedOnChain =
    step.expect === 'execute' ? outcome === 'executed' && step.effect.tookEffect(after) : after === before;
  return { verifiedOnChain, reading: after };
}
