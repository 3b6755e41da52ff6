import { Wallet, toBeHex } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchServiceQueue } from '../../electron/core/queue/fetchServiceQueue.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { startLoopbackService, type LoopbackService } from './loopbackService.js';

const chainId = 11155111n;
const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const owners = [1, 2, 3].map((i) => new Wallet(toBeHex(1000 + i, 32)));
let service: LoopbackService;

beforeAll(async () => {
  service = await startLoopbackService();
});
afterAll(async () => service.stop());
beforeEach(() => {
  service.hostile = null;
  service.safes.clear();
  service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 5n, version: '1.4.1' });
});

function tx(nonce: bigint, overrides: Partial<SafeTx> = {}): SafeTx {
  return createSafeTx({ chainId, safe, safeVersion: '1.4.1', to: '0x' + '11'.repeat(20), data: '0x8456cb59', nonce, ...overrides });
}

async function sign(wallet: Wallet, t: SafeTx): Promise<{ owner: string; signature: string }> {
  const typed = safeTxTypedData(t);
  return { owner: wallet.address, signature: await wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message) };
}

const pull = (timeoutMs = 5_000) => fetchServiceQueue({ serviceUrl: service.url, chainId, safe, timeoutMs });

describe('fetchServiceQueue through the real api-kit', () => {
  it('pulls the Safe and its pending transactions, re-hashed here, with verified confirmations', async () => {
    const a = tx(5n);
    service.addTransaction(a, { confirmations: [await sign(owners[0]!, a)], proposer: owners[0]!.address });
    service.addTransaction(tx(6n));
    const queue = await pull();
    expect(queue.safeInfo).toMatchObject({ threshold: 2, nonce: 5n, version: '1.4.1', owners: owners.map((o) => o.address) });
    expect(queue.rejected).toEqual([]);
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([5n, 6n]);
    expect(queue.items[0]!.safeTxHash).toBe(safeTxHash(a));
    expect(queue.items[0]!.claimedSafeTxHash).toBe(safeTxHash(a));
    expect(queue.items[0]!.confirmations.map((c) => c.owner)).toEqual([owners[0]!.address]);
    expect(service.requests.some((r) => r.path.includes('nonce__gte=5'))).toBe(true);
  });

  it('refuses a service transaction whose hash does not match its fields, and keeps the honest ones', async () => {
    service.addTransaction(tx(5n));
    const tampered = service.addTransaction(tx(6n));
    tampered['to'] = '0x' + '66'.repeat(20);
    const queue = await pull();
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([5n]);
    expect(queue.rejected).toHaveLength(1);
    expect(queue.rejected[0]!.error.code).toBe('HASH_MISMATCH');
    expect(queue.rejected[0]!.error.message).toContain(tampered.safeTxHash);
  });

  it('refuses a transaction of another Safe listed under this one', async () => {
    const other = service.addTransaction(tx(5n));
    other['safe'] = '0x' + '77'.repeat(20);
    const queue = await pull();
    expect(queue.rejected[0]!.error.code).toBe('WRONG_SAFE');
  });

  it('says which chain a transaction was hashed for when it is not this one', async () => {
    const foreign = service.addTransaction(tx(5n));
    foreign.safeTxHash = safeTxHash(tx(5n, { chainId: 1n }));
    const queue = await pull();
    expect(queue.rejected[0]!.error.code).toBe('WRONG_CHAIN');
    expect(queue.rejected[0]!.error.message).toMatch(/chain 1,/);
  });

  it('names the missing field of a malformed transaction', async () => {
    const broken = service.addTransaction(tx(5n));
    delete broken['operation'];
    const queue = await pull();
    expect(queue.rejected[0]!.error.code).toBe('SERVICE_BAD_RESPONSE');
    expect(queue.rejected[0]!.error.message).toMatch(/operation/);
  });

  it('drops a confirmation that does not recover to its claimed owner', async () => {
    const a = tx(5n);
    const forged = await sign(new Wallet(toBeHex(999, 32)), a);
    service.addTransaction(a, { confirmations: [{ owner: owners[1]!.address, signature: forged.signature }] });
    const queue = await pull();
    expect(queue.items[0]!.confirmations).toEqual([]);
    expect(queue.rejected[0]!.error.code).toBe('INVALID_SIGNATURE');
  });

  it('refuses calldata over the size limit without refusing the rest', async () => {
    service.addTransaction(tx(5n, { data: '0x' + 'ab'.repeat(1_200_000) }));
    service.addTransaction(tx(6n));
    const queue = await pull();
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([6n]);
    expect(queue.rejected[0]!.error.message).toMatch(/1200000 bytes of calldata/);
  });

  it('refuses a Safe version it cannot hash', async () => {
    service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 5n, version: '9.9.9' });
    await expect(pull()).rejects.toMatchObject({ code: 'UNSUPPORTED_SAFE_VERSION' });
  });

  it('gives each broken server its own clear error', async () => {
    service.hostile = { kind: 'status', status: 500 };
    await expect(pull()).rejects.toMatchObject({ code: 'SERVICE_BAD_RESPONSE', message: expect.stringMatching(/HTTP 500/) });
    service.hostile = { kind: 'not-json' };
    await expect(pull()).rejects.toMatchObject({ code: 'SERVICE_BAD_RESPONSE', message: expect.stringMatching(/not JSON/) });
    service.hostile = { kind: 'huge', bytes: 8_000_000 };
    await expect(pull()).rejects.toMatchObject({ code: 'SERVICE_BAD_RESPONSE', message: expect.stringMatching(/malformed Safe info/) });
    service.hostile = { kind: 'hang' };
    await expect(pull(300)).rejects.toMatchObject({ code: 'SERVICE_TIMEOUT' });
  });

  it('says the service is unreachable when nothing listens', async () => {
    const dead = await startLoopbackService();
    const url = dead.url;
    await dead.stop();
    await expect(fetchServiceQueue({ serviceUrl: url, chainId, safe, timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'SERVICE_UNREACHABLE' });
  });
});
