import type { ReviewView } from '../../../electron/ipc/contract.js';
import { Address } from '../../components/Address.js';

type Finding = ReviewView['findings'][number];

/**
 * The verdict in words before anything else: the worst finding's own title, coloured by its severity and named
 * in text too (colour alone says nothing to a screen reader or a colour-blind guardian), and how many more follow.
 */
export function Verdict({
  findings,
  lookalikes,
}: {
  findings: readonly Finding[];
  lookalikes: ReviewView['addresses'];
}) {
  const worst = findings[0];
  const above = findings.filter((f) => f.severity !== 'info');
  const severity = worst && worst.severity !== 'info' ? worst.severity : 'none';
  return (
    <div className="verdict-block">
      <div
        className={`verdict-head sev-box-${severity}`}
        data-testid="review-verdict"
        data-severity={severity}
        role="status"
      >
        <span className="severity-word">{severity === 'none' ? 'nothing above info' : severity}</span>
        <p className="headline" data-testid="verdict-headline">
          {severity === 'none' ? (worst ? worst.title : 'No findings') : worst!.title}
        </p>
        {above.length > 1 ? (
          <p className="also">
            and {above.length - 1} more finding{above.length > 2 ? 's' : ''} above info below: read each before signing.
          </p>
        ) : null}
      </div>
      {lookalikes.length > 0 ? (
        <div className="lookalikes" role="alert" data-testid="lookalikes">
          <strong>Look-alike address{lookalikes.length > 1 ? 'es' : ''}:</strong> the same first and last characters as
          an address you know, but another address.
          <ul>
            {lookalikes.map((a) => (
              <li key={a.address}>
                <Address address={a.address} /> imitates {a.resembles!.name} <Address address={a.resembles!.address} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
