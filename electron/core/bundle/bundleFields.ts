import { keccak256, toUtf8Bytes } from 'ethers';
import { canonicalJson } from './bundleDigest.js';

/** A bundle's field list: each field's path in the file (safeTx.data, carried.prestate[0x…]) to its digest. */
export type BundleFieldDigests = Record<string, string>;

/**
 * Which containers the field list names member by member; every other value is one field, digested whole. Deep
 * enough that a refusal names something a guardian can open and compare (the transaction's data, one storage
 * slot of the carried state, one confirmation), and in the notation the station's own checks use
 * (carried.prestate[0x…].storage[0x…]); shallow enough that the list stays a few dozen lines. `members` lists an
 * object's keys (safeTx.data), `keyed` an object keyed by address or slot (carried.prestate[0x…]), `items` an
 * array's entries by position (confirmations[1]), so reordering one is an edit too. `[*]` stands for any key.
 */
const LISTED_BY_MEMBER: Readonly<Record<string, 'members' | 'keyed' | 'items'>> = {
  '': 'members',
  safeTx: 'members',
  safe: 'members',
  confirmations: 'items',
  abis: 'items',
  carried: 'members',
  'carried.block': 'members',
  'carried.prestate': 'keyed',
  'carried.prestate[*]': 'members',
  'carried.prestate[*].storage': 'keyed',
  'carried.proofs': 'items',
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const HEX_KEY = /^0x[0-9a-fA-F]+$/;

/**
 * A member's path. Any key that is not a plain name (or, in a keyed object, 0x hex) is written as a JSON string,
 * so no two places in a file share a path: a top-level key "safeTx.data" is ["safeTx.data"], never safeTx.data.
 */
function memberPath(parent: string, key: string, mode: 'members' | 'keyed'): string {
  if (mode === 'keyed' && HEX_KEY.test(key)) return `${parent}[${key}]`;
  if (mode === 'members' && IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * `path` is where the value is in the file; `shape` is that path with each key of a keyed or items container as
 * [*], for the table, and any other key that is not a plain name as [?], which the table never expands.
 */
function listFields(value: unknown, path: string, shape: string, into: Array<[string, string]>): void {
  const mode = LISTED_BY_MEMBER[shape];
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  let members: Array<[string, string, unknown]> | null = null;
  if (mode === 'items' && Array.isArray(value)) members = value.map((v, i) => [`${path}[${i}]`, `${shape}[*]`, v]);
  else if ((mode === 'members' || mode === 'keyed') && isObject)
    members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [
        memberPath(path, k, mode),
        mode === 'keyed' ? `${shape}[*]` : IDENTIFIER.test(k) ? memberPath(shape, k, mode) : `${shape}[?]`,
        v,
      ]);
  // An empty container is listed as itself, so an emptied one is not the same list as one taken out.
  if (!members || members.length === 0) {
    into.push([path || '(root)', keccak256(toUtf8Bytes(canonicalJson(value)))]);
    return;
  }
  for (const [p, sh, v] of members) listFields(v, p, sh, into);
}

/**
 * The field list of a bundle file as it is here: every field but the `producer` (the signature over the list,
 * which cannot cover itself), each with keccak256 of its canonical JSON. Every key counts, known or not, so a
 * field added to a signed bundle is named too.
 */
export function bundleFieldDigests(json: object): BundleFieldDigests {
  const { producer: _producer, ...signed } = json as Record<string, unknown>;
  const into: Array<[string, string]> = [];
  listFields(signed, '', '', into);
  return Object.fromEntries(into);
}

/** What the exporter's Ledger signs of a field list: keccak256 of its canonical JSON, path order not counting. */
export function fieldListDigest(fields: BundleFieldDigests): string {
  return keccak256(toUtf8Bytes(canonicalJson(fields)));
}
