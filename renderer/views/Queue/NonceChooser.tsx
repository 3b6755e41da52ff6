import { useEffect, useRef, useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { ShortHash } from '../../components/ShortHash.js';

type NonceChoice = NonNullable<Response<'queue.import'>['nonceChoice']>;

/**
 * A Transaction Builder batch carries no nonce: the guardian picks one, offered the first free nonce after the
 * queue. Taking a queued nonce is allowed (a replacement), but it is said plainly: only one of the two can run.
 */
export function NonceChooser({
  name,
  choice,
  onChoose,
  onCancel,
}: {
  name: string;
  choice: NonceChoice;
  onChoose: (nonce: string) => void;
  onCancel: () => void;
}) {
  const [nonce, setNonce] = useState(choice.suggested);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.select(), []);
  const valid = /^[0-9]{1,78}$/.test(nonce);
  const used = valid && BigInt(nonce) < BigInt(choice.safeNonce);
  const taken = valid ? choice.queued.find((q) => q.nonce === String(BigInt(nonce))) : undefined;
  const queuedList = choice.queued.map((q) => q.nonce).join(', ');
  return (
    <form
      className="card nonce-chooser"
      aria-label={`Nonce for ${name}`}
      data-testid="nonce-chooser"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && !used) onChoose(String(BigInt(nonce)));
      }}
    >
      <p>
        <strong>{name}</strong> is a batch with no nonce. Which nonce of the Safe should it take?
      </p>
      <p className="muted small" data-testid="nonce-facts">
        The Safe's next nonce is {choice.safeNonce};{' '}
        {choice.queued.length > 0 ? `queued here: ${queuedList}` : 'nothing is queued here'}. The first free nonce is{' '}
        {choice.suggested}.
      </p>
      <label>
        Nonce{' '}
        <input
          ref={field}
          inputMode="numeric"
          value={nonce}
          onChange={(e) => setNonce(e.target.value.trim())}
          aria-invalid={!valid || used}
          data-testid="nonce-input"
        />
      </label>
      {!valid ? (
        <p className="error" role="alert">
          A nonce is a whole number.
        </p>
      ) : null}
      {used ? (
        <p className="error" role="alert">
          Nonce {nonce} is already used: the Safe's next is {choice.safeNonce}, so this batch could never run.
        </p>
      ) : null}
      {taken ? (
        <p className="warning" role="alert" data-testid="nonce-collision">
          Nonce {taken.nonce} is already queued (
          {taken.safeTxHashes.map((h, i) => (
            <span key={h}>
              {i > 0 ? ', ' : ''}
              <ShortHash hash={h} />
            </span>
          ))}
          ): only one of them can ever run. Import it only to replace that transaction.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={!valid || used} data-testid="nonce-import">
          {taken ? `Import at nonce ${taken.nonce} anyway` : `Import at nonce ${valid ? String(BigInt(nonce)) : '…'}`}
        </button>{' '}
        <button type="button" className="copy" onClick={onCancel} data-testid="nonce-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
