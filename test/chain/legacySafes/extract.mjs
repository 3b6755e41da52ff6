// Extracts the Safe singleton (and, for 1.3.0, its proxy factory) of older @gnosis.pm/safe-contracts releases
// from their npm tarballs, so version differences are tested on real bytecode. The packages are never
// installed: their install scripts pull truffle and old solc. Run once: node test/chain/legacySafes/extract.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = {
  '0.1.0': { GnosisSafe: 'build/contracts/GnosisSafe.json' },
  '1.0.0': { GnosisSafe: 'build/contracts/GnosisSafe.json' },
  '1.1.1': { GnosisSafe: 'build/contracts/GnosisSafe.json' },
  '1.2.0': { GnosisSafe: 'build/contracts/GnosisSafe.json' },
  '1.3.0': {
    GnosisSafe: 'build/artifacts/contracts/GnosisSafe.sol/GnosisSafe.json',
    GnosisSafeProxyFactory: 'build/artifacts/contracts/proxies/GnosisSafeProxyFactory.sol/GnosisSafeProxyFactory.json',
  },
};

for (const [version, files] of Object.entries(wanted)) {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-safe-'));
  try {
    const tarball = execFileSync('npm', ['pack', `@gnosis.pm/safe-contracts@${version}`, '--silent'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
    for (const [name, path] of Object.entries(files)) {
      const artifact = JSON.parse(readFileSync(join(dir, 'package', path), 'utf8'));
      const out = {
        version,
        contractName: name,
        source: `npm @gnosis.pm/safe-contracts@${version} package/${path}`,
        abi: artifact.abi,
        bytecode: artifact.bytecode,
      };
      writeFileSync(join(here, `${name}-${version}.json`), `${JSON.stringify(out)}\n`);
      console.log(`wrote ${name}-${version}.json`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
