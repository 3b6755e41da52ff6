import { describe, expect, it } from 'vitest';
import { GuardianError } from '../core/errors.js';
import { ReviewScheduler } from './reviewScheduler.js';

const [a, b, c] = ['0x' + 'aa'.repeat(32), '0x' + 'bb'.repeat(32), '0x' + 'cc'.repeat(32)];

/** A review that ends only when the test lets it, so what runs alongside it can be seen. */
function gatedReviews() {
  const started: string[] = [];
  const release = new Map<string, (outcome: Error | null) => void>();
  const review = (hash: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(hash);
      release.set(hash, (outcome) => (outcome ? reject(outcome) : resolve()));
    });
  const settle = async (hash: string, outcome: Error | null = null) => {
    release.get(hash)!(outcome);
    // Let the scheduler take its next one.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, review, settle };
}

describe('the background review scheduler', () => {
  it('reviews one at a time, in arrival order, each hash once', async () => {
    const reviews = gatedReviews();
    const scheduler = new ReviewScheduler(reviews.review);
    scheduler.enqueue([a, b]);
    scheduler.enqueue([b.toUpperCase().replace('0X', '0x'), c]);
    expect(reviews.started).toEqual([a]);
    // A guardian asking for the one running joins it; one waiting has nothing to join yet.
    expect(scheduler.runningReview(a.toUpperCase().replace('0X', '0x'))).toBeInstanceOf(Promise);
    expect(scheduler.runningReview(b)).toBeNull();
    expect([scheduler.state(a), scheduler.state(b), scheduler.state(c)]).toEqual([
      { state: 'reviewing' },
      { state: 'queued' },
      { state: 'queued' },
    ]);
    await reviews.settle(a);
    expect(reviews.started).toEqual([a, b]);
    expect(scheduler.state(a)).toBeNull();
    await reviews.settle(b);
    await reviews.settle(c);
    await scheduler.idle();
    expect(reviews.started).toEqual([a, b, c]);
  });

  it("keeps a failure beside its transaction in the review's words until retried, and goes on with the rest", async () => {
    const reviews = gatedReviews();
    const logged: string[] = [];
    const scheduler = new ReviewScheduler(reviews.review, (message) => void logged.push(message));
    scheduler.enqueue([a, b]);
    await reviews.settle(a, new GuardianError('RPC_UNREACHABLE', 'Cannot reach the chain at rpc.example to fork it.'));
    expect(scheduler.state(a)).toEqual({
      state: 'failed',
      message: 'Cannot reach the chain at rpc.example to fork it.',
    });
    await reviews.settle(b, new TypeError('a bug with a stack'));
    // A bug is logged, and the row says only that it failed.
    expect(scheduler.state(b)).toEqual({ state: 'failed', message: expect.not.stringContaining('stack') });
    expect(logged).toEqual([`background review of ${b} failed`]);
    scheduler.enqueue([a]);
    expect(scheduler.state(a)).toEqual({ state: 'reviewing' });
    await reviews.settle(a);
    await scheduler.idle();
    expect(scheduler.state(a)).toBeNull();
  });

  it('lets a guardian take a waiting transaction to review it by hand', async () => {
    const reviews = gatedReviews();
    const scheduler = new ReviewScheduler(reviews.review);
    scheduler.enqueue([a, b]);
    scheduler.withdraw(b);
    await reviews.settle(a);
    await scheduler.idle();
    expect(reviews.started).toEqual([a]);
    expect(scheduler.state(b)).toBeNull();
  });
});
