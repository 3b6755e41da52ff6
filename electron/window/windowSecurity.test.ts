import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isOwnPage, secureWebPreferences } from './windowSecurity.js';

describe('window security', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('allows only the app\'s own scripts and no network from the page', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('treats only the renderer page as the app\'s own, so navigation elsewhere is blocked', () => {
    const own = 'file:///opt/guardian/dist/renderer/index.html';
    expect(isOwnPage(`${own}#queue`, own)).toBe(true);
    expect(isOwnPage('https://app.safe.global/', own)).toBe(false);
    expect(isOwnPage('file:///etc/passwd', own)).toBe(false);
    expect(isOwnPage('not a url', own)).toBe(false);
  });
});
