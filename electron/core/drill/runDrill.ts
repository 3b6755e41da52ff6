import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract } from 'ethers';
import { isGuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { pullQueue } from '../queue/pullQueue.js';
import { worstSeverity, bySeverity } from '../risk/finding.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { executeQueueItem } from '../signing/executeQueueItem.js';
import { postConfirmation } from '../signing/postConfirmation.js';
import { reviewForSigning } from '../signing/reviewForSigning.js';
import { signQueueItem } from '../signing/signQueueItem.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import { openStore, type Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';
import { drillGuardianPath, startDrillChain, type DrillChain } from './drillChain.js';
import { DRILL_CHAIN_ID, DRILL_SIGNER_LABEL, openDrillDevice } from './drillDevice.js';
import type { DrillScenario, DrillStep } from './drillScenario.js';
import { drillFigures, type DrillEvent, type DrillFigures, type DrillStepResult } from './drillTimeline.js';
import { drillSafeTx } from './drillTransactions.js';
import { findTransaction } from './serviceState.js';
import { startLoopbackService, type LoopbackService } from './localTransactionService.js';

export interface DrillResult {
  scenario: DrillScenario;
  startedAt: string;
  chainId: string;
  safe: string;
  guardians: string[];
  signer: string;
  events: DrillEvent[];
  steps: DrillStepResult[];
  figures: DrillFigures;
}

interface Guardian {
  index: number;
  address: string;
  store: Store;
  watched: WatchedSafe;
  device: LedgerEthApp;
}

const vaultReads = new Contract('0x0000000000000000000000000000000000000000', [
  'function paused() view returns (bool)',
  'function owner() view returns (address)',
]);

/**
 * A rehearsal with drill signers standing in for the guardians: each step is proposed through a local
 * Transaction Service; each guardian, at a console of their own (own store), pulls it, reviews it on the drill
 * chain and signs or refuses as the console's verdict says (refused on any critical finding, as the gate
 * demands an explicit acknowledgement); the threshold's last signer executes; the effect is read back from the
 * chain. Every moment is timed, and the result says which traps were refused and how long quorum took.
 */
export async function runDrill(
  scenario: DrillScenario,
  onEvent: (event: DrillEvent) => void = () => {},
): Promise<DrillResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const events: DrillEvent[] = [];
  const emit = (step: number, kind: DrillEvent['kind'], guardian: number | null, detail: string) => {
    const event = { step, kind, guardian, atMs: Date.now() - started, detail };
    events.push(event);
    onEvent(event);
    return event.atMs;
  };
  const chain = await startDrillChain({ guardians: scenario.guardians, threshold: scenario.threshold });
  const folders: string[] = [];
  let service: LoopbackService | undefined;
  const guardians: Guardian[] = [];
  try {
    service = await startLoopbackService({ chainId: DRILL_CHAIN_ID });
    for (let index = 0; index < scenario.guardians; index++) {
      const folder = mkdtempSync(join(tmpdir(), `guardian-drill-${index}-`));
      folders.push(folder);
      const store = openStore({ dataDir: folder });
      const watched = store.addWatchedSafe({
        chainId: DRILL_CHAIN_ID,
        address: chain.safe,
        serviceUrl: service.url,
        rpcUrl: chain.rpcUrl,
        label: 'Drill Safe',
      });
      guardians.push({
        index,
        address: chain.guardians[index]!,
        store,
        watched,
        device: await openDrillDevice(chain.rpcUrl, chain.mnemonic),
      });
    }
    const steps: DrillStepResult[] = [];
    for (const [i, step] of scenario.steps.entries())
      steps.push(await runStep(i, step, scenario, chain, service, guardians, emit));
    return {
      scenario,
      startedAt,
      chainId: DRILL_CHAIN_ID.toString(),
      safe: chain.safe,
      guardians: chain.guardians,
      signer: DRILL_SIGNER_LABEL,
      events,
      steps,
      figures: drillFigures(steps, scenario.targets),
    };
  } finally {
    for (const g of guardians) g.store.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await service?.stop();
    await chain.stop();
  }
}

