import type { Response } from '../../electron/ipc/contract.js';
import { LedgerHash } from './LedgerHash.js';

/** The three hashes a guardian compares, in the order a Ledger shows the first two, then the Safe's own. */
export function HashPanel({ hashes }: { hashes: Response<'tx.hashes'> }) {
  return (
    <div className="hash-panel" data-testid="hash-panel">
      <LedgerHash label="Domain hash" hash={hashes.domainHash} testId="domain" />
      <LedgerHash label="Message hash" hash={hashes.messageHash} testId="message" />
      <LedgerHash label="safeTxHash" hash={hashes.safeTxHash} testId="safeTxHash" />
    </div>
  );
}
