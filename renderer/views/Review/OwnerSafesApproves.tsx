import { LedgerHash } from '../../components/LedgerHash.js';

/**
 * The review of an owner Safe's approveHash: two safeTxHashes are in play and a guardian must not compare the
 * wrong one on the device. The Ledger signs the inner one (this transaction, of the owner Safe); the outer one is
 * what it approves, and the outer Safe counts it only once this transaction has executed.
 */
export function OwnerSafesApproves({
  innerSafeTxHash,
  approves,
  onOpenReview,
}: {
  innerSafeTxHash: string;
  approves: { safe: string; safeTxHash: string };
  onOpenReview?: (safeTxHash: string) => void;
}) {
  return (
    <section className="card" data-testid="nested-approves" aria-label="What this transaction approves">
      <h3>Approves a transaction of the Safe it owns</h3>
      <LedgerHash label="Inner safeTxHash: your Ledger signs this one" hash={innerSafeTxHash} testId="nested-inner" />
      <LedgerHash
        label="Outer safeTxHash it approves: not signed on the device"
        hash={approves.safeTxHash}
        testId="nested-outer"
      />
      <p className="small">
        Of Safe <code title={approves.safe}>{approves.safe}</code>, which counts this approval once this transaction
        executes (approvedHashes), and not before.
      </p>
      {onOpenReview ? (
        <button
          type="button"
          className="copy"
          onClick={() => onOpenReview(approves.safeTxHash)}
          data-testid="open-outer-review"
        >
          Review the outer transaction
        </button>
      ) : null}
    </section>
  );
}
