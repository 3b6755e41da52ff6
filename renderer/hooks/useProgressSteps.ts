import { useEffect, useState } from 'react';
import type { Response } from '../../electron/ipc/contract.js';
import { call } from '../api.js';

type ProgressChannel = 'queue.reviewProgress' | 'queue.signProgress' | 'queue.executeProgress';
type Step<C extends ProgressChannel> = NonNullable<Response<C>['steps']>[number];

/**
 * The steps of long work running in the main process (a review, a signing, an execution), asked every `everyMs` while
 * `active`: the main process never pushes to the renderer. Starts empty each time the work starts.
 */
export function useProgressSteps<C extends ProgressChannel>(
  channel: C,
  safeTxHash: string,
  active: boolean,
  everyMs: number,
): Step<C>[] {
  const [steps, setSteps] = useState<Step<C>[]>([]);
  useEffect(() => {
    if (!active) return;
    setSteps([]);
    let stopped = false;
    const ask = () =>
      (call(channel as ProgressChannel, { safeTxHash }) as Promise<{ steps: Step<C>[] | null }>)
        .then(({ steps: now }) => !stopped && now && setSteps(now))
        // A missed reading only delays the next one; the work itself reports its own failure.
        .catch(() => {});
    const timer = setInterval(ask, everyMs);
    void ask();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [channel, safeTxHash, active, everyMs]);
  return steps;
}
