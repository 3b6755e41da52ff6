import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { isGuardianError } from '../errors.js';
import { latestDrillReport } from './latestDrillReport.js';

const stores = tempStores('drill-latest');

describe('latestDrillReport', () => {
  it('is null where no drill has run', () => {
    const dir = stores.dir();
    expect(latestDrillReport(join(dir, 'exports'))).toBeNull();
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports', 'signatures.json'), '{}');
    expect(latestDrillReport(join(dir, 'exports'))).toBeNull();
  });

  it('refuses a newest report edited into another shape by name, rather than showing an older one as the latest', () => {
    const exportsDir = join(stores.dir(), 'exports');
    mkdirSync(exportsDir);
    writeFileSync(
      join(exportsDir, 'drill-2026-12-02T07-00-00-000Z.json'),
      JSON.stringify({ scenario: { name: 'x', emergency: true }, figures: { targetsMet: 'yes' } }),
    );
    let thrown: unknown;
    try {
      latestDrillReport(exportsDir);
    } catch (error) {
      thrown = error;
    }
    expect(isGuardianError(thrown, 'INVALID_FILE')).toBe(true);
    expect((thrown as Error).message).toMatch(/drill-2026-12-02T07-00-00-000Z\.json is not one this console wrote/);
  });
});
