import type { AddressBook } from '../core/decode/addressBook.js';
import type { TokenInfo } from '../core/primitives/tokenInfo.js';
import { tokenAmount } from '../core/decode/tokenAmount.js';
import type { Review } from '../core/simulate/reviewSafeTx.js';
import type { QuorumStatus } from '../core/safe/quorum.js';
import type { ReviewView } from '../ipc/contract.js';
import { describedCalls } from './describedCalls.js';
import { findingEvidence } from './findingEvidence.js';
import { reviewAddresses } from './reviewAddresses.js';

const asHex = (word: string) => `0x${BigInt(word).toString(16)}`;
const signed = (delta: bigint) => (delta > 0n ? `+${delta}` : `${delta}`);
const NATIVE: TokenInfo = { decimals: 18, symbol: 'native' };

/** Raw amounts for the bars, and the same amounts in the token's units for a person (raw where unknown). */
function balance(
  asset: string,
  holder: string,
  before: bigint,
  after: bigint,
  token: TokenInfo | null,
): ReviewView['balances'][number] {
  const shown = (value: bigint, sign = '') => `${sign}${tokenAmount(value, token)}`;
  const delta = after - before;
  return {
    asset,
    holder,
    before: before.toString(),
    after: after.toString(),
    delta: signed(delta),
    shown: {
      before: shown(before),
      after: shown(after),
      delta: shown(delta < 0n ? -delta : delta, delta < 0n ? '-' : '+'),
    },
  };
}

/** ERC-20's Transfer and Approval amounts: raw in the log, so said in the token's units too where they are known. */
const AMOUNT_EVENTS = new Set(['Transfer', 'Approval']);

function inUnits(name: string | null, args: Record<string, string>, token: TokenInfo | null): Record<string, string> {
  if (!token || !name || !AMOUNT_EVENTS.has(name) || !/^[0-9]+$/.test(args['value'] ?? '')) return args;
  const raw = args['value']!;
  return { ...args, value: `${tokenAmount(BigInt(raw), token)} (${raw} raw)` };
}

/**
 * A review as the renderer draws it: JSON-safe, addresses named from this machine's address book, amounts raw
 * (for the bars) and in each token's own units where its decimals are known (for a person), and every address
 * shown listed with its name, or as unknown, or as a look-alike of a known one.
 */
export function reviewView(
  review: Review,
  book: AddressBook,
  chainId: bigint,
  quorum: QuorumStatus | null,
): ReviewView {
  const { diff } = review;
  const shown: Omit<ReviewView, 'addresses'> = {
    summary: review.decoded.summary,
    contradictions: review.contradictions.map((c) => c.reason),
    described: describedCalls(review.decoded),
    simulation: {
      success: review.simulation.success,
      revertReason: review.simulation.revertReason,
      gasUsed: review.simulation.gasUsed.toString(),
      block: BigInt(review.simulation.block.number).toString(),
      blockHash: review.simulation.block.hash ?? null,
      executedSafeTxHash: review.simulation.executedSafeTxHash,
    },
    hashes: {
      domainHash: review.hashes.domainHash,
      messageHash: review.hashes.messageHash,
      safeTxHash: review.hashes.safeTxHash,
    },
    contracts: diff.contracts.map((c) => ({
      label: c.label,
      changes: c.changes,
      // A slot no layout names is still shown: a security screen does not hide a change it cannot explain.
      storage: c.otherSlots.map((o) =>
        o.variable
          ? { what: o.variable, before: BigInt(o.before).toString(), after: BigInt(o.after).toString() }
          : {
              what: o.label ?? `slot ${o.slot.slice(0, 8)}…${o.slot.slice(-4)}`,
              before: asHex(o.before),
              after: asHex(o.after),
            },
      ),
    })),
    balances: [
      ...diff.tokenMovements.map((m) =>
        balance(
          book.label(m.token),
          book.label(m.holder),
          m.before,
          m.after,
          review.tokens.get(m.token.toLowerCase()) ?? null,
        ),
      ),
      ...diff.nativeMovements.map((m) => balance('native currency', book.label(m.address), m.before, m.after, NATIVE)),
    ],
    calls: {
      lines: review.calls.lines.map((l) => ({
        depth: l.depth,
        type: l.type,
        to: l.toLabel,
        fn: l.fn,
        value: l.value.toString(),
        error: l.error,
      })),
      omitted: review.calls.omitted,
    },
    events: diff.events.map((e) => ({
      contract: book.label(e.address),
      name: e.name,
      signature: e.signature,
      args: e.args ? inUnits(e.name, e.args, review.tokens.get(e.address.toLowerCase()) ?? null) : e.args,
    })),
    findings: review.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      title: f.title,
      explanation: f.explanation,
      evidence: findingEvidence(f.evidence),
    })),
    worst: review.worst,
    quorum: quorum
      ? {
          threshold: quorum.threshold,
          signed: quorum.signed,
          missing: quorum.missing,
          refused: quorum.refused,
          unverified: quorum.unverified,
          met: quorum.met,
        }
      : null,
  };
  return { ...shown, addresses: reviewAddresses(shown, chainId, book).addresses };
}
