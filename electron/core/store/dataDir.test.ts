import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './dataDir.js';

describe('defaultDataDir', () => {
  it('takes GUARDIAN_DATA_DIR over any platform folder', () => {
    expect(defaultDataDir({ GUARDIAN_DATA_DIR: '/srv/guardian', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/g')).toBe(
      '/srv/guardian',
    );
    expect(defaultDataDir({ GUARDIAN_DATA_DIR: 'D:\\guardian' }, 'win32', 'C:\\Users\\g')).toBe('D:\\guardian');
  });

  it('uses XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/g/cfg' }, 'linux', '/home/g')).toBe('/home/g/cfg/guardian-console');
    expect(defaultDataDir({}, 'linux', '/home/g')).toBe('/home/g/.config/guardian-console');
  });

  it('ignores an empty or relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/g')).toBe('/home/g/.config/guardian-console');
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'freebsd', '/home/g')).toBe('/home/g/.config/guardian-console');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/ignored' }, 'darwin', '/Users/g')).toBe(
      '/Users/g/Library/Application Support/Guardian Console',
    );
  });

  it('uses %APPDATA% on Windows, with Windows separators', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\g\\AppData\\Roaming' }, 'win32', 'C:\\Users\\g')).toBe(
      'C:\\Users\\g\\AppData\\Roaming\\Guardian Console',
    );
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\g')).toBe('C:\\Users\\g\\AppData\\Roaming\\Guardian Console');
  });
});
