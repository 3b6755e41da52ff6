import type { Response } from '../../../electron/ipc/contract.js';

/**
 * The quorum drawn: one pip per owner, filled for each who signed, with the threshold marked, so "one more" is
 * seen at a glance; the owners still missing are listed in words below, and every confirmation that does not
 * count (refused or unverified) with its reason.
 */
export function QuorumPips({ quorum }: { quorum: Response<'queue.sign'>['quorum'] }) {
  const owners = [...quorum.signed.map((o) => ({ owner: o, signed: true })), ...quorum.missing.map((o) => ({ owner: o, signed: false }))];
  return (
    <div className="quorum" data-testid="quorum">
      <div className="pips" aria-hidden="true">
        {owners.map((o, i) => (
          <span key={o.owner} className={`pip${o.signed ? ' signed' : ''}${i === quorum.threshold - 1 ? ' threshold' : ''}`} title={o.owner} />
        ))}
      </div>
      <p data-testid="quorum-line">
        {quorum.signed.length} of {quorum.threshold} signatures
        {quorum.met ? ': ready to execute.' : `; still missing: ${quorum.missing.join(', ')}`}
      </p>
      {[...quorum.refused.map((r) => ({ ...r, refused: true })), ...quorum.unverified.map((u) => ({ ...u, refused: false }))].map((u) => (
        <p key={`${u.owner}:${u.reason}`} data-testid={u.refused ? 'quorum-refused' : 'quorum-unverified'} className={u.refused ? 'bad' : 'dim'}>
          {u.refused ? 'Refused' : 'Not counted (unverified)'}: {u.owner}: {u.reason}
        </p>
      ))}
    </div>
  );
}
