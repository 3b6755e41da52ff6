import { join } from 'node:path';

/**
 * Where the console keeps its store when nobody says otherwise: GUARDIAN_DATA_DIR, else the platform's
 * per-user configuration folder. The Electron app passes app.getPath('userData') instead.
 */
export function defaultDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homedir: string): string {
  if (env['GUARDIAN_DATA_DIR']) return env['GUARDIAN_DATA_DIR'];
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support', 'Guardian Console');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir, 'AppData', 'Roaming'), 'Guardian Console');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir, '.config'), 'guardian-console');
}
