import type { AddressBook } from '../core/decode/addressBook.js';
import type { Review } from '../core/simulate/reviewSafeTx.js';
import type { ReviewView } from '../ipc/contract.js';

const asHex = (word: string) => `0x${BigInt(word).toString(16)}`;
const signed = (delta: bigint) => (delta > 0n ? `+${delta}` : `${delta}`);

/**
 * A review as the renderer draws it: JSON-safe, addresses named from this machine's address book, amounts as
 * decimal strings (raw units: the screen never guesses decimals it was not told).
 */
export function reviewView(review: Review, book: AddressBook): ReviewView {
  const { diff } = review;
  return {
    summary: review.decoded.summary,
    simulation: { success: review.simulation.success, revertReason: review.simulation.revertReason, gasUsed: review.simulation.gasUsed.toString(), block: BigInt(review.simulation.block.number).toString() },
    contracts: diff.contracts.map((c) => ({
      label: c.label,
      // A slot no layout names is still shown: a security screen does not hide a change it cannot explain.
      changes: [
        ...c.changes,
        ...c.otherSlots.map((o) =>
          o.variable ? { what: o.variable, before: BigInt(o.before).toString(), after: BigInt(o.after).toString() } : { what: o.label ?? `slot ${o.slot.slice(0, 8)}…${o.slot.slice(-4)}`, before: asHex(o.before), after: asHex(o.after) },
        ),
      ],
    })),
    balances: [
      ...diff.tokenMovements.map((m) => ({ asset: book.label(m.token), holder: book.label(m.holder), before: m.before.toString(), after: m.after.toString(), delta: signed(m.after - m.before) })),
      ...diff.nativeMovements.map((m) => ({ asset: 'native (wei)', holder: book.label(m.address), before: m.before.toString(), after: m.after.toString(), delta: signed(m.after - m.before) })),
    ],
    events: diff.events.map((e) => ({ contract: book.label(e.address), name: e.name, signature: e.signature, args: e.args })),
    findings: review.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, explanation: f.explanation })),
    worst: review.worst,
  };
}
