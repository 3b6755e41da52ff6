import type { ReviewView } from '../../../electron/ipc/contract.js';
import { AddressText } from '../../components/Address.js';

/**
 * Each balance that moved as two bars, before and after, on one scale per asset: a Safe emptied reads at a
 * glance, where two long numbers would have to be compared digit by digit.
 */
export function BalanceChanges({ balances }: { balances: ReviewView['balances'] }) {
  if (balances.length === 0) return <p className="muted">No balance moves.</p>;
  return (
    <div className="balances" data-testid="balances">
      {balances.map((b) => {
        const before = BigInt(b.before);
        const after = BigInt(b.after);
        const scale = before > after ? before : after;
        // Percent of the larger of the two, to one decimal, without losing bigints to floating point on the way.
        const width = (value: bigint) => (scale === 0n ? 0 : Number((value * 1000n) / scale) / 10);
        const loses = after < before;
        return (
          <div key={`${b.asset}-${b.holder}`} className="balance-row" data-testid="balance-row">
            <div className="balance-title">
              <strong>
                <AddressText text={b.asset} />
              </strong>{' '}
              held by <AddressText text={b.holder} />
              <span className={`delta ${loses ? 'out' : 'in'}`}>{b.shown.delta}</span>
            </div>
            <div className="bar-line">
              <span className="bar-label">before</span>
              <span className="bar before" style={{ width: `${width(before)}%` }} />
              <span className="bar-value">{b.shown.before}</span>
            </div>
            <div className="bar-line">
              <span className="bar-label">after</span>
              <span className={`bar after ${loses ? 'out' : 'in'}`} style={{ width: `${width(after)}%` }} />
              <span className="bar-value">{b.shown.after}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
