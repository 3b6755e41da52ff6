import { GuardianError } from '../core/errors.js';

/**
 * Where each running piece of long work (a review, a signing) stands, by safeTxHash, for the renderer to ask
 * while it waits: a fork of a remote chain takes seconds, a device waits for a person, and a guardian under
 * pressure must see that something is happening and what. The renderer asks (an allow-listed invoke channel);
 * the main process never pushes to it.
 */
export class ProgressBoard<Step> {
  private readonly running = new Map<string, Step[]>();

  start(safeTxHash: string): void {
    this.running.set(safeTxHash.toLowerCase(), []);
  }

  report(safeTxHash: string, progress: Step): void {
    this.running.get(safeTxHash.toLowerCase())?.push(progress);
  }

  /** Every step so far, oldest first, or null when nothing for this transaction is running. */
  read(safeTxHash: string): Step[] | null {
    const steps = this.running.get(safeTxHash.toLowerCase());
    return steps ? [...steps] : null;
  }

  finish(safeTxHash: string): void {
    this.running.delete(safeTxHash.toLowerCase());
  }

  /**
   * Runs `work` as the only one of its kind for this transaction, its steps on the board until it ends: one
   * device, one person, so a second signing (or execution) of the same transaction is refused while one runs.
   */
  async alone<T>(safeTxHash: string, busy: string, work: (report: (step: Step) => void) => Promise<T>): Promise<T> {
    if (this.read(safeTxHash)) throw new GuardianError('SIGNING_REFUSED', busy);
    this.start(safeTxHash);
    try {
      return await work((step) => this.report(safeTxHash, step));
    } finally {
      this.finish(safeTxHash);
    }
  }
}
