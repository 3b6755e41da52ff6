/**
 * Where JSON text first goes wrong, as 0-based offset, line and column. V8's JSON.parse names a position for
 * some errors and only quotes a snippet for others ("Unexpected token"), so a guardian with a 20 MB file would
 * be left searching. Only run after JSON.parse failed; iterative, so hostile nesting cannot overflow the stack.
 */
export function jsonErrorPosition(text: string): { offset: number; line: number; column: number } {
  const offset = firstBadOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function firstBadOffset(text: string): number {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  // What may come next: a value, an object key (or `}` for an empty object), or `,` / closer after a value.
  let expect: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after-value' = 'value';
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
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
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) [i, expect] = [i + 1, (stack.pop(), 'after-value')];
      else return i;
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') [i, expect] = [i + 1, (stack.pop(), 'after-value')];
      else if (!match(STRING)) return i;
      else {
        skip();
        if (text[i] !== ':') return i;
        [i, expect] = [i + 1, 'value'];
      }
    } else if (c === ']' && expect === 'value-or-close') [i, expect] = [i + 1, (stack.pop(), 'after-value')];
    else if (c === '{' || c === '[') [i, expect] = [i + 1, (stack.push(c), c === '{' ? 'key-or-close' : 'value-or-close')];
    else if (match(STRING) || match(NUMBER) || match(/true|false|null/y)) expect = 'after-value';
    else return i;
  }
}
