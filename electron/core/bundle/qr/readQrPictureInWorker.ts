import { Worker } from 'node:worker_threads';
import { GuardianError } from '../../errors.js';
import type { QrPictureAnswer, QrPictureJob } from './qrPictureWorkerMessages.js';

/** Reads the QR code in a picture: readQrPicture's answer, or its GuardianError. */
export type QrPictureReader = (bytes: Uint8Array, name: string) => Promise<string>;

/**
 * readQrPicture on a worker thread started from `workerFile` (the built qrPictureWorker). Decoding a 12 MP
 * camera JPEG takes seconds of CPU; run in the Electron main process it would hold every window and every IPC
 * answer until it ends. Same answers as readQrPicture; a thread that dies without one is an INVALID_FILE naming
 * the picture, its cause kept.
 */
export function qrPictureReaderIn(workerFile: string | URL): QrPictureReader {
  return (bytes, name) =>
    new Promise((resolve, reject) => {
      const job: QrPictureJob = { bytes, name };
      const worker = new Worker(workerFile, { workerData: job });
      let answered = false;
      const died = (cause: unknown) =>
        new GuardianError(
          'INVALID_FILE',
          `${name} could not be read: the picture reader stopped before it answered. Import the picture again; if it stops again, take a smaller photo or a screenshot of the code.`,
          { cause },
        );
      worker.once('message', (answer: QrPictureAnswer) => {
        answered = true;
        if ('text' in answer) resolve(answer.text);
        else {
          const { code, message, details } = answer.error;
          reject(new GuardianError(code, message, details ? { details } : {}));
        }
      });
      worker.once('error', (cause) => reject(died(cause)));
      worker.once('exit', (exitCode) => {
        if (!answered) reject(died(new Error(`the worker thread exited with code ${exitCode}`)));
      });
    });
}
