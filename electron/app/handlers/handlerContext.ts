import type { SimulationProgress } from '../../core/primitives/simulationTypes.js';
import type { Store } from '../../core/store/openStore.js';
import type { DeviceWatch } from '../deviceWatch.js';
import type { DrillSession } from '../drillSession.js';
import type { ExecutionStep } from '../executionStep.js';
import type { ProgressBoard } from '../progressBoard.js';
import type { ReviewScheduler } from '../reviewScheduler.js';
import type { reviewStoredItem } from '../reviewStoredItem.js';
import type { SigningStep } from '../signingStep.js';
import type { MainServices } from './mainServices.js';

export type StoredReview = Awaited<ReturnType<typeof reviewStoredItem>>;

/**
 * What the screens' handlers share, made once by createMainHandlers: one review, signing or execution of a
 * transaction at a time across every channel that starts one, and one record of what each review showed.
 */
export interface HandlerContext {
  services: MainServices;
  store: Store;
  /** Reviews a stored transaction, its steps on `progress` while it runs. */
  review(safeTxHash: string): Promise<StoredReview>;
  progress: ProgressBoard<SimulationProgress>;
  /** Whatever lands here is reviewed before a guardian asks: the queue's first glance carries the simulation's verdict. */
  scheduler: ReviewScheduler<StoredReview>;
  /** Shared by queue.sign and messages.sign: a second signing of the same hash is refused while one runs. */
  signing: ProgressBoard<SigningStep>;
  executing: ProgressBoard<ExecutionStep>;
  /** The addresses each transaction's latest review showed: the only ones the renderer may put on the clipboard. */
  shownAddresses: Map<string, Set<string>>;
  drill: DrillSession;
  devices: DeviceWatch;
}
