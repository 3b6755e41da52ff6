import type { ReviewView } from '../../../electron/ipc/contract.js';
import { AddressText } from '../../components/Address.js';

type Described = ReviewView['described'][number];

/**
 * The calls an ERC-7730 descriptor the guardian trusts describes, in its words, with the descriptor named as the
 * source: its words are a claim by whoever wrote it, so each field shows the raw value beside its formatted one,
 * and the console's own reading of the call stays on screen.
 */
export function DescribedCalls({ described }: { described: readonly Described[] }) {
  return (
    <ol className="described-calls" aria-label="Calls described by ERC-7730 descriptors">
      {described.map((d) => (
        <li key={d.path || 'top'} data-testid="described-call">
          <strong data-testid="described-intent">
            {d.path ? `${d.path}. ` : ''}
            {d.intent}
          </strong>
          {d.fields.length > 0 ? (
            <dl className="evidence" aria-label="The descriptor's fields">
              {d.fields.map((f, i) => (
                <div key={`${f.label}-${i}`} style={{ display: 'contents' }} data-testid="described-field">
                  <dt>{f.label}</dt>
                  <dd>
                    <AddressText text={f.value} />
                    {f.raw !== f.value ? (
                      <span className="muted">
                        {' '}
                        (raw <AddressText text={f.raw} />)
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <p className="small muted" data-testid="described-source">
            Decoded by {d.source}
          </p>
          <p className="small muted">In the console's words: {d.ownWords ? <AddressText text={d.ownWords} /> : '—'}</p>
        </li>
      ))}
    </ol>
  );
}