async function runStep(
  stepIndex: number,
  step: DrillStep,
  scenario: DrillScenario,
  chain: DrillChain,
  service: LoopbackService,
  guardians: readonly Guardian[],
  emit: (step: number, kind: DrillEvent['kind'], guardian: number | null, detail: string) => number,
): Promise<DrillStepResult> {
  const safe = new Contract(chain.safe, ['function nonce() view returns (uint256)'], chain.provider);
  const nonce = (await safe.getFunction('nonce')()) as bigint;
  service.setSafe({
    address: chain.safe,
    owners: chain.guardians,
    threshold: scenario.threshold,
    nonce,
    version: '1.4.1',
    chainId: DRILL_CHAIN_ID,
  });
  const tx = drillSafeTx(chain, step.action, nonce, DRILL_CHAIN_ID);
  const hash = safeTxHash(tx);
  service.addMultisigTx(tx, { proposer: chain.guardians[0]! });
  const proposedAt = emit(stepIndex, 'proposed', null, `${step.label} (nonce ${nonce})`);
  const before = await effectReading(chain);
  let worst: DrillStepResult['worst'] = null;
  let headline: string | null = null;
  const signers: Guardian[] = [];
  let quorumAt: number | null = null;
  for (const g of guardians) {
    if (signers.length >= scenario.threshold) break;
    await pullQueue(g.store, g.watched);
    const item = g.store.getQueueItem(hash);
    const review = await reviewForSigning(g.store, item, chain.provider);
    const first = bySeverity(review.findings)[0];
    worst = worstSeverity(review.findings);
    headline = first && first.severity !== 'info' ? first.title : (first?.title ?? null);
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
        simulationProvider: chain.provider,
        mode: 'full',
      });
      await postConfirmation(g.store, { serviceUrl: service.url, safeTxHash: hash, owner: g.address });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      emit(stepIndex, 'refused', g.index, `${error.code}: ${error.message}`);
      continue;
    }
    signers.push(g);
    emit(stepIndex, 'signed', g.index, `${signers.length} of ${scenario.threshold}`);
    if (signers.length === scenario.threshold)
      quorumAt = emit(stepIndex, 'threshold', null, `${scenario.threshold} of ${scenario.guardians} signed`);
  }
  let outcome: DrillStepResult['outcome'] = signers.length >= scenario.threshold ? 'stalled' : 'refused';
  let executedAt: number | null = null;
  if (signers.length >= scenario.threshold) {
    const executor = signers.at(-1)!;
    try {
      await pullQueue(executor.store, executor.watched);
      const sent = await executeQueueItem({
        store: executor.store,
        app: executor.device,
        provider: chain.provider,
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
  const after = await effectReading(chain);
  const verifiedOnChain =
    step.expect === 'execute' ? outcome === 'executed' && tookEffect(step, after, chain) : after === before;
  if (outcome === 'executed' || step.expect === 'refuse')
    emit(stepIndex, 'verified', null, verifiedOnChain ? `on chain: ${after}` : `NOT as expected on chain: ${after}`);
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

/** What the step is about, read from the chain: the Vault's paused flag, owner and implementation. */
async function effectReading(chain: DrillChain): Promise<string> {
  const vault = vaultReads.attach(chain.vault).connect(chain.provider) as Contract;
  const [paused, owner, implementation] = await Promise.all([
    vault.getFunction('paused')() as Promise<boolean>,
    vault.getFunction('owner')() as Promise<string>,
    chain.provider.getStorage(chain.vault, EIP1967.implementation),
  ]);
  return `paused=${paused} owner=${owner} implementation=0x${implementation.slice(26)}`;
}

/** An honest step took effect when the chain reads what it set: the flag, or the new implementation in the ERC-1967 slot. */
function tookEffect(step: DrillStep, after: string, chain: DrillChain): boolean {
  if (step.action === 'pause') return after.includes('paused=true');
  if (step.action === 'unpause') return after.includes('paused=false');
  if (step.action === 'upgrade') return after.includes(`implementation=${chain.vaultV2Implementation.toLowerCase()}`);
  return false;
}
