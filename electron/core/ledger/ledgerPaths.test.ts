import { describe, expect, it } from 'vitest';
import { appVersionAtLeast, compareAppVersions } from './ethAppVersion.js';
import { ledgerPath, parseLedgerPath } from './ledgerPaths.js';

describe('Ledger derivation paths', () => {
  it('lays out Ledger Live and legacy accounts', () => {
    expect(ledgerPath('ledger-live', 4)).toBe("44'/60'/4'/0/0");
    expect(ledgerPath('bip44', 4)).toBe("44'/60'/0'/0/4");
    expect(ledgerPath('legacy', 4)).toBe("44'/60'/0'/4");
  });

  it.each([-1, 1.5, 0x80000000])('refuses account index %s', (index) => {
    expect(() => ledgerPath('legacy', index)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('accepts typed paths with or without m/ and with h for hardened', () => {
    expect(parseLedgerPath("m/44'/60'/0'/0/0")).toBe("44'/60'/0'/0/0");
    expect(parseLedgerPath('44h/60h/1h/0/0')).toBe("44'/60'/1'/0/0");
  });

  it.each(["44'/60'/x'/0", '', "44''/60", "44'/60'/0'/0/0/0/0/0/0/0/0", '44/4294967296'])(
    'refuses the path "%s"',
    (path) => {
      expect(() => parseLedgerPath(path)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    },
  );
});

describe('Ethereum app versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareAppVersions('1.10.0', '1.9.19')).toBeGreaterThan(0);
    expect(appVersionAtLeast('1.9.19', '1.9.19')).toBe(true);
    expect(appVersionAtLeast('1.9.18', '1.9.19')).toBe(false);
    expect(appVersionAtLeast('1.11.1-rc1', '1.9.19')).toBe(true);
  });
});
