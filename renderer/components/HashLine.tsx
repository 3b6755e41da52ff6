/** A hash written as the Ledger shows it ("0x" and upper-case hex), grouped in fours so eyes can compare. */
export function ledgerGroups(hash: string): string {
  const hex = hash.replace(/^0x/i, '').toUpperCase();
  return `0x ${hex.match(/.{1,4}/g)?.join(' ') ?? ''}`;
}

export function HashLine({ label, hash, ledger = true }: { label: string; hash: string; ledger?: boolean }) {
  return (
    <div className="hash-line">
      <span className="hash-label">{label}</span>
      <code className="hash" data-testid={`hash-${label}`}>
        {ledger ? ledgerGroups(hash) : hash}
      </code>
    </div>
  );
}
