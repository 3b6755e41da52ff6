import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBehindGate, type AppBehindGate } from '../../test/app/throughGate.js';
import { startLoopbackService, type LoopbackService } from '../../test/service/loopbackService.js';
import { permit2TypedData } from '../../test/message/typedDataFixture.js';
import { safeMessageHashes } from '../core/safe/safeMessageHash.js';
import { openStore, type Store } from '../core/store/openStore.js';

const chainId = 11155111n;
const safe = getAddress('0x' + '5a'.repeat(20));
const owners = [new Wallet('0x' + '41'.repeat(32)), new Wallet('0x' + '42'.repeat(32))];
const TEXT = 'Owners attest the reserves.';

let dir: string;
let store: Store;
let service: LoopbackService;
let invoke: AppBehindGate['invoke'];

beforeAll(async () => {
  service = await startLoopbackService({ chainId });
  service.setSafe({
    address: safe,
    owners: owners.map((o) => o.address),
    threshold: 2,
    nonce: 0n,
    version: '1.3.0',
    chainId,
  });
  dir = mkdtempSync(join(tmpdir(), 'guardian-ipc-messages-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId, address: safe, serviceUrl: service.url, rpcUrl: null, label: null });
  ({ invoke } = appBehindGate({ store, dataDir: dir }));
});
afterAll(async () => {
  store?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('messages.list over the IPC gate', () => {
  it('pulls, recomputes each hash, proves each signature, names the refused message and the critical warning', async () => {
    const hashes = safeMessageHashes({ chainId, safe, safeVersion: '1.3.0', content: TEXT });
    service.addMessage(safe, TEXT, {
      confirmations: [
        { owner: owners[0]!.address, signature: owners[0]!.signingKey.sign(hashes.safeMessageHash).serialized },
      ],
    });
    service.addMessage(safe, permit2TypedData(chainId, '0x' + '66'.repeat(20)));
    const swapped = service.addMessage(safe, 'Keep the oracle.');
    swapped['message'] = 'Hand over the oracle.';

    const result = await invoke('messages.list', { pull: true });
    expect(result.ok).toBe(true);
    const value = (
      result as {
        value: {
          messages: Array<Record<string, unknown>>;
          refused: Array<{ claimedSafeMessageHash: string; reason: string }>;
        };
      }
    ).value;
    expect(value.messages).toHaveLength(2);
    expect(value.messages.find((m) => m['safeMessageHash'] === hashes.safeMessageHash)).toMatchObject({
      kind: 'eip191',
      domainHash: hashes.domainHash,
      messageHash: hashes.messageHash,
      signed: [owners[0]!.address],
      threshold: 2,
      warnings: [],
    });
    expect(value.messages.find((m) => m['kind'] === 'eip712')).toMatchObject({
      warnings: [expect.objectContaining({ code: 'MESSAGE_GRANTS_ALLOWANCE', severity: 'critical' })],
      signed: [],
    });
    expect(value.refused).toEqual([
      expect.objectContaining({
        claimedSafeMessageHash: swapped.messageHash,
        reason: expect.stringMatching(/Do not sign it/),
      }),
    ]);
  });

  it("refuses a request that is not the contract's", async () => {
    expect(await invoke('messages.list', { pull: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
