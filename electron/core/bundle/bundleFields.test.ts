import { keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './bundleDigest.js';
import { bundleFieldDigests, fieldListDigest } from './bundleFields.js';

const digestOf = (value: unknown) => keccak256(toUtf8Bytes(canonicalJson(value)));
const SAFE = '0x' + 'aa'.repeat(20);
const SLOT = '0x' + '00'.repeat(31) + '04';

/** A bundle's outline: the parts the field list goes into, with small values. */
const bundle = () => ({
  format: 'guardian-review-bundle',
  safeTx: { to: SAFE, data: '0x8456cb59' },
  safe: { owners: [SAFE], threshold: 2 },
  confirmations: [{ owner: SAFE, signature: '0x01' }],
  carried: {
    block: { number: '0x10' },
    header: { hash: '0x02' },
    prestate: { [SAFE]: { balance: '0x0', storage: { [SLOT]: '0x02' } } },
    proofs: [{ address: SAFE }],
  },
  abis: [],
  producer: { signer: SAFE },
});

describe('bundleFieldDigests', () => {
  it('lists each field by its path in the file, down to a storage slot, with the digest of its canonical JSON', () => {
    expect(bundleFieldDigests(bundle())).toEqual({
      format: digestOf('guardian-review-bundle'),
      'safeTx.to': digestOf(SAFE),
      'safeTx.data': digestOf('0x8456cb59'),
      'safe.owners': digestOf([SAFE]),
      'safe.threshold': digestOf(2),
      'confirmations[0]': digestOf({ owner: SAFE, signature: '0x01' }),
      'carried.block.number': digestOf('0x10'),
      'carried.header': digestOf({ hash: '0x02' }),
      [`carried.prestate[${SAFE}].balance`]: digestOf('0x0'),
      [`carried.prestate[${SAFE}].storage[${SLOT}]`]: digestOf('0x02'),
      'carried.proofs[0]': digestOf({ address: SAFE }),
      abis: digestOf([]),
    });
  });

  it('gives no two places one path: a key that reads like a path is quoted, an emptied list is not a removed one', () => {
    const nested = bundleFieldDigests({ safeTx: { data: '0x' } });
    const flat = bundleFieldDigests({ 'safeTx.data': '0x' });
    expect(Object.keys(nested)).toEqual(['safeTx.data']);
    expect(Object.keys(flat)).toEqual(['["safeTx.data"]']);
    expect(Object.keys(bundleFieldDigests({ confirmations: [], abis: [] }))).toEqual(['confirmations', 'abis']);
    expect(Object.keys(bundleFieldDigests({ abis: [] }))).toEqual(['abis']);
    // A key such as __proto__ is one more field, not the list's prototype.
    const proto = bundleFieldDigests(JSON.parse('{"__proto__": {"x": 1}, "safe": {"__proto__": 1}}') as object);
    expect(Object.keys(proto)).toEqual(['__proto__', 'safe.__proto__']);
  });

  it('is the same list whatever the key order, and another list when an array is reordered', () => {
    const reversed = Object.fromEntries(Object.entries(bundle()).reverse());
    expect(fieldListDigest(bundleFieldDigests(reversed))).toBe(fieldListDigest(bundleFieldDigests(bundle())));
    const two = { ...bundle(), confirmations: [{ owner: SAFE }, { owner: '0x01' }] };
    const swapped = { ...bundle(), confirmations: [{ owner: '0x01' }, { owner: SAFE }] };
    expect(fieldListDigest(bundleFieldDigests(two))).not.toBe(fieldListDigest(bundleFieldDigests(swapped)));
  });

  it('leaves the producer out: the signature over the list cannot cover itself', () => {
    const { producer: _producer, ...unsigned } = bundle();
    expect(bundleFieldDigests(bundle())).toEqual(bundleFieldDigests(unsigned));
  });
});
