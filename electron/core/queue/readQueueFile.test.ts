import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { GuardianError } from '../errors.js';
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

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const vault = getAddress('0x' + '12'.repeat(20));
const multiSendCallOnly = getAddress('0x' + '40'.repeat(20));
const asked: Array<[string, bigint | undefined]> = [];
const resolve: ResolveSafe = (address, chainId) => {
  asked.push([address, chainId]);
  if (address.toLowerCase() !== safe.toLowerCase())
    throw new GuardianError('INVALID_INPUT', `Safe ${address} has not been pulled on this machine.`);
  return { chainId: 11155111n, safeVersion: '1.4.1', nonce: 7n, multiSendCallOnly };
};
const pauseData = '0x8456cb59';
const tx = (nonce: bigint) =>
  createSafeTx({ chainId: 11155111n, safe, safeVersion: '1.4.1', to: vault, data: pauseData, nonce });
const served = (nonce: bigint) => ({
  ...safeTxToJson(tx(nonce)),
  safeTxHash: safeTxHash(tx(nonce)),
  confirmations: [],
});

function batch(transactions: unknown[]): Record<string, unknown> {
  const b: Record<string, unknown> = {
    version: '1.0',
    chainId: '11155111',
    createdAt: 1,
    meta: { name: 'b', createdFromSafeAddress: safe },
    transactions,
  };
  (b['meta'] as Record<string, unknown>)['checksum'] = txBuilderChecksum(b);
  return b;
}

describe('readQueueFile', () => {
  it('recognises a Transaction Builder batch and fills in what it cannot say from the Safe context', () => {
    const q = readQueueFile(
      file(
        'batch.json',
        batch([
          { to: vault, value: '0', data: pauseData },
          { to: vault, value: '1', data: '0x' },
        ]),
      ),
      resolve,
    );
    expect(q.kind).toBe('tx-builder-file');
    expect(q.items[0]!.safeTx).toMatchObject({ to: multiSendCallOnly, operation: 1, nonce: 7n, chainId: 11155111n });
    expect(asked.at(-1)).toEqual([safe, 11155111n]);
  });

  it('recognises one service transaction and a page of them, refusing a doctored one and one of an unknown Safe by position', () => {
    const one = readQueueFile(file('single.json', served(7n)), resolve);
    expect(one).toMatchObject({ kind: 'service-file', rejected: [] });
    expect(one.items[0]!.claimedSafeTxHash).toBe(safeTxHash(tx(7n)));
    const stranger = { ...served(9n), safe: getAddress('0x' + '99'.repeat(20)) };
    const page = readQueueFile(
      file('page.json', {
        count: 3,
        next: null,
        previous: null,
        results: [served(7n), { ...served(8n), value: '1' }, stranger],
      }),
      resolve,
    );
    expect(page.items.map((i) => i.safeTx.nonce)).toEqual([7n]);
    expect(page.rejected).toMatchObject([
      { index: 1, error: { code: 'HASH_MISMATCH' } },
      { index: 2, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not been pulled/) } },
    ]);
  });

  it('names where a file stops being JSON', () => {
    expect(() => readQueueFile(file('bad.json', '{"transactions": [}'), resolve)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/not valid JSON at position 18 \(line 1, column 19\)/),
      }),
    );
    expect(() => readQueueFile(file('cut.json', '{"transactions": ['), resolve)).toThrow(
      /not valid JSON at position 18/,
    );
    expect(() => readQueueFile(file('comma.json', '{\n  "safeTxHash": "0x",\n  "nonce": 1,\n}'), resolve)).toThrow(
      /position 38 \(line 4, column 1\)/,
    );
    expect(() => readQueueFile(file('trailing.json', '{"a": 1} x'), resolve)).toThrow(
      /position 9 \(line 1, column 10\)/,
    );
    expect(() => readQueueFile(file('deep.json', '['.repeat(200_000)), resolve)).toThrow(
      /deep\.json nests objects or arrays more than 64 deep \(line 1, column 65\)/,
    );
    // A 10 MB string that never ends: the position is still found (a regex over it ran out of stack).
    expect(() => readQueueFile(file('unended.json', `{"data": "0x${'ab'.repeat(5_000_000)}`), resolve)).toThrow(
      /unended\.json is not valid JSON at position 9 \(line 1, column 10\)/,
    );
  });

  it('names the shape a file lacks, and the field a near-miss gets wrong', () => {
    expect(() => readQueueFile(file('other.json', { hello: 'world' }), resolve)).toThrow(
      expect.objectContaining({
        code: 'INVALID_FILE',
        message: expect.stringMatching(/neither a Transaction Builder batch.*it has hello/),
      }),
    );
    expect(() => readQueueFile(file('array.json', [served(7n)]), resolve)).toThrow(/not an object/);
    expect(() =>
      readQueueFile(file('badto.json', { ...batch([]), transactions: [{ to: '0x1234', value: '0' }] }), resolve),
    ).toThrow(/transactions\.0\.to: not a 20-byte/);
    expect(() => readQueueFile(file('badpage.json', { results: 'none' }), resolve)).toThrow(
      /not a page of transactions|not one \(results/,
    );
    expect(() => readQueueFile(join(dir, 'missing.json'), resolve)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILE', message: expect.stringMatching(/Cannot read/) }),
    );
  });
});
