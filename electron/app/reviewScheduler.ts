import { GuardianError } from '../core/errors.js';

/** Where a transaction stands with the scheduler: waiting its turn, being reviewed, or its last try failed. */
export type ScheduledReview = { state: 'queued' } | { state: 'reviewing' } | { state: 'failed'; message: string };

/**
 * Reviews what lands on this station (pulled, imported) without being asked, one at a time in arrival order:
 * a guardian's first glance at the queue must already carry the simulation's verdict, not the calldata's claim.
 * One at a time because each review starts an anvil, and the station's cores are shared with the person using it.
 * A failure stays beside its transaction until it is retried; nothing here decides what is shown as a verdict
 * (the review records that in the audit log).
 */
export class ReviewScheduler<T = unknown> {
  private readonly waiting: string[] = [];
  private readonly failed = new Map<string, string>();
  private running: string | null = null;
  private current: Promise<T> | null = null;
  private drained: Promise<void> = Promise.resolve();

  constructor(
    private readonly review: (safeTxHash: string) => Promise<T>,
    private readonly log: (message: string, error: unknown) => void = () => {},
  ) {}

  /** Queues each transaction not already waiting or running; a failed one is tried again. */
  enqueue(safeTxHashes: readonly string[]): void {
    for (const raw of safeTxHashes) {
      const hash = raw.toLowerCase();
      if (hash === this.running || this.waiting.includes(hash)) continue;
      this.failed.delete(hash);
      this.waiting.push(hash);
    }
    if (this.running === null && this.waiting.length > 0) this.drained = this.drain();
  }

  /** A guardian reviews it now, by hand: it no longer waits its turn here. */
  withdraw(safeTxHash: string): void {
    const hash = safeTxHash.toLowerCase();
    const at = this.waiting.indexOf(hash);
    if (at >= 0) this.waiting.splice(at, 1);
    this.failed.delete(hash);
  }

  /** The review of this transaction running now, to join rather than start a second anvil beside it; null if none. */
  runningReview(safeTxHash: string): Promise<T> | null {
    return safeTxHash.toLowerCase() === this.running ? this.current : null;
  }

  state(safeTxHash: string): ScheduledReview | null {
    const hash = safeTxHash.toLowerCase();
    if (hash === this.running) return { state: 'reviewing' };
    if (this.waiting.includes(hash)) return { state: 'queued' };
    const message = this.failed.get(hash);
    return message === undefined ? null : { state: 'failed', message };
  }

  /** Resolves once nothing is waiting or running (what a shutdown, or a test, waits for). */
  idle(): Promise<void> {
    return this.drained;
  }

  private async drain(): Promise<void> {
    for (let next = this.waiting.shift(); next !== undefined; next = this.waiting.shift()) {
      this.running = next;
      this.current = this.review(next);
      try {
        await this.current;
      } catch (error) {
        // Expected failures (no RPC, a fork that would not start) speak to the guardian; a bug only says so.
        if (!(error instanceof GuardianError)) this.log(`background review of ${next} failed`, error);
        this.failed.set(
          next,
          error instanceof GuardianError ? error.message : "The review failed; the console's log has the details.",
        );
      } finally {
        this.running = null;
        this.current = null;
      }
    }
  }
}
