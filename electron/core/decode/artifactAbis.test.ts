import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { readArtifactAbis } from './artifactAbis.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('readArtifactAbis', () => {
  it("reads the protocol's compiled contracts and skips JSON that is not an artifact", () => {
    writeFileSync(
      join(dir, 'Vault.json'),
      JSON.stringify({ contractName: 'Vault', abi: ['function pause()'], bytecode: '0x' }),
    );
    writeFileSync(join(dir, 'cache-key.json'), JSON.stringify({ key: 'abc' }));
    writeFileSync(join(dir, 'notes.txt'), 'not json');
    expect(readArtifactAbis(dir)).toEqual([{ contractName: 'Vault', abi: ['function pause()'] }]);
  });

  it("reads the project's own contracts/artifacts", () => {
    expect(readArtifactAbis('contracts/artifacts').map((a) => a.contractName)).toContain('TimelockController');
  });

  it('refuses a .json file that is not JSON, naming it, and a folder that does not exist', () => {
    writeFileSync(join(dir, 'Broken.json'), '{');
    const broken = thrown(() => readArtifactAbis(dir));
    expect(isGuardianError(broken, 'INVALID_FILE') && broken.message).toMatch(
      /Broken\.json is not valid JSON at position 1 \(line 1, column 2\)/,
    );
    expect(
      isGuardianError(
        thrown(() => readArtifactAbis(join(dir, 'missing'))),
        'INVALID_FILE',
      ),
    ).toBe(true);
  });
});
