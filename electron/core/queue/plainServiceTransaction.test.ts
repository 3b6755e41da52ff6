import { describe, expect, it } from 'vitest';
import { plainServiceTransaction } from './plainServiceTransaction.js';
import { serviceMultisigTransactionSchema } from './serviceSchemas.js';

const address = '0x5afe3855358e112b5647b952709e6165e1C1EEEE';
const hash = `0x${'ab'.repeat(32)}`;

/** As the service sends them: v2 strings, v1 numbers, confirmations, the optional fields given or null. */
const served: Array<Record<string, unknown>> = [
  {
    safe: address,
    to: '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
    value: '1000000000000000000',
    data: '0xa9059cbb',
    operation: 0,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: '0x0000000000000000000000000000000000000000',
    refundReceiver: '0x0000000000000000000000000000000000000000',
    nonce: '101',
    safeTxHash: hash,
  },
  {
    safe: address,
    to: address,
    value: '0',
    data: null,
    operation: 1,
    safeTxGas: 0,
    baseGas: 21000,
    gasPrice: '7',
    gasToken: null,
    refundReceiver: null,
    nonce: 3,
    safeTxHash: hash,
    proposer: address,
    submissionDate: '2025-02-21T14:13:35Z',
    isExecuted: false,
    executionDate: null,
    transactionHash: null,
    confirmations: [
      { owner: address, signature: `0x${'11'.repeat(65)}`, signatureType: 'EOA', submissionDate: '2025-02-21' },
      { owner: address, signature: null },
    ],
    modified: '2025-02-21T14:13:35Z',
    dataDecoded: { method: 'transfer' },
  },
  {
    safe: address,
    to: address,
    value: '0',
    data: '0x',
    operation: 0,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: address,
    refundReceiver: address,
    nonce: '0',
    safeTxHash: hash,
    proposer: null,
    isExecuted: true,
    executionDate: '2025-02-21T14:13:35Z',
    transactionHash: hash,
    confirmations: [],
  },
];

/** Values that are right for some fields and wrong for others, and the edges of each check. */
const POOL: unknown[] = [
  undefined,
  null,
  true,
  0,
  1,
  2,
  -0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  '0',
  '00',
  '-1',
  '1e3',
  ' 1',
  '0x10',
  ((1n << 256n) - 1n).toString(),
  (1n << 256n).toString(),
  `${'0'.repeat(100)}1`,
  '9'.repeat(79),
  '0x',
  '0x0',
  '0xABcd',
  '0xzz',
  address,
  address.toLowerCase(),
  `${address}0`,
  address.slice(0, -1),
  `0X${address.slice(2)}`,
  hash,
  hash.toUpperCase().replace('0X', '0x'),
  `${hash}00`,
  '2025-02-21',
  [],
  [{ owner: address, signature: null }],
  [{ owner: address }],
  [{ owner: address, signature: '0x1' }],
  [{ owner: address, signature: '0x', signatureType: 5 }],
  [null],
  {},
];

const FIELDS = [
  'safe',
  'to',
  'value',
  'data',
  'operation',
  'safeTxGas',
  'baseGas',
  'gasPrice',
  'gasToken',
  'refundReceiver',
  'nonce',
  'safeTxHash',
  'proposer',
  'submissionDate',
  'isExecuted',
  'executionDate',
  'transactionHash',
  'confirmations',
];

/** Every served transaction with each field in turn removed, or set to each value of the pool. */
function variants(): unknown[] {
  const out: unknown[] = [...served];
  for (const base of served) {
    for (const field of FIELDS) {
      const { [field]: _, ...without } = base;
      out.push(without);
      for (const value of POOL) out.push({ ...base, [field]: value });
    }
  }
  out.push(null, [], 'tx', 5, Object.assign(Object.create(null) as object, served[0]));
  return out;
}

describe('plainServiceTransaction', () => {
  it('gives what the zod schema gives for the transactions the service sends, field for field and in order', () => {
    for (const json of served) {
      const zod = serviceMultisigTransactionSchema.parse(json);
      const plain = plainServiceTransaction(json);
      expect(plain).toStrictEqual(zod);
      expect(Object.keys(plain!)).toEqual(Object.keys(zod));
    }
  });

  it('never says yes where zod says no, nor gives another object: on every field removed or set to an edge value', () => {
    let accepted = 0;
    let refused = 0;
    for (const json of variants()) {
      const plain = plainServiceTransaction(json);
      const zod = serviceMultisigTransactionSchema.safeParse(json);
      if (!zod.success) refused++;
      if (plain === undefined) continue;
      accepted++;
      expect(
        zod.success,
        JSON.stringify(json, (_k, v: unknown) => (v === undefined ? '(undefined)' : v)),
      ).toBe(true);
      expect(plain).toStrictEqual(zod.data);
      expect(Object.keys(plain)).toEqual(Object.keys(zod.data!));
    }
    // Both sides were exercised: many variants pass the fast check, many are left to zod to refuse.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(500);
  });
});
