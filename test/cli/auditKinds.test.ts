import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS } from '../../electron/cli/auditKinds.js';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { tempStores } from '../store/tempStores.js';
import { runGuardian } from './runGuardian.js';

const stores = tempStores('audit-kinds');
const electron = fileURLToPath(new URL('../../electron', import.meta.url));

/** Every kind written as a literal in an appendAudit call of the shipped code (tests left out). */
function recordedKinds(): string[] {
  const files = readdirSync(electron, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  return files.flatMap((f) =>
    [...readFileSync(join(electron, f), 'utf8').matchAll(/appendAudit\(\{\s*kind: '([a-z-]+)'/g)].map((m) => m[1]!),
  );
}

describe('guardian audit list --kind', () => {
  it('knows every kind the console records', () => {
    const recorded = recordedKinds();
    expect(recorded.length).toBeGreaterThan(10);
    expect(recorded.filter((k) => !AUDIT_KINDS.includes(k))).toEqual([]);
  });

  it('refuses an unknown kind as a usage error, listing the known kinds', async () => {
    const run = await runGuardian(['audit', 'list', '--kind', 'nosuch'], { GUARDIAN_DATA_DIR: stores.dir() });
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--kind "nosuch" is not a kind of audit entry; the kinds are pull, import, review, /);
    expect(run.stderr).toContain('nested-message-signature-refused');
  });

  it('takes a kind no version of the table names when this log holds it', async () => {
    const dir = stores.dir();
    const store = openStore({ dataDir: dir });
    store.appendAudit({ kind: 'from-a-later-version' });
    store.close();
    const run = await runGuardian(['audit', 'list', '--kind', 'from-a-later-version', '--json'], {
      GUARDIAN_DATA_DIR: dir,
    });
    expect(run.code, run.stderr).toBe(EXIT.OK);
    expect((JSON.parse(run.stdout) as Array<{ kind: string }>).map((e) => e.kind)).toEqual(['from-a-later-version']);
  });
});
