import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './windowSecurity.js';

/**
 * The renderer is served from the app's own files under a privileged custom scheme, never from the network:
 * a fixed origin the CSP's 'self' and the navigation and IPC checks can rely on (file:// would make every
 * file on the disk the same origin).
 */
export const RENDERER_SCHEME = 'guardian';
export const RENDERER_URL = `${RENDERER_SCHEME}://app/index.html`;

/** The app's own page: same scheme, host and path as the renderer it loaded (a #fragment may differ). */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    return target.protocol === own.protocol && target.host === own.host && target.pathname === own.pathname;
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The file a request for our origin maps to inside the built renderer, or null: another host, a path climbing
 * out of the folder, a dotfile or a type we do not serve (source maps stay on disk).
 */
export function rendererFilePath(requestUrl: string, rendererDir: string, rendererUrl = RENDERER_URL): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  // By scheme and host: URL.origin is "null" for every custom scheme, so it cannot tell ours from another.
  const own = new URL(rendererUrl);
  if (url.protocol !== own.protocol || url.host !== own.host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.'))) return null;
  const root = normalize(rendererDir + sep);
  const path = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!path.startsWith(root) || !(extname(path) in CONTENT_TYPES)) return null;
  return path;
}

/** Headers for every renderer file: the CSP again (belt and braces with the meta tag), and no MIME sniffing. */
export function rendererResponseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
