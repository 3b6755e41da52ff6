import type { ParamType } from 'ethers';
import { isGuardianError } from '../errors.js';
import { parseJsonText } from '../input/jsonText.js';
import { MAX_JSON_DEPTH } from '../input/jsonLimits.js';

/**
 * How the Safe Transaction Builder reads the text a person typed into its method form
 * (apps/tx-builder/src/utils.ts, parseInputValue), so a batch file encodes here to the calldata the builder
 * would propose. Where the builder's reading is ambiguous or lossy, we refuse rather than guess:
 * - an integer with hex letters but no 0x ("1e18") is read by the builder as hex (0x1e18 = 7704);
 * - a JSON number beyond 2^53 inside a tuple is silently rounded by JSON.parse.
 */
export class TxBuilderInputError extends Error {}

function booleanValue(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new TxBuilderInputError(`"${text}" is not a boolean`);
}

function integerValue(text: string): bigint {
  const t = text.replace(/["']/g, '').trim();
  if (t === '') throw new TxBuilderInputError('an integer cannot be empty');
  const negative = t.startsWith('-');
  const digits = negative ? t.slice(1) : t;
  let magnitude: bigint;
  if (/^0x[0-9a-f]+$/i.test(digits)) magnitude = BigInt(digits);
  else if (/^[0-9]+$/.test(digits)) magnitude = BigInt(digits);
  else if (/^[0-9a-f]+$/i.test(digits))
    throw new TxBuilderInputError(
      `"${text}" is ambiguous: the Transaction Builder reads it as hex 0x${digits}, not as a decimal number`,
    );
  else throw new TxBuilderInputError(`"${text}" is not an integer`);
  return negative ? -magnitude : magnitude;
}

function checkJsonNumbers(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TxBuilderInputError(
      `the number ${value} is beyond 2^53 or not whole; JSON would round it, so it must be written as a string`,
    );
  }
  if (Array.isArray(value)) value.forEach(checkJsonNumbers);
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach(checkJsonNumbers);
  return value;
}

function parseJson(text: string): unknown {
  let json: unknown;
  try {
    // The one JSON reader caps the nesting, so the walk below is bounded.
    json = parseJsonText(text, 'the input');
  } catch (cause) {
    const reason =
      isGuardianError(cause) && cause.message.includes(' nests ') ? ` (it nests more than ${MAX_JSON_DEPTH} deep)` : '';
    throw new TxBuilderInputError(`"${text.slice(0, 80)}" is not valid JSON${reason}`);
  }
  return checkJsonNumbers(json);
}

/** Splits "[a, [b, c], d]" at its top-level commas, as the builder does for arrays typed without quotes. */
function splitArray(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) throw new TxBuilderInputError(`"${text.slice(0, 80)}" is not an array`);
  const inner = t.slice(1, -1);
  if (inner.trim() === '') return [];
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of inner) {
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    if (char === '[') depth++;
    if (char === ']') depth--;
    current += char;
  }
  items.push(current.trim());
  return items;
}

function arrayValue(param: ParamType, text: string): unknown[] {
  const child = param.arrayChildren!;
  return splitArray(text).map((item) =>
    child.baseType === 'array' ? arrayValue(child, item) : scalarValue(child, item.replace(/["']/g, '')),
  );
}

function scalarValue(param: ParamType, text: string): unknown {
  if (param.type === 'bool') return booleanValue(text);
  if (/^u?int[0-9]*$/.test(param.type)) return integerValue(text);
  return text;
}

/** The value ethers should encode for one method input, read from the builder's form text. */
export function txBuilderInputValue(param: ParamType, text: string): unknown {
  if (param.baseType === 'tuple') return parseJson(text.trim());
  if (param.baseType === 'array') {
    let base: ParamType = param;
    while (base.baseType === 'array') base = base.arrayChildren!;
    // Arrays of strings (and of tuples) need JSON's quoting; everything else may be typed bare: [0xab.., 0xcd..].
    if (base.type === 'string' || base.baseType === 'tuple') return parseJson(text.trim());
    return arrayValue(param, text);
  }
  return scalarValue(param, param.type === 'bool' || /^u?int[0-9]*$/.test(param.type) ? text.trim() : text);
}
