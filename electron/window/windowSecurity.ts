import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer is untrusted (Electron's security checklist): it displays, it never reaches Node, the network
 * or the disk. These values are applied by main.ts and tested without Electron.
 */
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
];

/** Sent as a header on every renderer file and by the session. */
export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');
/** renderer/index.html's meta tag: the same policy minus frame-ancestors, which browsers ignore in a meta tag. */
export const META_CONTENT_SECURITY_POLICY = POLICY.join('; ');

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const satisfies BrowserWindowConstructorOptions['webPreferences'];
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Guardian Console',
    backgroundColor: '#f7f7f5',
    // Shown once the page has drawn, so a guardian never sees a half-loaded screen they might act on.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * The page asks for nothing: no camera, no notifications, no HID or USB (the Ledger is reached from the main
 * process only), no clipboard (copying goes through the clipboard.writeHash channel, which accepts only a hash).
 */
export function allowPermission(_permission: string): boolean {
  return false;
}
