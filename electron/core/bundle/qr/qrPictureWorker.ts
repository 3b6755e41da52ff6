import { parentPort, workerData } from 'node:worker_threads';
import { isGuardianError } from '../../errors.js';
import type { QrPictureAnswer, QrPictureJob } from './qrPictureWorkerMessages.js';
import { readQrPicture } from './readQrPicture.js';

// A worker thread's entry (built to dist/electron/qrPictureWorker.cjs): one picture, one answer, then it ends.
// Anything but a GuardianError is left to throw: the thread dies, and the caller says so as a typed error.
const job = workerData as QrPictureJob;
let answer: QrPictureAnswer;
try {
  answer = { text: readQrPicture(job.bytes, job.name) };
} catch (error) {
  if (!isGuardianError(error)) throw error;
  answer = { error: error.toJSON() };
}
parentPort?.postMessage(answer);
