import type { SimulationProgress } from '../core/primitives/simulationTypes.js';
import { listPluggedLedgers } from '../core/ledger/usbLedgerListing.js';
import { DeviceWatch } from './deviceWatch.js';
import { DrillSession } from './drillSession.js';
import type { ExecutionStep } from './executionStep.js';
import { ProgressBoard } from './progressBoard.js';
import { ReviewScheduler } from './reviewScheduler.js';
import { reviewStoredItem } from './reviewStoredItem.js';
import type { SigningStep } from './signingStep.js';
import { appHandlers } from './handlers/appHandlers.js';
import { auditHandlers } from './handlers/auditHandlers.js';
import { carryHandlers } from './handlers/carryHandlers.js';
import type { ChannelHandlers } from './handlers/channelHandlerTypes.js';
import { clipboardHandlers } from './handlers/clipboardHandlers.js';
import { devicesHandlers } from './handlers/devicesHandlers.js';
import { drillHandlers } from './handlers/drillHandlers.js';
import { executeHandlers } from './handlers/executeHandlers.js';
import type { HandlerContext, StoredReview } from './handlers/handlerContext.js';
import { hashesHandlers } from './handlers/hashesHandlers.js';
import type { MainServices } from './handlers/mainServices.js';
import { messagesHandlers } from './handlers/messagesHandlers.js';
import { nestedHandlers } from './handlers/nestedHandlers.js';
import { queueHandlers } from './handlers/queueHandlers.js';
import { reviewHandlers } from './handlers/reviewHandlers.js';
import { safesHandlers } from './handlers/safesHandlers.js';
import { signHandlers } from './handlers/signHandlers.js';

export type { ChannelHandlers } from './handlers/channelHandlerTypes.js';
export type { MainServices } from './handlers/mainServices.js';

/** The handlers, and the reviews they start unasked (a shutdown, or a test, waits for those). */
export interface MainHandlers {
  handlers: ChannelHandlers;
  backgroundReviews: ReviewScheduler<StoredReview>;
  /** The drill the app runs, if any (a shutdown, or a test, waits for it and its anvil). */
  drill: DrillSession;
  /** Follows the USB bus once asked; a shutdown stops it. */
  devices: DeviceWatch;
}

/** The main process's side of each channel: thin calls into the core, shaped for the renderer. */
export function createHandlers(services: MainServices): ChannelHandlers {
  return createMainHandlers(services).handlers;
}

/** What the screens share is made here once; each screen's handlers live in handlers/, beside its contract file. */
export function createMainHandlers(services: MainServices): MainHandlers {
  const { store } = services;
  const progress = new ProgressBoard<SimulationProgress>();
  const review = async (safeTxHash: string) => {
    progress.start(safeTxHash);
    try {
      return await reviewStoredItem(store, safeTxHash, (p) => progress.report(safeTxHash, p));
    } finally {
      progress.finish(safeTxHash);
    }
  };
  const context: HandlerContext = {
    services,
    store,
    review,
    progress,
    scheduler: new ReviewScheduler((hash) => review(hash), services.log),
    signing: new ProgressBoard<SigningStep>(),
    executing: new ProgressBoard<ExecutionStep>(),
    shownAddresses: new Map(),
    drill: new DrillSession(store, services.dataDir, services.runDrill, services.log),
    devices: services.devices ?? new DeviceWatch(listPluggedLedgers),
  };
  const handlers: ChannelHandlers = {
    ...appHandlers(context),
    ...safesHandlers(context),
    ...queueHandlers(context),
    ...carryHandlers(context),
    ...hashesHandlers(context),
    ...reviewHandlers(context),
    ...signHandlers(context),
    ...executeHandlers(context),
    ...auditHandlers(context),
    ...drillHandlers(context),
    ...messagesHandlers(context),
    ...nestedHandlers(context),
    ...clipboardHandlers(context),
    ...devicesHandlers(context),
  };
  return { handlers, backgroundReviews: context.scheduler, drill: context.drill, devices: context.devices };
}
