/**
 * The only channels the renderer may call. Kept free of imports so the sandboxed preload can bundle it alone;
 * electron/ipc/contract.ts gives each one its payload and result schemas.
 */
export const CHANNELS = ['app.info', 'safes.list', 'queue.list', 'queue.hashes', 'queue.review', 'tx.hashes'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** What every invoke resolves to: errors cross the bridge as data, never as thrown Node objects. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
