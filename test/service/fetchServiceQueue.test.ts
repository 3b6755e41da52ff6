import { getAddress, Wallet, ZeroAddress, toBeHex } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchServiceQueue, type FetchServiceQueueOptions } from '../../electron/core/queue/fetchServiceQueue.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { startLoopbackService, type LoopbackService } from './loopbackService.js';

const chainId = 11155111n;
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const otherSafe = getAddress('0x' + '77'.repeat(20));
const owners = [1, 2, 3].map((i) => new Wallet(toBeHex(1000 + i, 32)));
let service: LoopbackService;

beforeAll(async () => {
  service = await startLoopbackService({ chainId });
});
afterAll(async () => service.stop());
beforeEach(() => {
  service.setHostile(null);
  service.state.safes.clear();
  service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 5n, version: '1.4.1' });
});

function tx(nonce: bigint, overrides: Partial<SafeTx> = {}): SafeTx {
  return createSafeTx({
    chainId,
    safe,
    safeVersion: '1.4.1',
    to: '0x' + '11'.repeat(20),
    data: '0x8456cb59',
    nonce,
    ...overrides,
  });
}

async function sign(wallet: Wallet, t: SafeTx): Promise<{ owner: string; signature: string }> {
  const typed = safeTxTypedData(t);
  return {
    owner: wallet.address,
    signature: await wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message),
  };
}

const pull = (options: Partial<FetchServiceQueueOptions> = {}) =>
  fetchServiceQueue({ serviceUrl: service.url, chainId, safe, timeoutMs: 5_000, ...options });

