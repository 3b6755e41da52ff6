// `npm run dist [-- --linux | --mac | --win]`: builds the app and packages it with electron-builder
// (electron-builder.yml), from the Electron this project installed rather than one downloaded at packaging time.
// Signing credentials come from the environment only (README, "Packaging").
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { electronInstall, MISSING_BINARY, root } from './electronBinary.mjs';

const electron = electronInstall();
if (!electron) {
  console.error(
    `Guardian Console: ${MISSING_BINARY}, so there is nothing to package. Fetch it where the network allows (npx install-electron), then npm run dist again.`,
  );
  process.exit(1);
}
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const platforms = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [cli, '--config', 'electron-builder.yml', `-c.electronDist=${electron.folder}`, ...platforms],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
