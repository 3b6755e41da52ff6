const UPPER_CASE = /[A-Z]/;

/**
 * text.toLowerCase(), without the copy when there is nothing to lower: V8 builds the lowered string before it
 * knows nothing changed, and a page of a thousand service transactions lowered its addresses, hashes and
 * calldata ten times each, already lowercase, a megabyte and a half of garbage. For hex and addresses (ASCII).
 */
export function asLowerCase(text: string): string {
  return UPPER_CASE.test(text) ? text.toLowerCase() : text;
}
