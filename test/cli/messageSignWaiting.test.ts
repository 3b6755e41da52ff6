import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { messageVerbWith } from '../../electron/cli/verbs/message.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { safeMessageHashes } from '../../electron/core/safe/safeMessageHash.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { runVerbHere } from './runVerbHere.js';
import { safeAdd } from './safeAddVerb.js';

const GUARDIAN = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const path0 = ledgerPath('ledger-live', 0);
const owner = HDNodeWallet.fromPhrase(GUARDIAN, undefined, `m/${path0}`).address;
const TEXT = 'Signed once the Ledger is plugged in.';

let chain: TestChain;
let service: LoopbackService;
let dataDir: string;
let hash: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const safe = await createSafe(chain, await deploySafeContracts(chain), { owners: [owner], threshold: 1 });
  service.setSafe({
    address: safe,
    owners: [owner],
    threshold: 1,
    nonce: 0n,
    version: '1.4.1',
    chainId: chain.chainId,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-message-waiting-'));
  expect((await safeAdd(chain, service, safe, env())).code).toBe(0);
  service.addMessage(safe, TEXT);
  expect((await runGuardian(['message', 'list'], env())).code).toBe(0);
  hash = safeMessageHashes({ chainId: chain.chainId, safe, safeVersion: '1.4.1', content: TEXT }).safeMessageHash;
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian message sign waiting for the Ledger', () => {
  it('refuses at once with DEVICE_NOT_FOUND when none is plugged in and no terminal waits', async () => {
    const verb = messageVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN),
      listDevices: async () => [],
      pollMs: 5,
    });
    const run = await runVerbHere(verb, ['sign', hash, '--path', path0, '--no-post'], env());
    expect(run.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
  });

  it('at a terminal, waits for the Ledger to be plugged in, tells it, then signs', async () => {
    const nanoX: PluggedLedger = { path: '/dev/hidraw7', model: 'Nano X' };
    let listings = 0;
    const verb = messageVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN),
      // The guardian plugs the Ledger in after the first look at the bus.
      listDevices: async () => (++listings >= 2 ? [nanoX] : []),
      pollMs: 5,
    });
    const run = await runVerbHere(verb, ['sign', hash, '--path', path0, '--no-post'], env(), {});
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^Waiting for the Ledger: plug it in/);
    expect(lines[1]).toBe('Ledger connected: Nano X');
    expect(run.stdout).toContain(`Signed by ${owner}, verified and stored.`);
    expect(run.code).toBe(0);
  });
});
