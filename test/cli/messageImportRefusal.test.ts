import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-message-import-refusal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guardian message import of a file whose message claims no hash', () => {
  it('prints the refusal and its reason without an empty hash before the colon', async () => {
    const file = join(dir, 'messages.json');
    writeFileSync(file, JSON.stringify({ message: 'no Safe named' }));
    const run = await runGuardian(['message', 'import', file], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain(`REFUSED: A message in ${file} does not name its Safe`);
    expect(run.code).toBe(1);
  });
});
