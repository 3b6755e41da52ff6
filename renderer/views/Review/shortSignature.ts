/** A signature longer than this shows as name(…), whole on hover: the Safe's own takes three lines otherwise. */
const LONGEST_SIGNATURE = 40;
const GUESSED = ' (guessed from the selector)';

/**
 * A function's signature short enough for one line of the call list. Only the argument list is shortened: the
 * mark of a guessed name stays in sight, and a selector two declarations share is never cut to one of them.
 */
export function shortSignature(fn: string): string {
  const guessed = fn.endsWith(GUESSED);
  const signature = guessed ? fn.slice(0, -GUESSED.length) : fn;
  const open = signature.indexOf('(');
  if (signature.length <= LONGEST_SIGNATURE || open < 1 || !signature.endsWith(')') || signature.includes(' or '))
    return fn;
  return `${signature.slice(0, open)}(…)${guessed ? GUESSED : ''}`;
}
