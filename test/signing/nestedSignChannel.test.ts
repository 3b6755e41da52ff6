import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainHandlers } from '../../electron/app/channelHandlers.js';
import { createIpcGate } from '../../electron/app/ipcGate.js';
import { GuardianError } from '../../electron/core/errors.js';
import { RENDERER_URL } from '../../electron/window/rendererProtocol.js';
import { closeStation, openStation } from '../e2e/screenStation.js';
import type { Store } from '../../electron/core/store/openStore.js';

let store: Store;
let dir: string;
let opened = 0;

beforeAll(() => {
  ({ dir, store } = openStation('guardian-nested-channel-'));
});
afterAll(async () => {
  await closeStation({ store, dir });
});

const ask = (channel: string, payload: unknown) => {
  const { handlers } = createMainHandlers({
    store,
    clipboard: { writeText: () => {} },
    version: '0',
    dataDir: dir,
    openLedger: () => {
      opened++;
      return Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'none'));
    },
  });
  return createIpcGate(handlers, RENDERER_URL)({ url: RENDERER_URL, isMainFrame: true }, channel, payload);
};

const hash = `0x${'ab'.repeat(32)}`;
const ownerSafe = `0x${'12'.repeat(20)}`;

describe('the nested.sign channel', () => {
  it('refuses a request that is not exactly its schema before any handler runs or the Ledger opens', async () => {
    for (const payload of [
      { outerSafeTxHash: hash, ownerSafe, acknowledged: [], path: "44'/60'/0'/0/0" },
      { outerSafeTxHash: hash.toUpperCase().replace('0X', '0x'), ownerSafe, acknowledged: [] },
      { outerSafeTxHash: hash, ownerSafe: 'team', acknowledged: [] },
      { outerSafeTxHash: hash, ownerSafe, acknowledged: ['not a finding code'] },
      { outerSafeTxHash: hash, ownerSafe },
    ])
      expect(await ask('nested.sign', payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Invalid nested\.sign request: /) },
      });
    expect(await ask('nested.postAgain', { outerSafeTxHash: hash, ownerSafe, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // A channel off the allow-list is turned away by the gate itself.
    expect(await ask('nested.signRaw', { outerSafeTxHash: hash })).toMatchObject({
      ok: false,
      error: { code: 'IPC_REFUSED' },
    });
    expect(opened).toBe(0);
  });

  it('answers a well-formed request for a transaction not stored here with a typed error, the Ledger never opened', async () => {
    expect(await ask('nested.sign', { outerSafeTxHash: hash, ownerSafe, acknowledged: [] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(opened).toBe(0);
  });
});
