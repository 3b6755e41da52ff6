import type { ReviewView } from '../../../electron/ipc/contract.js';
import { Address, AddressText } from '../../components/Address.js';

type Change = ReviewView['contracts'][number]['changes'][number];
const IS_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A list of addresses ("0xA, 0xB"), as the core writes owners and modules; anything else is one value. */
function asList(value: string): string[] | null {
  const parts = value.split(', ');
  return parts.every((p) => IS_ADDRESS.test(p)) ? parts : null;
}

/** One side of a change. Members of a list that leave or arrive say so in words, not by strikethrough or colour. */
function Side({ value, other, side }: { value: string; other: string; side: 'before' | 'after' }) {
  const list = asList(value);
  const others = new Set((asList(other) ?? []).map((a) => a.toLowerCase()));
  return (
    <div className={`side ${side}`} data-testid={`control-${side}`}>
      <span className="side-label">{side}</span>
      {list ? (
        <ul className="value-list">
          {list.map((a) => (
            <li key={a}>
              <Address address={a} />
              {others.has(a.toLowerCase()) ? null : (
                <span className="change-word">{side === 'before' ? 'removed' : 'added'}</span>
              )}
            </li>
          ))}
        </ul>
      ) : IS_ADDRESS.test(value) ? (
        <Address address={value} />
      ) : (
        <span>{value}</span>
      )}
    </div>
  );
}

/**
 * What decides who controls the Safe and the contracts it governs (owners, threshold, singleton, modules, guard,
 * implementation, admin, paused, roles), each drawn as its value before beside its value after. Every row reads
 * aloud as "what: before …, after …".
 */
export function ControlChanges({ contracts }: { contracts: ReviewView['contracts'] }) {
  const changed = contracts.filter((c) => c.changes.length > 0);
  if (changed.length === 0)
    return (
      <p className="muted" data-testid="control-none">
        Nothing that controls the Safe or its contracts changes.
      </p>
    );
  return (
    <div className="control" data-testid="control-changes">
      {changed.map((c) => (
        <section key={c.label} className="control-card" aria-label={`${c.label}: what changes`}>
          <div className="control-title">
            <AddressText text={c.label} />
          </div>
          {c.changes.map((change: Change) => (
            <div
              key={change.what}
              className="control-row"
              data-testid="control-row"
              role="group"
              aria-label={`${change.what}: before ${change.before}, after ${change.after}`}
            >
              <span className="what">{change.what}</span>
              <Side value={change.before} other={change.after} side="before" />
              <span className="arrow" aria-hidden="true">
                →
              </span>
              <Side value={change.after} other={change.before} side="after" />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
