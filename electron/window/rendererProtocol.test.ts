import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOwnPage, RENDERER_URL, rendererFilePath, rendererResponseHeaders } from './rendererProtocol.js';
import { CONTENT_SECURITY_POLICY } from './windowSecurity.js';

const root = join(sep, 'opt', 'guardian', 'dist', 'renderer');

describe('the renderer protocol', () => {
  it('maps our origin to files inside the built renderer', () => {
    expect(rendererFilePath(RENDERER_URL, root)).toBe(join(root, 'index.html'));
    expect(rendererFilePath('guardian://app/', root)).toBe(join(root, 'index.html'));
    expect(rendererFilePath('guardian://app/assets/index-abc.js?v=1', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never resolves a path outside the built renderer, however the climb is spelled', () => {
    for (const url of [
      'guardian://app/../../../etc/passwd.html',
      'guardian://app/%2e%2e/%2e%2e/secret.js',
      'guardian://app/assets/..%2f..%2f..%2fsecret.js',
      'guardian://app/assets/%2e%2e%5c%2e%2e%5csecret.js',
    ]) {
      const path = rendererFilePath(url, root);
      expect(path === null || path.startsWith(root + sep), `${url} -> ${path}`).toBe(true);
    }
  });

  it('refuses other hosts, dotfiles, source maps, unknown types and malformed URLs', () => {
    for (const url of [
      'guardian://evil/index.html',
      'https://app/index.html',
      'guardian://app/.env.js',
      'guardian://app/assets/.hidden/x.js',
      'guardian://app/guardian.sqlite',
      'guardian://app/assets/index.js.map',
      'guardian://app/%E0%A4%A.js',
      'guardian://app/a%00.js',
      'not a url',
    ]) {
      expect(rendererFilePath(url, root), url).toBeNull();
    }
  });

  it('serves every file with the content security policy and no MIME sniffing', () => {
    expect(rendererResponseHeaders('/x/index.html')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(rendererResponseHeaders('/x/a.js')['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('treats only the renderer page as our own, so navigation and calls from elsewhere are refused', () => {
    expect(isOwnPage(`${RENDERER_URL}#hashes`, RENDERER_URL)).toBe(true);
    expect(isOwnPage('guardian://app/other.html', RENDERER_URL)).toBe(false);
    expect(isOwnPage('https://app.safe.global/', RENDERER_URL)).toBe(false);
    expect(isOwnPage('file:///etc/passwd', RENDERER_URL)).toBe(false);
    expect(isOwnPage('not a url', RENDERER_URL)).toBe(false);
  });
});
