import { posix, win32 } from 'node:path';

/**
 * Where the console keeps its store when nobody says otherwise: GUARDIAN_DATA_DIR, else the platform's
 * per-user configuration folder. The Electron app passes app.getPath('userData') instead.
 */
export function defaultDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  if (env['GUARDIAN_DATA_DIR']) return env['GUARDIAN_DATA_DIR'];
  if (platform === 'win32')
    return win32.join(env['APPDATA'] || win32.join(homedir, 'AppData', 'Roaming'), 'Guardian Console');
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', 'Guardian Console');
  // The XDG spec says a relative (or empty) XDG_CONFIG_HOME is invalid and must be ignored: a relative one
  // would scatter the store into whatever folder the CLI was started from.
  const xdg = env['XDG_CONFIG_HOME'];
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.config'), 'guardian-console');
}
