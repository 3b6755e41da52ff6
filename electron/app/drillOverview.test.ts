import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../test/store/tempStores.js';
import { GuardianError } from '../core/errors.js';
import type { Response } from '../ipc/contract.js';
import { RENDERER_URL } from '../window/rendererProtocol.js';
import { createMainHandlers } from './channelHandlers.js';
import { createIpcGate } from './ipcGate.js';

const stores = tempStores('drill-overview');

async function overview(dataDir: string) {
  const store = stores.store();
  const { handlers } = createMainHandlers({
    store,
    clipboard: { writeText: () => {} },
    version: '0',
    dataDir,
    openLedger: () => Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'none')),
  });
  const result = await createIpcGate(handlers, RENDERER_URL)(
    { url: RENDERER_URL, isMainFrame: true },
    'drill.overview',
    {},
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Response<'drill.overview'>;
}

describe('drill.overview', () => {
  it('lists the drills that ship, with their steps, and no report where none has run', async () => {
    const value = await overview(stores.dir());
    expect(value.scenarios.map((s) => s.id)).toEqual(['emergency-pause', 'pause-under-attack', 'upgrade-fix']);
    expect(value.scenarios[1]!.steps.map((s) => s.expect)).toEqual(['refuse', 'refuse', 'execute']);
    expect(value).toMatchObject({ latest: null, latestFailure: null });
  });

  it('says why the newest report does not read, and still lists the drills', async () => {
    const dir = stores.dir();
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports', 'drill-2026-12-02T07-00-00-000Z.json'), '{"scenario": ');
    const value = await overview(dir);
    expect(value.scenarios).toHaveLength(3);
    expect(value.latest).toBeNull();
    expect(value.latestFailure).toMatch(/The latest drill report .*drill-2026-12-02T07-00-00-000Z\.json does not read/);
  });
});
