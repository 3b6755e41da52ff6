import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appBehindGate, type AppBehindGate } from '../../test/app/throughGate.js';
import { openStore, type Store } from '../core/store/openStore.js';

const treasury = getAddress('0x' + '5a'.repeat(20));
const ops = getAddress('0x' + '12'.repeat(20));

let dir: string;
let store: Store;
let invoke: AppBehindGate['invoke'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guardian-ipc-damaged-safe-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: 1n, address: treasury, serviceUrl: null, rpcUrl: null, label: 'Treasury' });
  store.addWatchedSafe({ chainId: 10n, address: ops, serviceUrl: null, rpcUrl: null, label: 'Ops' });
  // Someone edits one watched Safe's row behind the console's back: its address is no longer an address.
  const raw = new DatabaseSync(store.path);
  raw.exec(`UPDATE watched_safes SET address = 'not an address' WHERE chain_id = '10'`);
  raw.close();
  ({ invoke } = appBehindGate({ store, dataDir: dir }));
});
afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const damagedRow = {
  table: 'watched_safes',
  key: '10:not an address',
  reason: expect.stringMatching(/unreadable row in watched_safes \(10:not an address\).*not a 20-byte 0x address/),
};

describe('one damaged watched-Safe row over the IPC gate', () => {
  it('safes.list shows the good Safe, and safes.damaged names the damaged row by itself', async () => {
    const listed = await invoke('safes.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ chainId: '1', address: treasury, label: 'Treasury' }] });
    expect((listed as { value: unknown[] }).value).toHaveLength(1);
    expect(await invoke('safes.damaged', {})).toEqual({ ok: true, value: [damagedRow] });
  });

  it('queue.pull pulls the good Safe and reports the damaged row in its result', async () => {
    const pulled = await invoke('queue.pull', {});
    expect(pulled).toEqual({
      ok: true,
      value: {
        safes: [expect.objectContaining({ chainId: '1', address: treasury, asked: false, failure: null })],
        damaged: [damagedRow],
      },
    });
  });

  it('messages.list with a pull names the damaged row as a failure of its own', async () => {
    const listed = await invoke('messages.list', { pull: true });
    expect(listed).toMatchObject({
      ok: true,
      value: { messages: [], failures: [{ safe: '10:not an address', reason: damagedRow.reason }] },
    });
  });

  it("refuses a safes.damaged request that is not the contract's", async () => {
    expect(await invoke('safes.damaged', { all: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
