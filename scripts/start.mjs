// `npm start`: launch the desktop app with the project's Electron, building first if needed, or say plainly
// why it cannot run here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

// Found the way the electron package finds it (path.txt, or ELECTRON_OVERRIDE_DIST_PATH), without
// require('electron'), which would try to download the binary: on a closed network that hangs or fails late.
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
}

const executable = electronBinary();
if (!executable || !existsSync(executable)) {
  console.error(
    [
      "Guardian Console: Electron's binary is missing (it was not downloaded when the dependencies were installed), so the desktop app cannot start.",
      'The same console runs as a command line on the same core:  npx guardian --help',
      'For the app, fetch the binary where the network allows it (npx install-electron), then npm start again.',
    ].join('\n'),
  );
  process.exit(1);
}

const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'].every((file) => existsSync(join(root, file)));
if (!built) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(executable, [join(root, 'dist', 'electron', 'main.cjs')], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
