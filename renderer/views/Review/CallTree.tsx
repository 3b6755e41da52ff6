import type { ReviewView } from '../../../electron/ipc/contract.js';
import { AddressText } from '../../components/Address.js';
import { shortSignature } from './shortSignature.js';

/** Indentation per level of nesting; deep hostile trees stop moving right past this many levels. */
const INDENT_EM = 1.1;
const MAX_INDENT_LEVELS = 12;

/**
 * The calls the transaction made, nested as the EVM made them (a DELEGATECALL runs the callee's code with the
 * caller's storage and funds; a proxy makes one on every call, so the findings, not this list, judge them).
 * A call that failed is marked: its effects are undone.
 */
export function CallTree({ calls }: { calls: ReviewView['calls'] }) {
  return (
    <ol className="calls" data-testid="calls">
      {calls.lines.map((line, i) => (
        <li
          key={i}
          data-testid="call"
          className={line.error ? 'failed' : undefined}
          style={{ paddingLeft: `${Math.min(line.depth, MAX_INDENT_LEVELS) * INDENT_EM}em` }}
        >
          <span className="badge call-type">{line.type}</span>{' '}
          {line.to ? <AddressText text={line.to} /> : '(new contract)'}{' '}
          <code title={line.fn}>{shortSignature(line.fn)}</code>
          {line.value !== '0' && <span className="muted"> sends {line.value} wei</span>}
          {line.error && <span className="call-error"> failed: {line.error}</span>}
        </li>
      ))}
      {calls.omitted > 0 && <li className="muted">and {calls.omitted} more call(s), not listed</li>}
    </ol>
  );
}
