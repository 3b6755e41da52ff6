// Where the project's Electron is, found the way the electron package finds it (path.txt, or
// ELECTRON_OVERRIDE_DIST_PATH), without require('electron'), which would try to download the binary: on a closed
// network that hangs or fails late. `npm start` runs it; `npm run dist` packages it instead of downloading one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

export const MISSING_BINARY =
  "Electron's binary is missing (it was not downloaded when the dependencies were installed)";

/** Electron's distribution folder and its executable, or null when the binary was never downloaded. */
export function electronInstall() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(electronDir, 'path.txt');
  const found = override
    ? {
        folder: override,
        executable: join(
          override,
          process.platform === 'win32'
            ? 'electron.exe'
            : process.platform === 'darwin'
              ? 'Electron.app/Contents/MacOS/Electron'
              : 'electron',
        ),
      }
    : existsSync(pathFile)
      ? {
          folder: join(electronDir, 'dist'),
          executable: join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()),
        }
      : null;
  return found && existsSync(found.executable) ? found : null;
}
