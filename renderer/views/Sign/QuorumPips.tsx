import type { ReviewView } from '../../../electron/ipc/contract.js';
import { Address } from '../../components/Address.js';

type Quorum = NonNullable<ReviewView['quorum']>;

/**
 * The quorum drawn: one pip per owner, filled for each who signed, with the threshold marked, so "one more" is
 * seen at a glance; in words below, how many more are needed, who has signed and who has not, and every
 * confirmation that does not count (refused or unverified) with its reason.
 */
export function QuorumPips({ quorum, testId = 'quorum' }: { quorum: Quorum; testId?: string }) {
  const owners = [
    ...quorum.signed.map((o) => ({ owner: o, signed: true })),
    ...quorum.missing.map((o) => ({ owner: o, signed: false })),
  ];
  const needed = Math.max(0, quorum.threshold - quorum.signed.length);
  return (
    <div className="quorum" data-testid={testId}>
      <div className="pips" aria-hidden="true">
        {owners.map((o, i) => (
          <span
            key={o.owner}
            className={`pip${o.signed ? ' signed' : ''}${i === quorum.threshold - 1 ? ' threshold' : ''}`}
            title={`${o.owner}: ${o.signed ? 'signed' : 'not yet'}`}
          />
        ))}
      </div>
      <p data-testid={`${testId}-line`}>
        <strong>
          {quorum.signed.length} of {quorum.threshold} signatures
        </strong>
        {quorum.met ? ': ready to execute.' : `: ${needed} more needed.`}
      </p>
      <ul className="who">
        {quorum.signed.length > 0 ? (
          <li data-testid={`${testId}-signed`}>
            Signed:{' '}
            {quorum.signed.map((o) => (
              <Address key={o} address={o} />
            ))}
          </li>
        ) : null}
        {quorum.missing.length > 0 ? (
          <li data-testid={`${testId}-missing`}>
            Not yet:{' '}
            {quorum.missing.map((o) => (
              <Address key={o} address={o} />
            ))}
          </li>
        ) : null}
      </ul>
      {[
        ...quorum.refused.map((r) => ({ ...r, refused: true })),
        ...quorum.unverified.map((u) => ({ ...u, refused: false })),
      ].map((u) => (
        <p
          key={`${u.owner}:${u.reason}`}
          data-testid={u.refused ? 'quorum-refused' : 'quorum-unverified'}
          className={u.refused ? 'bad' : 'dim'}
        >
          {u.refused ? 'Refused' : 'Not counted (unverified)'}: {u.owner}: {u.reason}
        </p>
      ))}
    </div>
  );
}
