/**
 * Whether text is 0x-prefixed hex of whole bytes. Not `/^0x([0-9a-f]{2})*$/`: V8 keeps a backtracking entry per
 * repetition of a group, and 5 MB of calldata (10 million digits) overflows its stack with a RangeError that
 * nobody expects from a format check. One character class and a length test run in constant stack.
 */
const HEX_DIGITS = /^0x[0-9a-fA-F]*$/;
const LOWER_HEX_DIGITS = /^0x[0-9a-f]*$/;

export function isWholeByteHex(text: string): boolean {
  return text.length % 2 === 0 && HEX_DIGITS.test(text);
}

/** The same, lowercase only: how the store writes hex. */
export function isLowerWholeByteHex(text: string): boolean {
  return text.length % 2 === 0 && LOWER_HEX_DIGITS.test(text);
}
