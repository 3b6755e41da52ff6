import { useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ImportFile } from './ImportFile.js';

type Pulled = Response<'queue.pull'>['safes'][number];

/** One Safe's pull in a line: how many transactions landed, how many were refused and why, or why none could be asked. */
function outcomeLine(s: Pulled): string {
  const name = s.label ?? `${s.chainId}:${s.address}`;
  if (!s.asked) return `${name}: no Transaction Service set; its stored queue stands.`;
  if (s.failure) return `${name}: not pulled (${s.failure.replace(/\.$/, '')}); showing what is stored.`;
  // By nonce, as the queue is read; each reason is a sentence of its own.
  const byNonce = [...s.refused].sort((a, b) => Number(a.nonce ?? Infinity) - Number(b.nonce ?? Infinity));
  const refused =
    s.refused.length === 0
      ? ''
      : `; ${s.refused.length} refused: ${byNonce.map((r) => `nonce ${r.nonce ?? '?'}: ${r.reason.replace(/\.$/, '')}`).join('; ')}`;
  return `${name}: ${s.pulled} pending transaction(s), every hash checked here${refused}.`;
}

/**
 * Asks every watched Safe's Transaction Service for its queue, in the main process (which owns the network), and
 * says what came of it. Nothing stored is lost when a service is down: the queue below stays as it was.
 */
export function PullBar({ onPulled, canPull }: { onPulled: () => void; canPull: boolean }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'pulling' }
    | { kind: 'done'; safes: Pulled[]; damaged: Response<'queue.pull'>['damaged'] }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const pull = () => {
    setState({ kind: 'pulling' });
    call('queue.pull', {})
      .then(({ safes, damaged }) => {
        setState({ kind: 'done', safes, damaged });
        onPulled();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The pull failed.') }));
  };
  return (
    <div className="pull-bar" data-testid="pull-bar">
      {/* An air-gapped station watches its Safes with no service: there is nothing to pull from. */}
      {canPull ? (
        <button className="primary" onClick={pull} disabled={state.kind === 'pulling'} data-testid="pull">
          {state.kind === 'pulling' ? 'Pulling…' : 'Pull from the Transaction Service'}
        </button>
      ) : null}
      {state.kind === 'done' ? (
        <ul className="pull-outcomes">
          {state.safes.map((s) => (
            <li
              key={`${s.chainId}:${s.address}`}
              className={s.failure || s.refused.length > 0 ? 'warning' : 'muted'}
              data-testid="pull-outcome"
            >
              {outcomeLine(s)}
            </li>
          ))}
          {state.damaged.map((d) => (
            <li key={d.key} className="warning" data-testid="pull-damaged">
              {d.key}: not pulled, its row in the local store does not read back ({d.reason.replace(/\.$/, '')}).
            </li>
          ))}
        </ul>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="error" role="alert">
          {state.message}
        </p>
      ) : null}
      <ImportFile onImported={onPulled} />
    </div>
  );
}
