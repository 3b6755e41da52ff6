import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { pauseSafeTx } from '../ledger/safeTxFixture.js';
import { runGuardian } from './runGuardian.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'guardian-devices-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('guardian devices, sign and execute on a machine with no Ledger plugged in', () => {
  it('lists no device, without failing', async () => {
    const run = await runGuardian(['devices', '--json'], { GUARDIAN_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('says what to do when asked to sign or execute with no device, and stores nothing', async () => {
    const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
    const tx = pauseSafeTx({ chainId: 1n, safe, to: '0x' + '12'.repeat(20), nonce: 0n });
    const hash = safeTxHash(tx);
    const store = openStore({ dataDir });
    store.saveSafeInfo({
      chainId: 1n,
      address: safe,
      owners: ['0x' + '11'.repeat(20)],
      threshold: 1,
      nonce: 0n,
      version: '1.4.1',
    });
    store.saveQueueItems([
      {
        safeTx: tx,
        safeTxHash: hash,
        claimedSafeTxHash: hash,
        source: { kind: 'service', url: 'x' },
        confirmations: [],
        fetchedAt: 'now',
      },
    ]);
    store.close();

    const sign = await runGuardian(['sign', hash.slice(0, 10)], { GUARDIAN_DATA_DIR: dataDir });
    expect(sign.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
    expect(sign.stderr).toMatch(/No Ledger found\. Plug it in .* unlock it with its PIN.*\[DEVICE_NOT_FOUND\]/);
    const execute = await runGuardian(['execute', hash.slice(0, 10), '--rpc', 'http://127.0.0.1:9'], {
      GUARDIAN_DATA_DIR: dataDir,
    });
    expect(execute.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
    expect(execute.stderr).toMatch(/DEVICE_NOT_FOUND/);
    const reopened = openStore({ dataDir });
    expect(reopened.getQueueItem(hash).confirmations).toEqual([]);
    reopened.close();
  });
});
