/**
 * Where JSON text first goes wrong, as 0-based offset, line and column. V8's JSON.parse names a position for
 * some errors and only quotes a snippet for others ("Unexpected token"), so a guardian with a 20 MB file would
 * be left searching. Only run after JSON.parse failed; iterative, so hostile nesting cannot overflow the stack.
 */
export function jsonErrorPosition(text: string): { offset: number; line: number; column: number } {
  return textPosition(text, firstBadOffset(text));
}

/** An offset into text as 1-based line and column, as an editor shows them. */
export function textPosition(text: string, offset: number): { offset: number; line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPED = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/**
 * The end of the JSON string starting at `start` (its opening quote), or -1 where it breaks. By hand rather than
 * one regex: V8 backtracks an alternation inside `*` on its stack, which a 10 MB string overflows.
 */
function stringEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x22) return -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      ESCAPED.lastIndex = i + 1;
      if (!ESCAPED.test(text)) return -1;
      i = ESCAPED.lastIndex - 1;
    }
  }
  return -1;
}

function firstBadOffset(text: string): number {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  // What may come next: a value, an object key (or `}` for an empty object), or `,` / closer after a value.
  let expect: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after-value' = 'value';
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const matchString = (): boolean => {
    const end = stringEnd(text, i);
    if (end < 0) return false;
    i = end;
    return true;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  for (;;) {
    skip();
    if (i >= text.length) return stack.length === 0 && expect === 'after-value' ? i : text.length;
    const c = text[i]!;
    if (expect === 'after-value') {
      const top = stack.at(-1);
      if (top === undefined) return i;
      if (c === ',') [i, expect] = [i + 1, top === '{' ? 'key' : 'value'];
      else if ((c === '}' && top === '{') || (c === ']' && top === '['))
        [i, expect] = [i + 1, (stack.pop(), 'after-value')];
      else return i;
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') [i, expect] = [i + 1, (stack.pop(), 'after-value')];
      else if (!matchString()) return i;
      else {
        skip();
        if (text[i] !== ':') return i;
        [i, expect] = [i + 1, 'value'];
      }
    } else if (c === ']' && expect === 'value-or-close') [i, expect] = [i + 1, (stack.pop(), 'after-value')];
    else if (c === '{' || c === '[')
      [i, expect] = [i + 1, (stack.push(c), c === '{' ? 'key-or-close' : 'value-or-close')];
    else if (matchString() || match(NUMBER) || match(/true|false|null/y)) expect = 'after-value';
    else return i;
  }
}
