import { getAddress, toBeHex, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHash, safeTxTypedData } from '../safe/safeTxHash.js';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { parseServiceTransactionsFile, plainPageResults, servicePageFileSchema } from './serviceTransactionsFile.js';

const chainId = 11155111n;
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const owner = new Wallet(toBeHex(3001, 32));
const safeInfo = { chainId, address: safe, owners: [owner.address], threshold: 1, nonce: 7n, version: '1.4.1' };
const tx = (nonce: bigint): SafeTx => pauseSafeTx({ chainId, safe, to: '0x' + '12'.repeat(20), nonce });

async function served(t: SafeTx): Promise<Record<string, unknown>> {
  const typed = safeTxTypedData(t);
  const signature = await owner.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message);
  const { chainId: _c, safeVersion: _v, ...fields } = safeTxToJson(t);
  return {
    ...fields,
    safeTxHash: safeTxHash(t),
    isExecuted: false,
    confirmations: [{ owner: owner.address, signature, signatureType: 'EOA' }],
  };
}

describe('parseServiceTransactionsFile', () => {
  it("reads one transaction, re-hashed with the Safe's version, with its confirmation", async () => {
    const { items, rejected } = parseServiceTransactionsFile(await served(tx(7n)), { safeInfo, path: 'one.json' });
    expect(rejected).toEqual([]);
    expect(items[0]).toMatchObject({
      safeTxHash: safeTxHash(tx(7n)),
      claimedSafeTxHash: safeTxHash(tx(7n)),
      source: { kind: 'service-file', path: 'one.json' },
    });
    expect(items[0]!.confirmations.map((c) => c.owner)).toEqual([owner.address]);
  });

  it('reads a page and refuses a tampered transaction by its position, keeping the others', async () => {
    const tampered = { ...(await served(tx(8n))), value: '1' };
    const page = { count: 2, next: null, previous: null, results: [await served(tx(7n)), tampered] };
    const { items, rejected } = parseServiceTransactionsFile(page, { safeInfo });
    expect(items.map((i) => i.safeTx.nonce)).toEqual([7n]);
    expect(rejected).toMatchObject([
      { index: 1, nonce: '8', claimedSafeTxHash: safeTxHash(tx(8n)), error: { code: 'HASH_MISMATCH' } },
    ]);
  });

  it("names the missing field as a file problem, and refuses another Safe's transaction", async () => {
    const { operation: _op, ...broken } = await served(tx(7n));
    expect(parseServiceTransactionsFile(broken, { safeInfo }).rejected[0]!.error).toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringMatching(/operation/),
    });
    const other = { ...safeInfo, address: getAddress('0x' + '77'.repeat(20)) };
    expect(parseServiceTransactionsFile(await served(tx(7n)), { safeInfo: other }).rejected[0]!.error.code).toBe(
      'WRONG_SAFE',
    );
  });

  it("asks for the Safe's chain and version when it is given neither, and refuses a version it cannot hash", async () => {
    const json = await served(tx(7n));
    expect(() => parseServiceTransactionsFile(json)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/give the Safe's info/) }),
    );
    expect(() => parseServiceTransactionsFile(json, { chainId, safeVersion: '0.9.0' })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SAFE_VERSION' }),
    );
    expect(parseServiceTransactionsFile(json, { chainId, safeVersion: '1.4.1' }).items).toHaveLength(1);
    expect(parseServiceTransactionsFile(json, { chainId: 1n, safeVersion: '1.4.1' }).rejected[0]!.error.code).toBe(
      'WRONG_CHAIN',
    );
  });
});

describe('plainPageResults', () => {
  it("gives a plain page's results exactly as servicePageFileSchema does, and leaves every other page to zod", () => {
    const entries = [{ safeTxHash: '0x01' }, null, 3];
    const pages: Array<Record<string, unknown>> = [
      { count: 3, next: null, previous: null, results: entries },
      { results: entries },
      { count: 0, next: 'https://service/?offset=20', previous: 'https://service/', extra: true, results: [] },
      { results: Array.from({ length: 10_000 }, () => 1) },
      { count: -1, results: [] },
      { count: 1.5, results: [] },
      { count: 1e20, results: [] },
      { count: '3', results: [] },
      { next: 5, results: [] },
      { previous: {}, results: [] },
      { results: { 0: 1 } },
      { results: 'none' },
      { results: Array.from({ length: 10_001 }, () => 1) },
    ];
    let plain = 0;
    for (const page of pages) {
      const zod = servicePageFileSchema().safeParse(page);
      const results = plainPageResults(page);
      if (results === undefined) expect(zod.success, JSON.stringify(page).slice(0, 80)).toBe(false);
      else {
        plain++;
        expect(zod.success && zod.data.results).toEqual(results);
      }
    }
    expect(plain).toBe(4);
  });
});
