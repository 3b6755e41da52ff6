import { formatUnits } from 'ethers';
import type { AddressBook } from '../addressBook.js';
import type { DecodedAction } from '../decodedTransaction.js';
import type { TokenInfo } from '../../primitives/tokenInfo.js';
import { tokenAmount } from '../tokenAmount.js';
import type { DescriptorField, Erc7730Descriptor } from './erc7730Descriptor.js';

/** One labelled field as a descriptor formats it; `raw` is always beside it, so a format cannot hide the value. */
export interface ClearSigningField {
  label: string;
  value: string;
  raw: string;
}

/**
 * "#.to" and "to" name an argument; "@.to", "@.value" the call itself (ERC-7730's container paths); "a.b" a
 * tuple member; "a.[1]" an array element. Undefined when the path does not lead to a value.
 */
function valueAt(path: string, action: DecodedAction): unknown {
  if (path === '@.to') return action.to;
  if (path === '@.value') return action.value.toString();
  const steps = path.replace(/^#\./, '').split('.');
  const arg = action.args.find((a) => a.name === steps[0]);
  let value: unknown = arg?.value;
  for (const step of steps.slice(1)) {
    const index = /^\[(-?\d+)\]$/.exec(step);
    if (!Array.isArray(value) || !index) return undefined;
    const i = Number(index[1]);
    value = value[i < 0 ? value.length + i : i];
  }
  return value;
}

function seconds(raw: string): string {
  const s = BigInt(raw);
  const parts: string[] = [];
  let rest = s;
  for (const [size, unit] of [
    [86_400n, 'd'],
    [3_600n, 'h'],
    [60n, 'min'],
    [1n, 's'],
  ] as const) {
    if (rest >= size) parts.push(`${rest / size} ${unit}`);
    rest %= size;
  }
  return `${parts.join(' ') || '0 s'} (${s} s)`;
}

function formatValue(
  field: DescriptorField,
  raw: unknown,
  action: DecodedAction,
  descriptor: Erc7730Descriptor,
  book: AddressBook,
  tokens: ReadonlyMap<string, TokenInfo>,
): string {
  const text = Array.isArray(raw) ? JSON.stringify(raw) : String(raw);
  switch (field.format) {
    case 'addressName':
      return book.label(text);
    case 'amount':
      return `${formatUnits(BigInt(text))} native`;
    case 'tokenAmount': {
      // The token is where the descriptor says (a path or a fixed address); without one, the called contract.
      const tokenPath = typeof field.params.tokenPath === 'string' ? field.params.tokenPath : null;
      const token = tokenPath
        ? String(valueAt(tokenPath, action) ?? '')
        : typeof field.params.token === 'string'
          ? field.params.token
          : action.to;
      return tokenAmount(BigInt(text), tokens.get(token.toLowerCase()));
    }
    case 'date':
      return field.params.encoding === 'blockheight'
        ? `block ${text}`
        : `${new Date(Number(BigInt(text)) * 1000).toISOString().replace('.000Z', 'Z')} (unix time ${text})`;
    case 'duration':
      return seconds(text);
    case 'enum': {
      const ref = typeof field.params.$ref === 'string' ? field.params.$ref.replace(/^\$\.metadata\.enums\./, '') : '';
      return descriptor.enums[ref]?.[text] ?? `${text} (not in the descriptor's enum ${ref || '?'})`;
    }
    case 'unit': {
      const decimals = typeof field.params.decimals === 'number' ? field.params.decimals : 0;
      return `${formatUnits(BigInt(text), decimals)}${typeof field.params.base === 'string' ? ` ${field.params.base}` : ''}`;
    }
    default:
      return text;
  }
}

/**
 * The descriptor's fields for a decoded call. A field whose path reads nothing, or whose format cannot take the
 * value, is shown raw with a note: the descriptor describes, the calldata decides.
 */
export function descriptorFields(
  fields: readonly DescriptorField[],
  action: DecodedAction,
  descriptor: Erc7730Descriptor,
  book: AddressBook,
  tokens: ReadonlyMap<string, TokenInfo>,
): { fields: ClearSigningField[]; problems: string[] } {
  const out: ClearSigningField[] = [];
  const problems: string[] = [];
  for (const field of fields) {
    const raw = valueAt(field.path, action);
    if (raw === undefined) {
      problems.push(`The descriptor's field "${field.label}" reads ${field.path}, which this call does not have.`);
      continue;
    }
    const rawText = Array.isArray(raw) ? JSON.stringify(raw) : String(raw);
    try {
      out.push({ label: field.label, value: formatValue(field, raw, action, descriptor, book, tokens), raw: rawText });
    } catch {
      problems.push(`The descriptor's field "${field.label}" (${field.format}) cannot format ${rawText}; shown raw.`);
      out.push({ label: field.label, value: rawText, raw: rawText });
    }
  }
  return { fields: out, problems };
}
