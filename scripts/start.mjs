// `npm start`: launch the desktop app with the project's Electron, or say plainly why it cannot run here.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
// Never let `require('electron')` try to download the binary: on a closed network it would hang or fail late.
const executable = process.env.ELECTRON_OVERRIDE_DIST_PATH
  ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
  : existsSync(pathFile)
    ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : null;

if (!executable || !existsSync(executable)) {
  console.error(
    [
      "Guardian Console: Electron's binary is not installed on this machine (it could not be downloaded), so the desktop app cannot start.",
      'The same console runs as a command line over the same core:',
      '  npx guardian --help',
      'To get the app, install Electron on a machine with network access (npx install-electron), then run npm start again.',
    ].join('\n'),
  );
  process.exit(1);
}

if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) {
  console.error('Guardian Console is not built yet: run npm run build, then npm start.');
  process.exit(1);
}
const child = spawn(executable, [join(root, 'dist', 'electron', 'main.cjs')], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
