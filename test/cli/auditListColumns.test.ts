import { describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/exitCodes.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { tempStores } from '../store/tempStores.js';
import { runGuardian } from './runGuardian.js';

const stores = tempStores('audit-columns');
const hash = '0x' + 'cd'.repeat(32);
const owner = '0x' + 'aa'.repeat(20);

describe('guardian audit list', () => {
  it('sizes its columns to their content, so a long kind keeps the hash and actor columns in line', async () => {
    const dir = stores.dir();
    const store = openStore({ dataDir: dir });
    store.appendAudit({ kind: 'pull', details: { safe: owner } });
    store.appendAudit({ kind: 'nested-message-signature-refused', safeTxHash: hash, actor: owner });
    store.appendAudit({ kind: 'review', safeTxHash: hash, details: { worst: 'high' } });
    for (let i = 0; i < 8; i++) store.appendAudit({ kind: 'posted', actor: owner });
    store.close();

    const run = await runGuardian(['audit', 'list'], { GUARDIAN_DATA_DIR: dir });
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    // Each column starts where the same column starts on every other line.
    expect(new Set(lines.map((l) => l.indexOf(' 20'))).size, run.stdout).toBe(1);
    const kindAt = lines.map((l) => l.search(/(pull|nested-message-signature-refused|review|posted)\b/));
    expect(new Set(kindAt).size, run.stdout).toBe(1);
    const hashAt = lines.map((l) => l.search(/0xcd|-(?= |$)/));
    expect(new Set(hashAt.filter((i) => i >= 0)).size, run.stdout).toBe(1);
    const actorAt = lines.filter((l) => l.includes(' by ')).map((l) => l.indexOf(' by '));
    expect(actorAt.length).toBe(9);
    expect(new Set(actorAt).size, run.stdout).toBe(1);
    expect(lines[2]).toMatch(/ worst high$/);
  });
});
