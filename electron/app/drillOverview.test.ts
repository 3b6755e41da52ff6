import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { throughGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';

const stores = tempStores('drill-overview');

const overview = (dataDir: string) => throughGate(stores.store(), 'drill.overview', {}, { dataDir });

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
