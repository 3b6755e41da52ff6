import { GuardianError } from '../errors.js';
import { jsonErrorPosition, textPosition } from './jsonErrorPosition.js';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from './jsonLimits.js';

/**
 * Where a text nests deeper than the limit, as an offset, or -1. Iterative: hostile nesting is what it looks for.
 * One pass that jumps each string with indexOf rather than stepping through its characters: a service page is
 * mostly strings (addresses, hashes, calldata), and cold, before V8 compiles the loop, a character-by-character
 * counter took 6 to 8 ms of CPU on a 1000-entry page (540 KB) where this takes 1.5 to 3.3 (issue 15).
 */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Jump over the string: its brackets are not nesting. A quote preceded by an odd run of backslashes is escaped.
      for (let end = text.indexOf('"', i + 1); ; end = text.indexOf('"', end + 1)) {
        if (end === -1) return -1;
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) {
          i = end;
          break;
        }
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

export const megabytes = (bytes: number): string => `${bytes / 1e6} MB`;

/**
 * JSON text parsed under the one size cap and depth cap, or refused with INVALID_FILE naming `where` and, for
 * text that is not JSON, the line and column it breaks at. `where` is the file's path or what the text is.
 */
export function parseJsonText(text: string, where: string): unknown {
  if (text.length > MAX_JSON_BYTES || Buffer.byteLength(text) > MAX_JSON_BYTES) {
    throw new GuardianError(
      'INVALID_FILE',
      `${where} is larger than ${megabytes(MAX_JSON_BYTES)}; no file this console reads is that large.`,
      {
        details: { where, limit: MAX_JSON_BYTES },
      },
    );
  }
  const body = text.replace(/^\uFEFF/, '');
  const deep = tooDeepAt(body, MAX_JSON_DEPTH);
  if (deep >= 0) {
    const at = textPosition(body, deep);
    throw new GuardianError(
      'INVALID_FILE',
      `${where} nests objects or arrays more than ${MAX_JSON_DEPTH} deep (line ${at.line}, column ${at.column}); no file this console reads does.`,
      {
        details: { where, limit: MAX_JSON_DEPTH, offset: deep, line: at.line, column: at.column },
      },
    );
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (cause) {
    const at = jsonErrorPosition(body);
    throw new GuardianError(
      'INVALID_FILE',
      `${where} is not valid JSON at position ${at.offset} (line ${at.line}, column ${at.column}): ${(cause as Error).message.slice(0, 200)}.`,
      {
        cause,
        details: { where, ...at },
      },
    );
  }
}
