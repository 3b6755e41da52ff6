/**
 * A hash as the Ledger Ethereum app prints it when it signs an EIP-712 message in hashed mode: "0x" and then
 * upper-case hex (app-ethereum formats it with "%.*H"). Written the same way here so a guardian compares
 * character for character, not by squinting past case differences.
 */
export function ledgerHashFormat(hash: string): string {
  return `0x${hash.replace(/^0x/i, '').toUpperCase()}`;
}
