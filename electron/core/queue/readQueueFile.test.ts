import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbiCoder, dataSlice, getBytes, Interface } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { readQueueFile, type ResolveSafe } from './readQueueFile.js';
import { txBuilderChecksum } from './txBuilderChecksum.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const safe = '0x5AFE3855358E112B5647B952709E6165E1C1EEEE'.toLowerCase();
const vault = '0x' + '12'.repeat(20);
const multiSendCallOnly = '0x' + '40'.repeat(20);
const resolve: ResolveSafe = () => ({ chainId: 11155111n, safeVersion: '1.4.1', nonce: 7n, multiSendCallOnly });
const pauseData = new Interface(['function pause()']).encodeFunctionData('pause', []);

function batch(transactions: unknown[], withChecksum = true): Record<string, unknown> {
  const b: Record<string, unknown> = {
    version: '1.0',
    chainId: '11155111',
    createdAt: 1_700_000_000_000,
    meta: { name: 'Emergency', description: '', txBuilderVersion: '1.16.5', createdFromSafeAddress: safe, createdFromOwnerAddress: '' },
    transactions,
  };
  if (withChecksum) (b['meta'] as Record<string, unknown>)['checksum'] = txBuilderChecksum(b);
  return b;
}

/** Reads MultiSend's packed bytes back, independently of the encoder, to prove what the batch would run. */
function unpackMultiSend(data: string): Array<{ operation: number; to: string; value: bigint; data: string }> {
  const [packed] = AbiCoder.defaultAbiCoder().decode(['bytes'], dataSlice(data, 4)) as unknown as [string];
  const bytes = getBytes(packed);
  const calls = [];
  for (let i = 0; i < bytes.length; ) {
    const len = Number(BigInt(dataSlice(bytes, i + 53, i + 85)));
    calls.push({ operation: bytes[i]!, to: dataSlice(bytes, i + 1, i + 21), value: BigInt(dataSlice(bytes, i + 21, i + 53)), data: dataSlice(bytes, i + 85, i + 85 + len) });
    i += 85 + len;
  }
  return calls;
}

describe('readQueueFile', () => {
  it('turns a one-call Transaction Builder batch into a direct CALL', () => {
    const { kind, items } = readQueueFile(file('one.json', batch([{ to: vault, value: '0', data: pauseData }])), resolve);
    expect(kind).toBe('tx-builder-file');
    expect(items[0]!.safeTx).toMatchObject({ to: expect.stringMatching(/^0x1212/i), operation: 0, data: pauseData, nonce: 7n });
    expect(items[0]!.claimedSafeTxHash).toBeNull();
  });

  it('batches several calls as a DELEGATECALL to MultiSendCallOnly, encoding contractMethod inputs', () => {
    const path = file('many.json', batch([
      { to: vault, value: '0', data: pauseData },
      { to: vault, value: '5', data: null, contractMethod: { name: 'transferOwnership', inputs: [{ name: 'newOwner', type: 'address', internalType: 'address' }], payable: false }, contractInputsValues: { newOwner: safe } },
    ]));
    const item = readQueueFile(path, resolve).items[0]!;
    expect(item.safeTx.operation).toBe(1);
    expect(item.safeTx.to.toLowerCase()).toBe(multiSendCallOnly);
    const calls = unpackMultiSend(item.safeTx.data);
    expect(calls).toEqual([
      { operation: 0, to: vault, value: 0n, data: pauseData },
      { operation: 0, to: vault, value: 5n, data: new Interface(['function transferOwnership(address)']).encodeFunctionData('transferOwnership', [safe]) },
    ]);
  });

  it('refuses a batch edited after export (checksum mismatch)', () => {
    const b = batch([{ to: vault, value: '0', data: pauseData }]);
    (b['transactions'] as Array<Record<string, unknown>>)[0]!['value'] = '1000000000000000000';
    expect(() => readQueueFile(file('edited.json', b), resolve)).toThrow(/changed after the Transaction Builder exported it/);
    // A renamed batch still passes: the name is not part of the checksum.
    const renamed = batch([{ to: vault, value: '0', data: pauseData }]);
    (renamed['meta'] as Record<string, unknown>)['name'] = 'Renamed';
    expect(readQueueFile(file('renamed.json', renamed), resolve).items).toHaveLength(1);
  });

  it('reads one service transaction and a page of them, refusing a tampered one by name', () => {
    const tx = (nonce: bigint) => createSafeTx({ chainId: 11155111n, safe, safeVersion: '1.4.1', to: vault, data: pauseData, nonce });
    const served = (nonce: bigint) => ({ ...safeTxToJson(tx(nonce)), safeTxHash: safeTxHash(tx(nonce)), confirmations: [] });
    expect(readQueueFile(file('single.json', served(7n)), resolve).items[0]!.claimedSafeTxHash).toBe(safeTxHash(tx(7n)));
    const tampered = { ...served(8n), value: '1' };
    const page = readQueueFile(file('page.json', { count: 2, next: null, previous: null, results: [served(7n), tampered] }), resolve);
    expect(page.items.map((i) => i.safeTx.nonce)).toEqual([7n]);
    expect(page.rejected[0]).toMatchObject({ index: 1, error: { code: 'HASH_MISMATCH' } });
  });

  it('names what is wrong with a bad file', () => {
    expect(() => readQueueFile(file('bad.json', '{"transactions": ['), resolve)).toThrow(/not valid JSON/);
    expect(() => readQueueFile(file('other.json', { hello: 'world' }), resolve)).toThrow(/neither a Transaction Builder batch/);
    expect(() => readQueueFile(join(dir, 'missing.json'), resolve)).toThrow(/Cannot read/);
    const badTo = batch([{ to: '0x1234', value: '0', data: '0x' }], false);
    expect(() => readQueueFile(file('badto.json', badTo), resolve)).toThrow(/transactions\.0\.to: not a 20-byte/);
  });
});
