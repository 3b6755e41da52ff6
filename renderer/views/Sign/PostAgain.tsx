import { useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

type Outcomes = Response<'queue.postAgain'>['outcomes'];

/**
 * A signature the Transaction Service did not take is already stored here; posting it again needs no device and
 * no second signature, so the guardian is never asked to sign twice for a network failure.
 */
export function PostAgain({ safeTxHash, onPosted }: { safeTxHash: string; onPosted?: () => void }) {
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'posting' } | { kind: 'done'; outcomes: Outcomes } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const post = () => {
    setState({ kind: 'posting' });
    call('queue.postAgain', { safeTxHash })
      .then(({ outcomes }) => {
        setState({ kind: 'done', outcomes });
        // Nothing left unposted: the failure the signing reported is over, and the panel says so.
        if (outcomes.every((o) => o.posted)) onPosted?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'Posting again failed.') }));
  };
  const done = state.kind === 'done' && state.outcomes.length > 0 && state.outcomes.every((o) => o.posted);
  return (
    <div className="post-again" data-testid="post-again">
      {done ? null : (
        <button type="button" onClick={post} disabled={state.kind === 'posting'} data-testid="post-again-button">
          {state.kind === 'posting' ? 'Posting…' : 'Post again (no new signature)'}
        </button>
      )}
      {state.kind === 'done' ? (
        <ul data-testid="post-again-outcomes">
          {state.outcomes.length === 0 ? (
            <li>Nothing to post: the Transaction Service has every signature made here.</li>
          ) : null}
          {state.outcomes.map((o) => (
            <li key={o.owner} className={o.posted ? undefined : 'error'}>
              <code>{o.owner}</code>: {o.posted ? 'posted to the Transaction Service' : `not posted: ${o.failure}`}
            </li>
          ))}
        </ul>
      ) : null}
      {state.kind === 'failed' ? <p className="error">{state.message}</p> : null}
    </div>
  );
}
