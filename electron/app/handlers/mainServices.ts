import type { QrPictureReader } from '../../core/bundle/qr/readQrPictureInWorker.js';
import type { runDrill } from '../../core/drill/runDrill.js';
import type { Transport } from '../../core/ledger/ledgerLibraries.js';
import type { Store } from '../../core/store/openStore.js';
import type { DeviceWatch } from '../deviceWatch.js';

/** What the main process hands the handlers: real objects in the app, real local ones in the tests. */
export interface MainServices {
  store: Store;
  /** Electron's clipboard in the app; anything with writeText in tests. */
  clipboard: { writeText(text: string): void };
  version: string;
  dataDir: string;
  /** The Ledger to sign with: the one plugged in over USB in the app, a software device in the tests. */
  openLedger(): Promise<Transport>;
  /** Where a failure that is not a GuardianError (a bug) in work the renderer did not wait for is logged. */
  log?: (message: string, error: unknown) => void;
  /** How a drill runs: runDrill in the app; tests may hand in the same function. */
  runDrill?: typeof runDrill;
  /**
   * How an imported picture's QR code is read: on a worker thread in the app (qrPictureReaderIn), so a camera's
   * photo does not hold every window for seconds; inline when absent.
   */
  readQrPicture?: QrPictureReader;
  /** Plug and unplug: over the USB bus when absent, over a scripted bus in tests. */
  devices?: DeviceWatch;
}
