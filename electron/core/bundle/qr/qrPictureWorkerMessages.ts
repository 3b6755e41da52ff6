import type { GuardianErrorCode } from '../../errors.js';

/** What the picture worker is handed: one picture's bytes and the name its messages use. */
export interface QrPictureJob {
  bytes: Uint8Array;
  name: string;
}

/** What it answers: the code's text, or the GuardianError readQrPicture threw, as plain data across the thread. */
export type QrPictureAnswer =
  { text: string } | { error: { code: GuardianErrorCode; message: string; details?: Record<string, unknown> } };
