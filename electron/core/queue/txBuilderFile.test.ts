import { AbiCoder, dataSlice, getAddress, getBytes, Interface, keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { parseTxBuilderFile } from './txBuilderFile.js';
import { txBuilderChecksum } from './txBuilderChecksum.js';

const chainId = 11155111n;
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const vault = getAddress('0x' + '12'.repeat(20));
const token = getAddress('0x' + '34'.repeat(20));
const ctx = { chainId, safe, safeVersion: '1.4.1', nonce: 7n };
const pauseData = new Interface(['function pause()']).encodeFunctionData('pause', []);

function batch(
  transactions: unknown[],
  options: { checksum?: boolean; chainId?: string } = {},
): Record<string, unknown> {
  const b: Record<string, unknown> = {
    version: '1.0',
    chainId: options.chainId ?? '11155111',
    createdAt: 1_700_000_000_000,
    meta: {
      name: 'Emergency',
      description: '',
      txBuilderVersion: '1.18.0',
      createdFromSafeAddress: safe,
      createdFromOwnerAddress: '',
    },
    transactions,
  };
  if (options.checksum ?? true) (b['meta'] as Record<string, unknown>)['checksum'] = txBuilderChecksum(b);
  return b;
}

const method = (name: string, inputs: Array<{ name: string; type: string; components?: unknown[] }>) => ({
  name,
  inputs: inputs.map((i) => ({ internalType: i.type, ...i })),
  payable: false,
});

/** Reads MultiSend's packed bytes back, independently of the encoder, to prove what the batch would run. */
function unpackMultiSend(data: string): Array<{ operation: number; to: string; value: bigint; data: string }> {
  expect(dataSlice(data, 0, 4)).toBe(new Interface(['function multiSend(bytes)']).getFunction('multiSend')!.selector);
  const [packed] = AbiCoder.defaultAbiCoder().decode(['bytes'], dataSlice(data, 4)) as unknown as [string];
  const bytes = getBytes(packed);
  const calls = [];
  for (let i = 0; i < bytes.length;) {
    const len = Number(BigInt(dataSlice(bytes, i + 53, i + 85)));
    calls.push({
      operation: bytes[i]!,
      to: getAddress(dataSlice(bytes, i + 1, i + 21)),
      value: BigInt(dataSlice(bytes, i + 21, i + 53)),
      data: dataSlice(bytes, i + 85, i + 85 + len),
    });
    i += 85 + len;
  }
  return calls;
}

describe('parseTxBuilderFile', () => {
  it('computes the checksum the Transaction Builder computes for its own test batch', () => {
    // The batch and expected checksum of apps/tx-builder/src/lib/checksum.test.ts (safe-wallet-monorepo).
    const theirs = {
      version: '1.0',
      chainId: '4',
      createdAt: 1646321521061,
      meta: {
        name: 'test batch file',
        txBuilderVersion: '1.4.0',
        checksum: '',
        createdFromSafeAddress: '0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa',
        createdFromOwnerAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      },
      transactions: [
        {
          to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
          value: '0',
          contractMethod: {
            inputs: [{ internalType: 'address', name: 'paramAddress', type: 'address' }],
            name: 'testAddress',
            payable: false,
          },
          contractInputsValues: { paramAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6' },
        },
        {
          to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
          value: '0',
          contractMethod: {
            inputs: [{ internalType: 'bool', name: 'paramBool', type: 'bool' }],
            name: 'testBool',
            payable: false,
          },
          contractInputsValues: { paramAddress: '', paramBool: 'false' },
        },
        {
          to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
          value: '2000000000000000000',
          data: '0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6',
        },
      ],
    };
    expect(txBuilderChecksum(theirs)).toBe('0x86c81826dbf7e8a37612153294cc85fdf5c81998dd0a44b86d945502a7eace7c');
  });

  it('turns a one-call batch into a direct CALL with no claimed hash', () => {
    const item = parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { ...ctx, path: 'one.json' });
    const expected = createSafeTx({ chainId, safe, safeVersion: '1.4.1', to: vault, data: pauseData, nonce: 7n });
    expect(item.safeTx).toEqual(expected);
    expect(item.safeTxHash).toBe(safeTxHash(expected));
    expect(item).toMatchObject({
      claimedSafeTxHash: null,
      source: { kind: 'tx-builder-file', path: 'one.json' },
      confirmations: [],
    });
  });

  it('batches several calls as a DELEGATECALL to the official MultiSendCallOnly, whose packed calls decode back to the file', () => {
    const item = parseTxBuilderFile(
      batch([
        { to: vault, value: '0', data: pauseData },
        { to: token, value: '5', data: null, contractMethod: null, contractInputsValues: null },
      ]),
      ctx,
    );
    // MultiSendCallOnly 1.4.1 on Sepolia, from @safe-global/safe-deployments.
    expect(item.safeTx).toMatchObject({ operation: 1, value: 0n, to: '0x9641d764fc13c8B624c04430C7356C1C7C8102e2' });
    expect(unpackMultiSend(item.safeTx.data)).toEqual([
      { operation: 0, to: vault, value: 0n, data: pauseData },
      { operation: 0, to: token, value: 5n, data: '0x' },
    ]);
    const legacy = parseTxBuilderFile(
      batch([
        { to: vault, value: '0', data: pauseData },
        { to: token, value: '5' },
      ]),
      { ...ctx, safeVersion: '1.3.0' },
    );
    expect(legacy.safeTx.to).toBe('0xA1dabEF33b3B82c7814B6D82A79e50F4AC44102B');
    const chosen = parseTxBuilderFile(
      batch([
        { to: vault, value: '0', data: pauseData },
        { to: token, value: '5' },
      ]),
      { ...ctx, multiSendAddress: '0x' + '40'.repeat(20) },
    );
    expect(chosen.safeTx.to).toBe(getAddress('0x' + '40'.repeat(20)));
  });

  it('encodes contractMethod inputs as the Transaction Builder reads its form: hex and decimal numbers, booleans, bare arrays, tuples, JSON string arrays', () => {
    const fn = method('configure', [
      { name: 'admin', type: 'address' },
      { name: 'cap', type: 'uint256' },
      { name: 'delay', type: 'uint64' },
      { name: 'on', type: 'bool' },
      { name: 'guards', type: 'address[]' },
      {
        name: 'limits',
        type: 'tuple',
        components: [
          { name: 'low', type: 'uint128' },
          { name: 'high', type: 'uint128' },
        ],
      },
      { name: 'labels', type: 'string[]' },
    ]);
    const values = {
      admin: safe,
      cap: '1000000000000000000000',
      delay: '0x15180',
      on: 'True',
      guards: `[${vault}, "${token}"]`,
      limits: '["1", "2"]',
      labels: '["a, b", "c"]',
    };
    const item = parseTxBuilderFile(
      batch([{ to: vault, value: '0', data: null, contractMethod: fn, contractInputsValues: values }]),
      ctx,
    );
    const expected = new Interface([
      'function configure(address,uint256,uint64,bool,address[],(uint128,uint128),string[])',
    ]).encodeFunctionData('configure', [safe, 10n ** 21n, 86400n, true, [vault, token], [1n, 2n], ['a, b', 'c']]);
    expect(item.safeTx.data).toBe(expected.toLowerCase());
    expect(item.safeTx.to).toBe(vault);
  });

  it('refuses inputs the Transaction Builder would read differently from how they look, or could not encode', () => {
    const transfer = method('transfer', [
      { name: 'to', type: 'address' },
      { name: 'amount', type: 'uint256' },
    ]);
    const file = (values: Record<string, string>) =>
      batch([{ to: token, value: '0', data: null, contractMethod: transfer, contractInputsValues: values }]);
    expect(() => parseTxBuilderFile(file({ to: vault, amount: '1e18' }), ctx)).toThrow(
      /ambiguous: the Transaction Builder reads it as hex 0x1e18/,
    );
    expect(() => parseTxBuilderFile(file({ to: vault }), ctx)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/transaction 1: cannot encode transfer/),
      }),
    );
    expect(() => parseTxBuilderFile(file({ to: 'vault.eth', amount: '1' }), ctx)).toThrow(/cannot encode transfer/);
    const tupled = method('set', [{ name: 't', type: 'tuple', components: [{ name: 'x', type: 'uint256' }] }]);
    const big = batch([
      {
        to: token,
        value: '0',
        data: null,
        contractMethod: tupled,
        contractInputsValues: { t: '[100000000000000000000]' },
      },
    ]);
    expect(() => parseTxBuilderFile(big, ctx)).toThrow(/beyond 2\^53/);
  });

  it('refuses a batch edited after export, and accepts a renamed one and one checksummed by an older builder', () => {
    const edited = batch([{ to: vault, value: '0', data: pauseData }]);
    (edited['transactions'] as Array<Record<string, unknown>>)[0]!['value'] = '1000000000000000000';
    expect(() => parseTxBuilderFile(edited, ctx)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/changed after the Transaction Builder exported it/),
      }),
    );
    const renamed = batch([{ to: vault, value: '0', data: pauseData }]);
    (renamed['meta'] as Record<string, unknown>)['name'] = 'Renamed';
    expect(parseTxBuilderFile(renamed, ctx).safeTx.to).toBe(vault);
    const older = batch([{ to: vault, value: '0', data: pauseData }], { checksum: false });
    // Older builders hashed the whole batch, name included (same serialisation).
    const serialised = `{["chainId","createdAt","meta","transactions","version"]"11155111",1700000000000,{["createdFromOwnerAddress","createdFromSafeAddress","description","name","txBuilderVersion"]"",${JSON.stringify(safe)},"","Emergency","1.18.0",},[{["data","to","value"]${JSON.stringify(pauseData)},${JSON.stringify(vault)},"0",}],"1.0",}`;
    (older['meta'] as Record<string, unknown>)['checksum'] = keccak256(toUtf8Bytes(serialised));
    expect(parseTxBuilderFile(older, ctx).safeTx.data).toBe(pauseData);
  });

  it('refuses a batch for another chain or another Safe', () => {
    expect(() =>
      parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }], { chainId: '1' }), ctx),
    ).toThrow(
      expect.objectContaining({
        code: 'WRONG_CHAIN',
        message: expect.stringMatching(/built for chain 1, not chain 11155111/),
      }),
    );
    expect(() =>
      parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { ...ctx, safe: vault }),
    ).toThrow(expect.objectContaining({ code: 'WRONG_SAFE' }));
    const info = { chainId: 1n, address: safe, owners: [safe], threshold: 1, nonce: 3n, version: '1.4.1' };
    expect(() => parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { safeInfo: info })).toThrow(
      expect.objectContaining({ code: 'WRONG_CHAIN' }),
    );
  });

  it('takes the version and nonce from the Safe info, and asks for them when it has neither', () => {
    const info = { chainId, address: safe, owners: [safe], threshold: 1, nonce: 3n, version: '1.3.0' };
    expect(
      parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { safeInfo: info }).safeTx,
    ).toMatchObject({ nonce: 3n, safeVersion: '1.3.0' });
    expect(() => parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { chainId })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() =>
      parseTxBuilderFile(batch([{ to: vault, value: '0', data: pauseData }]), { ...ctx, safeVersion: '2.0.0' }),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SAFE_VERSION' }));
    expect(() =>
      parseTxBuilderFile(
        batch(
          [
            { to: vault, value: '0' },
            { to: token, value: '0' },
          ],
          { chainId: '999999' },
        ),
        { ...ctx, chainId: 999999n },
      ),
    ).toThrow(/No official MultiSendCallOnly 1\.4\.1 is known on chain 999999/);
  });

  it('names the field of a malformed batch', () => {
    expect(() => parseTxBuilderFile(batch([{ to: vault, value: 0, data: '0x' }], { checksum: false }), ctx)).toThrow(
      /transactions\.0\.value/,
    );
    expect(() =>
      parseTxBuilderFile(batch([{ to: '0x1234', value: '0', data: '0x' }], { checksum: false }), ctx),
    ).toThrow(/transactions\.0\.to: not a 20-byte/);
    expect(() => parseTxBuilderFile(batch([], { checksum: false }), ctx)).toThrow(/at least one transaction/);
    expect(() =>
      parseTxBuilderFile(
        { ...batch([{ to: vault, value: '0' }], { checksum: false }), meta: { createdFromSafeAddress: '' } },
        { chainId, safeVersion: '1.4.1', nonce: 0n },
      ),
    ).toThrow(/does not say which Safe/);
  });

  it('refuses a value no uint256 holds, in a single call and inside a batch, naming the field', () => {
    const huge = (2n ** 300n).toString();
    const refused = expect.objectContaining({
      code: 'INVALID_FILE',
      message: expect.stringMatching(/transactions\.1\.value: larger than a uint256 can hold/),
    });
    expect(() =>
      parseTxBuilderFile(
        batch(
          [
            { to: vault, value: '0', data: pauseData },
            { to: token, value: huge },
          ],
          { checksum: false },
        ),
        ctx,
      ),
    ).toThrow(refused);
    expect(() =>
      parseTxBuilderFile(
        batch([{ to: vault, value: ((1n << 256n) - 1n).toString(), data: pauseData }], { checksum: false }),
        ctx,
      ),
    ).not.toThrow();
  });

  it('refuses a 50,000-deep meta handed in as an object, with a typed error instead of a stack overflow', () => {
    const deep = batch([{ to: vault, value: '0', data: pauseData }], { checksum: false });
    let meta: Record<string, unknown> = { a: 1 };
    for (let i = 0; i < 50_000; i++) meta = { a: meta };
    (deep['meta'] as Record<string, unknown>)['x'] = meta;
    (deep['meta'] as Record<string, unknown>)['checksum'] = '0x' + '00'.repeat(32);
    expect(() => parseTxBuilderFile(deep, ctx)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/nests objects or arrays more than 64 deep/),
      }),
    );
  });

  it('refuses a tuple input nested beyond the JSON depth cap as an input it cannot encode', () => {
    const tupled = method('set', [{ name: 't', type: 'tuple', components: [{ name: 'x', type: 'uint256' }] }]);
    const deep = batch([
      {
        to: token,
        value: '0',
        data: null,
        contractMethod: tupled,
        contractInputsValues: { t: '['.repeat(100_000) + ']'.repeat(100_000) },
      },
    ]);
    expect(() => parseTxBuilderFile(deep, ctx)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/cannot encode set\(…\) from its inputs: .*nests more than 64 deep/),
      }),
    );
  });
});
