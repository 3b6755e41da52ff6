import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GuardianError } from '../errors.js';
import { readJsonFile } from './jsonFile.js';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from './jsonLimits.js';
import { parseJsonText } from './jsonText.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(fn: () => unknown): GuardianError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GuardianError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseJsonText, the one JSON reader', () => {
  it('reads nesting up to the depth cap and refuses one level more, naming where', () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH), 'x.json')).toBeInstanceOf(Array);
    const error = refusal(() => parseJsonText(`{\n "meta": ${nested(MAX_JSON_DEPTH)}}`, 'x.json'));
    expect(error.code).toBe('INVALID_FILE');
    expect(error.message).toBe(
      `x.json nests objects or arrays more than ${MAX_JSON_DEPTH} deep (line 2, column ${9 + MAX_JSON_DEPTH}); no file this console reads does.`,
    );
  });

  it('refuses 50,000 levels without walking them', () => {
    const text = `{"meta":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    expect(refusal(() => parseJsonText(text, 'batch.json')).message).toMatch(
      /^batch\.json nests objects or arrays more than 64 deep/,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `${'['.repeat(500)}"\\${'{'.repeat(500)}`, list: [1] });
    expect(parseJsonText(text, 'x.json')).toEqual(JSON.parse(text));
  });

  it('reads objects nested to the cap and refuses one level more, counting objects and arrays alike', () => {
    const mixed = (depth: number) =>
      Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"k":')).join('') +
      '1' +
      Array.from({ length: depth }, (_, i) => (i % 2 ? ']' : '}'))
        .reverse()
        .join('');
    expect(parseJsonText(mixed(MAX_JSON_DEPTH), 'x.json')).toBeInstanceOf(Object);
    const error = refusal(() => parseJsonText(mixed(MAX_JSON_DEPTH + 1), 'x.json'));
    // The 65th opener: 32 of '{"k":' and 32 of '[' before it.
    expect(error.details).toMatchObject({ offset: 32 * 5 + 32, line: 1, column: 32 * 5 + 32 + 1 });
  });

  it('counts brackets after a string that ends in an escaped backslash, and none after an escaped quote', () => {
    // "\\" is a string of one backslash: the quote after it closes it, so what follows is nesting.
    const closed = `{"a":"\\\\",\n"b":${nested(MAX_JSON_DEPTH)}}`;
    expect(refusal(() => parseJsonText(closed, 'x.json')).message).toContain(
      `more than ${MAX_JSON_DEPTH} deep (line 2, column ${4 + MAX_JSON_DEPTH})`,
    );
    // "\"[[[…" keeps the string open: its brackets are text.
    const open = JSON.stringify({ a: `"${'['.repeat(100)}`, b: JSON.parse(nested(MAX_JSON_DEPTH - 1)) });
    expect(parseJsonText(open, 'x.json')).toEqual(JSON.parse(open));
  });

  it('leaves a string that never ends to the JSON error, however many brackets follow its quote', () => {
    const error = refusal(() => parseJsonText(`{"a":"${'['.repeat(100)}`, 'x.json'));
    expect(error.message).toMatch(/^x\.json is not valid JSON at position 5 \(line 1, column 6\)/);
  });

  it('refuses text over the size cap before parsing it', () => {
    const error = refusal(() => parseJsonText(`"${'a'.repeat(MAX_JSON_BYTES)}"`, 'big.json'));
    expect(error.message).toBe('big.json is larger than 20 MB; no file this console reads is that large.');
  });

  it('names the line and column where text stops being JSON, even after 10 MB of one string', () => {
    expect(refusal(() => parseJsonText('{\n  "a": 1,\n}', 'c.json')).message).toMatch(
      /^c\.json is not valid JSON at position 12 \(line 3, column 1\)/,
    );
    expect(refusal(() => parseJsonText(`["${'f'.repeat(10_000_000)}\\x"]`, 'esc.json')).message).toMatch(
      /^esc\.json is not valid JSON at position 1 \(line 1, column 2\)/,
    );
  });

  it('takes a byte-order mark as editors write it', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'bom.json')).toEqual({ a: 1 });
  });
});

describe('readJsonFile', () => {
  it('refuses a file over the size cap by its size, and a missing file, naming each', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(MAX_JSON_BYTES + 1, 0x20));
    expect(refusal(() => readJsonFile(big)).message).toBe(
      `${big} is larger than 20 MB; no file this console reads is that large.`,
    );
    expect(refusal(() => readJsonFile(join(dir, 'missing.json'))).message).toMatch(
      /^Cannot read .*missing\.json: ENOENT/,
    );
  });
});
