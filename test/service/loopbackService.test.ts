import SafeApiKit from '@safe-global/api-kit';
import { getAddress, toBeHex, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchServiceQueue } from '../../electron/core/queue/fetchServiceQueue.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { safeMessageHash } from '../../electron/core/safe/safeMessageHash.js';
import { pauseSafeTx } from '../ledger/safeTxFixture.js';
import { startLoopbackService, type LoopbackService } from './loopbackService.js';

const chainId = 11155111n;
const safe = getAddress('0x' + '5a'.repeat(20));
const owners = [1, 2, 3].map((i) => new Wallet(toBeHex(2000 + i, 32)));
const stranger = new Wallet(toBeHex(2999, 32));
let service: LoopbackService;
let api: SafeApiKit;

beforeAll(async () => {
  service = await startLoopbackService({ chainId });
  service.setSafe({ address: safe, owners: owners.map((o) => o.address), threshold: 2, nonce: 0n, version: '1.4.1' });
  api = new SafeApiKit({ chainId, txServiceUrl: service.url });
});
afterAll(async () => service.stop());

async function sign(wallet: Wallet, t: SafeTx): Promise<string> {
  const typed = safeTxTypedData(t);
  return wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message);
}

function proposal(t: SafeTx, hash: string, sender: Wallet, signature: string) {
  return {
    safeAddress: safe,
    safeTxHash: hash,
    senderAddress: sender.address,
    senderSignature: signature,
    safeTransactionData: {
      to: t.to,
      value: t.value.toString(),
      data: t.data,
      operation: t.operation,
      safeTxGas: '0',
      baseGas: '0',
      gasPrice: '0',
      gasToken: t.gasToken,
      refundReceiver: t.refundReceiver,
      nonce: Number(t.nonce),
    },
  };
}

describe('the loopback Transaction Service, driven by the real api-kit', () => {
  const pause = pauseSafeTx({ chainId, safe, to: '0x' + '12'.repeat(20), nonce: 0n });

  it('stores a proposal checked as the service checks it, then confirmations, and serves them back', async () => {
    await api.proposeTransaction(proposal(pause, safeTxHash(pause), owners[0]!, await sign(owners[0]!, pause)));
    await api.confirmTransaction(safeTxHash(pause), await sign(owners[2]!, pause));
    const served = await api.getTransaction(safeTxHash(pause));
    expect(served.confirmations?.map((c) => c.owner)).toEqual([owners[0]!.address, owners[2]!.address]);
    const queue = await fetchServiceQueue({ serviceUrl: service.url, chainId, safe, timeoutMs: 5_000 });
    expect(queue.items.map((i) => i.safeTxHash)).toEqual([safeTxHash(pause)]);
    expect(queue.items[0]!.confirmations.map((c) => c.owner)).toEqual([owners[0]!.address, owners[2]!.address]);
  });

  it("refuses a proposal whose hash is not its fields' hash, a sender who is no owner, and a confirmation from a stranger", async () => {
    const other = createSafeTx({ ...pause, nonce: 1n });
    await expect(
      api.proposeTransaction(proposal(other, safeTxHash(pause), owners[0]!, await sign(owners[0]!, other))),
    ).rejects.toMatchObject({ statusCode: 422 });
    await expect(
      api.proposeTransaction(proposal(other, safeTxHash(other), stranger, await sign(stranger, other))),
    ).rejects.toMatchObject({ statusCode: 422 });
    await expect(api.confirmTransaction(safeTxHash(pause), await sign(stranger, pause))).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(service.state.safes.get(safe.toLowerCase())!.transactions.map((t) => t.safeTxHash)).toEqual([
      safeTxHash(pause),
    ]);
    expect((await api.getTransactionConfirmations(safeTxHash(pause))).results).toHaveLength(2);
  });

  it('serves Safe messages as api-kit reads them, and takes signatures only from owners, once each', async () => {
    const text = 'Owners attest the reserve report.';
    const hash = safeMessageHash({ chainId, safe, safeVersion: '1.4.1', content: text });
    const signMessage = (w: Wallet) => w.signingKey.sign(hash).serialized;
    await api.addMessage(safe, { message: text, signature: signMessage(owners[0]!) });
    await expect(api.addMessage(safe, { message: 'Another.', signature: signMessage(stranger) })).rejects.toMatchObject(
      { statusCode: 400 },
    );
    await expect(api.addMessageSignature(hash, signMessage(stranger))).rejects.toMatchObject({ statusCode: 400 });
    await expect(api.addMessageSignature(hash, signMessage(owners[0]!))).rejects.toMatchObject({ statusCode: 400 });
    await api.addMessageSignature(hash, signMessage(owners[1]!));
    const served = await api.getMessage(hash);
    expect(served).toMatchObject({ safe, messageHash: hash, message: text, proposedBy: owners[0]!.address });
    expect(served.confirmations.map((c) => c.owner)).toEqual([owners[0]!.address, owners[1]!.address]);
    expect(served.preparedSignature).toMatch(/^0x[0-9a-f]{260}$/);
    const listed = await api.getMessages(safe, { limit: 1 });
    expect(listed).toMatchObject({ count: 1, next: null });
    expect(listed.results.map((m) => m.messageHash)).toEqual([hash]);
    await expect(api.getMessage('0x' + '00'.repeat(32))).rejects.toMatchObject({ statusCode: 404 });
  });
});