describe('fetchServiceQueue through the real api-kit', () => {
  it('pulls the Safe and its pending transactions, re-hashed here, with verified confirmations, in nonce order', async () => {
    const a = tx(5n);
    const b = tx(6n, { value: 10n });
    service.addMultisigTx(tx(4n)); // an old nonce: the service does not list it as pending
    service.addMultisigTx(a, {
      confirmations: [await sign(owners[0]!, a), await sign(owners[2]!, a)],
      proposer: owners[0]!.address,
    });
    service.addMultisigTx(b, { confirmations: [await sign(owners[1]!, b)] });
    const queue = await pull();
    expect(queue.safeInfo).toMatchObject({
      chainId,
      address: safe,
      threshold: 2,
      nonce: 5n,
      version: '1.4.1',
      owners: owners.map((o) => o.address),
    });
    expect(queue.rejected).toEqual([]);
    expect(queue.chainConfirmedByService).toBe(true);
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([5n, 6n]);
    for (const [item, expected] of [
      [queue.items[0]!, a],
      [queue.items[1]!, b],
    ] as const) {
      expect(item.safeTxHash).toBe(safeTxHash(expected));
      expect(item.claimedSafeTxHash).toBe(item.safeTxHash);
      expect(item.source).toEqual({ kind: 'service', url: service.url });
    }
    expect(queue.items[0]!.confirmations.map((c) => c.owner)).toEqual([owners[0]!.address, owners[2]!.address]);
    expect(queue.items[0]!.proposer).toBe(owners[0]!.address);
    expect(queue.items[1]!.confirmations.map((c) => c.owner)).toEqual([owners[1]!.address]);
    expect(service.requests.some((r) => r.path.includes('executed=false') && r.path.includes('nonce__gte=5'))).toBe(
      true,
    );
  });

  it('refuses a service transaction whose hash does not match its fields, and keeps the honest ones', async () => {
    service.addMultisigTx(tx(5n));
    const tampered = service.addMultisigTx(tx(6n));
    tampered['to'] = '0x' + '66'.repeat(20);
    const queue = await pull();
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([5n]);
    expect(queue.rejected).toHaveLength(1);
    expect(queue.rejected[0]).toMatchObject({
      claimedSafeTxHash: tampered.safeTxHash,
      nonce: '6',
      error: { code: 'HASH_MISMATCH' },
    });
    expect(queue.rejected[0]!.error.message).toContain(tampered.safeTxHash);
  });

  it('refuses every transaction whose calldata the service altered after hashing', async () => {
    service.addMultisigTx(tx(5n));
    service.addMultisigTx(tx(6n));
    service.setHostile({ kind: 'tamper', field: 'data', value: '0x3f4ba83a' });
    const queue = await pull();
    expect(queue.items).toEqual([]);
    expect(queue.rejected.map((r) => r.error.code)).toEqual(['HASH_MISMATCH', 'HASH_MISMATCH']);
  });

  it("refuses another Safe's transaction listed under this one, and keeps this Safe's own", async () => {
    service.setSafe({
      address: otherSafe,
      owners: owners.map((o) => o.address),
      threshold: 1,
      nonce: 5n,
      version: '1.4.1',
    });
    service.addMultisigTx(tx(5n));
    const foreign = service.addMultisigTx(tx(5n, { safe: otherSafe }));
    service.setHostile({ kind: 'foreign-tx' });
    const queue = await pull();
    expect(queue.items.map((i) => i.safeTxHash)).toEqual([safeTxHash(tx(5n))]);
    expect(queue.rejected).toMatchObject([{ claimedSafeTxHash: foreign.safeTxHash, error: { code: 'WRONG_SAFE' } }]);
  });

  it('says which chain a transaction was hashed for when it is not this one', async () => {
    const foreign = service.addMultisigTx(tx(5n));
    foreign.safeTxHash = safeTxHash(tx(5n, { chainId: 1n }));
    const queue = await pull();
    expect(queue.rejected[0]!.error.code).toBe('WRONG_CHAIN');
    expect(queue.rejected[0]!.error.message).toMatch(/chain 1,/);
  });

  it('refuses the whole pull when the service indexes another chain', async () => {
    service.addMultisigTx(tx(5n));
    service.setHostile({ kind: 'wrong-chain', chainId: 1n });
    await expect(pull()).rejects.toMatchObject({
      code: 'WRONG_CHAIN',
      message: expect.stringMatching(/indexes chain 1, not chain 11155111/),
    });
  });

  it('names the field a transaction is missing, and keeps the complete ones', async () => {
    service.addMultisigTx(tx(5n));
    service.setHostile({ kind: 'drop-field', field: 'operation', only: 'multisig-transactions' });
    const queue = await pull();
    expect(queue.items).toEqual([]);
    expect(queue.rejected[0]!.error).toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/operation/),
    });
    service.setHostile(null);
    expect((await pull()).items).toHaveLength(1);
  });

  it('names the field the Safe info is missing', async () => {
    service.setHostile({ kind: 'drop-field', field: 'owners', only: 'safe-info' });
    await expect(pull()).rejects.toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/Safe info \(owners/),
    });
  });

  it('refuses Safe info that describes another Safe', async () => {
    service.state.safes.get(safe.toLowerCase())!.info['address'] = otherSafe;
    await expect(pull()).rejects.toMatchObject({ code: 'WRONG_SAFE' });
  });

  it('takes a null gas token and refund receiver as address(0), and an on-chain approval as an approved-hash confirmation', async () => {
    const a = tx(5n);
    const served = service.addMultisigTx(a, {
      confirmations: [{ owner: owners[1]!.address, signature: null, signatureType: 'APPROVED_HASH' }],
    });
    served['gasToken'] = null;
    served['refundReceiver'] = null;
    const queue = await pull();
    expect(queue.rejected).toEqual([]);
    expect(queue.items[0]!.safeTx).toMatchObject({ gasToken: ZeroAddress, refundReceiver: ZeroAddress });
    expect(queue.items[0]!.confirmations).toEqual([
      {
        owner: owners[1]!.address,
        signature: `0x${owners[1]!.address.slice(2).toLowerCase().padStart(64, '0')}${'0'.repeat(64)}01`,
        signatureType: 'APPROVED_HASH',
        submittedAt: expect.any(String),
      },
    ]);
  });

  it('drops a confirmation that does not recover to its claimed owner, whatever the service labels it', async () => {
    const a = tx(5n);
    const forged = await sign(new Wallet(toBeHex(999, 32)), a);
    service.addMultisigTx(a, {
      confirmations: [
        { owner: owners[1]!.address, signature: forged.signature },
        { owner: owners[2]!.address, signature: forged.signature, signatureType: 'CONTRACT_SIGNATURE' },
      ],
    });
    const queue = await pull();
    expect(queue.items[0]!.confirmations).toEqual([]);
    expect(queue.rejected.map((r) => r.error.code)).toEqual(['INVALID_SIGNATURE', 'INVALID_SIGNATURE']);
  });

  it("refuses transactions a service lists as pending that are executed or below the Safe's nonce", async () => {
    service.addMultisigTx(tx(3n));
    service.addMultisigTx(tx(5n));
    service.addMultisigTx(tx(6n))['isExecuted'] = true;
    service.setHostile({ kind: 'ignore-filters' });
    const queue = await pull();
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([5n]);
    expect(queue.rejected.map((r) => r.error.message)).toEqual([
      expect.stringMatching(/marked executed/),
      expect.stringMatching(/nonce is already 5/),
    ]);
  });

  it('refuses a transaction listed twice', async () => {
    const served = service.addMultisigTx(tx(5n));
    service.state.safes.get(safe.toLowerCase())!.transactions.push({ ...served });
    const queue = await pull();
    expect(queue.items).toHaveLength(1);
    expect(queue.rejected[0]!.error.message).toMatch(/twice/);
  });

  it('refuses calldata over the size limit without refusing the rest', async () => {
    service.addMultisigTx(tx(5n, { data: '0x' + 'ab'.repeat(2_000) }));
    service.addMultisigTx(tx(6n));
    const queue = await pull({ maxDataBytes: 1_000 });
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([6n]);
    expect(queue.rejected[0]!.error.message).toMatch(/2000 bytes of calldata/);
  });

  it("follows the service's pages and refuses a queue longer than the limit", async () => {
    for (let n = 5n; n < 5n + 130n; n++) service.addMultisigTx(tx(n));
    const queue = await pull();
    expect(queue.items).toHaveLength(130);
    expect(queue.items[129]!.safeTx.nonce).toBe(134n);
    expect(service.requests.some((r) => r.path.includes('offset=100'))).toBe(true);
    await expect(pull({ maxTransactions: 120 })).rejects.toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/130 pending transactions; more than 120/),
    });
  });

  it('refuses a Safe version it cannot hash, and a Safe whose version the service does not know', async () => {
    service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 5n, version: '9.9.9' });
    await expect(pull()).rejects.toMatchObject({
      code: 'UNSUPPORTED_SAFE_VERSION',
      message: expect.stringMatching(/9\.9\.9/),
    });
    service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 5n, version: null });
    await expect(pull()).rejects.toMatchObject({
      code: 'UNSUPPORTED_SAFE_VERSION',
      message: expect.stringMatching(/does not know which Safe version/),
    });
  });

  it("hashes with the Safe's own version: a 1.3.0+L2 Safe gets 1.3.0 hashes", async () => {
    service.setSafe({
      address: safe,
      owners: owners.map((o) => o.address),
      threshold: 2,
      nonce: 5n,
      version: '1.3.0+L2',
    });
    const legacy = tx(5n, { safeVersion: '1.3.0+L2' });
    service.addMultisigTx(legacy);
    const queue = await pull();
    expect(queue.items[0]!.safeTxHash).toBe(safeTxHash(legacy));
  });

  it('says the service does not know the Safe when it answers 404', async () => {
    await expect(pull({ safe: otherSafe })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names a server error and a body that is not JSON', async () => {
    service.setHostile({ kind: 'status', status: 500 });
    await expect(pull()).rejects.toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/HTTP 500/),
    });
    service.setHostile({ kind: 'not-json' });
    await expect(pull()).rejects.toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/not JSON/),
    });
  });

  it('stops reading a body past maxResponseBytes', async () => {
    service.setHostile({ kind: 'huge', bytes: 3_000_000, only: 'multisig-transactions' });
    await expect(pull({ maxResponseBytes: 1_000_000 })).rejects.toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/over the 1000000-byte limit/),
    });
  });

  it('gives up on a server that never answers, or answers too late, and waits for one that is only slow', async () => {
    service.addMultisigTx(tx(5n));
    service.setHostile({ kind: 'hang' });
    await expect(pull({ timeoutMs: 200 })).rejects.toMatchObject({
      code: 'SERVICE_TIMEOUT',
      message: expect.stringMatching(/within 0\.2 s/),
    });
    service.setHostile({ kind: 'slow', delayMs: 1_000, only: 'multisig-transactions' });
    await expect(pull({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'SERVICE_TIMEOUT' });
    service.setHostile({ kind: 'slow', delayMs: 50 });
    expect((await pull({ timeoutMs: 5_000 })).items).toHaveLength(1);
  });

  it('says the service is unreachable when nothing listens', async () => {
    const dead = await startLoopbackService();
    const url = dead.url;
    await dead.stop();
    await expect(fetchServiceQueue({ serviceUrl: url, chainId, safe, timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'SERVICE_UNREACHABLE',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('refuses what is not a service URL or a Safe address before asking anyone', async () => {
    await expect(fetchServiceQueue({ serviceUrl: 'file:///etc/passwd', chainId, safe })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(fetchServiceQueue({ serviceUrl: service.url, chainId, safe: '0x1234' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
