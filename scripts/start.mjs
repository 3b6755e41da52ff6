// `npm start`: launch the desktop app with the project's Electron, building first if needed, or say plainly
// why it cannot run here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronInstall, MISSING_BINARY, root } from './electronBinary.mjs';

const electron = electronInstall();
if (!electron) {
  console.error(
    [
      `Guardian Console: ${MISSING_BINARY}, so the desktop app cannot start.`,
      'The same console runs as a command line on the same core:  npx guardian --help',
      'For the app, fetch the binary where the network allows it (npx install-electron), then npm start again.',
    ].join('\n'),
  );
  process.exit(1);
}
const executable = electron.executable;

const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'].every((file) =>
  existsSync(join(root, file)),
);
if (!built) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(executable, [join(root, 'dist', 'electron', 'main.cjs')], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
