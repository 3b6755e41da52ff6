import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allowPermission,
  CONTENT_SECURITY_POLICY,
  mainWindowOptions,
  META_CONTENT_SECURITY_POLICY,
  secureWebPreferences,
} from './windowSecurity.js';

describe('window security', () => {
  it('isolates and sandboxes the renderer with no Node, no webview and the preload it is given', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });

  it("allows only the app's own scripts and styles, and no network, frames or forms from the page", () => {
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });

  it("puts the same policy in the renderer page's meta tag as in the headers", () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY.startsWith(META_CONTENT_SECURITY_POLICY)).toBe(true);
  });

  it('refuses every permission the page could ask for', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'hid',
      'usb',
      'serial',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
    ]) {
      expect(allowPermission(permission)).toBe(false);
    }
  });
});
