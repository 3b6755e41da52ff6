import type { KeyboardEvent } from 'react';
import type { QueueEntry, WatchedSafeView } from '../../../electron/ipc/contract.js';
import { ShortHash } from '../../components/ShortHash.js';
import { quorumLine, quorumOf } from './quorumOf.js';
import { rowLookalikes } from './rowLookalikes.js';
import { RowDescription } from './RowDescription.js';
import { rowNotes } from './rowNotes.js';
import { ageWords, needsWords, ownDepths, timingWords } from './rowFigures.js';
import { contradictions, VerdictHeadline } from './VerdictHeadline.js';

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

interface Props {
  entry: QueueEntry;
  safe: WatchedSafeView | undefined;
  selected: boolean;
  onChoose: () => void;
  onOpen: () => void;
  onKey: (event: KeyboardEvent<HTMLTableRowElement>) => void;
  onRetried: () => void;
}

/**
 * One pending transaction: the simulation's verdict first, then what the calldata claims (labelled as a claim
 * once the simulation says otherwise), every badge with its words, and the quorum before anyone signs.
 */
export function QueueRow({ entry, safe, selected, onChoose, onOpen, onKey, onRetried }: Props) {
  const notes = rowNotes(entry);
  const quorum = quorumOf(entry, safe);
  const quorumWords = quorumLine(quorum, shortAddress);
  const met = quorum.needed === 0;
  const reasons = contradictions(entry);
  const claim = reasons.length > 0;
  const lookalikes = rowLookalikes(entry.description, safe, entry.lastReview?.lookalikes);
  const imitates = (l: (typeof lookalikes)[number]) => `look-alike of ${l.name} (${shortAddress(l.resembles)})`;
  const hashBadge =
    entry.hashVerdict === 'match' ? (
      <span className="badge ok" title="The hash the service claimed is the one computed here from the fields.">
        matches
      </span>
    ) : (
      <span className="badge" title="No hash was claimed: this one was computed here from the fields.">
        computed here
      </span>
    );
  return (
    <tr
      data-testid="queue-row"
      data-safe-tx-hash={entry.safeTxHash}
      tabIndex={0}
      aria-selected={selected}
      className={`queue-row${selected ? ' selected' : ''}${entry.lastReview?.worst ? ` sev-${entry.lastReview.worst}` : ''}`}
      onClick={onChoose}
      onDoubleClick={onOpen}
      onKeyDown={onKey}
    >
      <td className="num">{entry.nonce}</td>
      <td className="col-to">
        <code title={entry.to}>{shortAddress(entry.to)}</code>
      </td>
      <td className="what">
        <div data-testid="last-review">
          <VerdictHeadline entry={entry} onRetried={onRetried} />
        </div>
        <div className={claim ? 'claim' : undefined} data-testid="claim">
          {entry.operation === 1 ? (
            <span className="badge danger" title={notes.find((n) => n.label === 'DELEGATECALL')?.text}>
              DELEGATECALL
            </span>
          ) : null}
          {entry.decoding?.delegatecallToUnknown ? (
            <span className="badge danger" title={notes.find((n) => n.label === 'to unknown code')?.text}>
              to unknown code
            </span>
          ) : null}
          {entry.decoding === null ? (
            <span className="badge warn" title={notes.find((n) => n.label === 'not decoded')?.text}>
              not decoded
            </span>
          ) : null}
          {entry.decoding && entry.decoding.warnings > 0 ? (
            <span className="badge warn" data-testid="decode-warnings" title={entry.decoding.warningTexts.join('\n')}>
              {entry.decoding.warnings} warning{entry.decoding.warnings > 1 ? 's' : ''}
            </span>
          ) : null}
          {lookalikes.map((l) => (
            <span
              key={l.address}
              className="badge danger"
              data-testid="row-lookalike"
              title={`${l.address} has the same first and last characters as ${l.name}, ${l.resembles}, but is another address.`}
            >
              {imitates(l)}
            </span>
          ))}{' '}
          {claim ? <span className="claim-label">claims: </span> : null}
          <RowDescription text={entry.description} lookalikes={lookalikes} />
        </div>
        {claim ? (
          <div className="claim-reason" data-testid="claim-reason" title={reasons.join('\n')}>
            <strong>the simulation says otherwise:</strong> {reasons[0]}
            {reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}
          </div>
        ) : null}
        {/* Where the queue is too narrow for the To and safeTxHash columns (queue.css), they follow here instead. */}
        <div className="row-meta">
          to <code title={entry.to}>{shortAddress(entry.to)}</code> · <ShortHash hash={entry.safeTxHash} /> {hashBadge}
        </div>
        {notes.length > 0 || quorumWords ? (
          <ul className="row-notes" data-testid="row-notes">
            {reasons.slice(1).map((r, i) => (
              <li key={`claim-${i}`} className="error">
                <strong>the simulation also says:</strong> {r}
              </li>
            ))}
            {lookalikes.map((l) => (
              <li key={`lookalike-${l.address}`} className="error">
                <strong>{imitates(l)}:</strong> {l.address} is not {l.name}, {l.resembles}: the same ends, another
                address.
              </li>
            ))}
            {notes.map((n, i) => (
              <li key={i} className={n.tone === 'danger' ? 'error' : undefined}>
                <strong>{n.label}:</strong> {n.text}
              </li>
            ))}
            <li>
              <strong>quorum:</strong> {quorumWords}
            </li>
            <li data-testid="row-timing">
              <strong>timing:</strong> {ageWords(entry)}; {timingWords(entry)}
            </li>
            {ownDepths(entry).map((d) => (
              <li key={d.owner} data-testid="signature-depth">
                <strong>checked before {shortAddress(d.owner)} signed here:</strong> {d.depth}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="col-hash">
        <ShortHash hash={entry.safeTxHash} />
        <div className="small">{hashBadge}</div>
      </td>
      <td className={met ? 'num ok quorum-cell' : 'num quorum-cell'} title={quorumWords} data-testid="quorum">
        {quorum.signed.length} / {entry.threshold ?? '?'}
        {quorum.refused.length > 0 ? (
          <span className="badge danger" data-testid="refused-signatures" title={quorum.refused.join('\n')}>
            {' '}
            {quorum.refused.length} refused
          </span>
        ) : null}
        <span className="missing" data-testid="needs">
          {needsWords(entry)}
        </span>
        <span
          className="missing"
          data-testid="age"
          title={
            entry.figures.proposedAt ? `proposed at ${entry.figures.proposedAt}, as the service dates it` : undefined
          }
        >
          {ageWords(entry)}
        </span>
        {/* Below 1100 px the chosen row's panel follows the whole queue: its review opens from the row itself. */}
        {selected ? (
          <button
            type="button"
            className="row-open-review"
            data-testid="row-open-review"
            onClick={(e) => {
              e.stopPropagation();
              onOpen();
            }}
          >
            Review
          </button>
        ) : null}
      </td>
    </tr>
  );
}
