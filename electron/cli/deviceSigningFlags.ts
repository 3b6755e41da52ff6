/**
 * The flags of every verb that signs on a Ledger and posts what it signed (message sign, nested sign): which
 * account path, how many accounts to scan for an owner, the findings the guardian acknowledges, and whether the
 * signature stays here; `--owner` picks one owner where the verb acts for one (message post, nested add-signature).
 */
export const DEVICE_SIGNING_FLAGS = {
  json: { type: 'boolean' },
  path: { type: 'string' },
  scan: { type: 'string' },
  ack: { type: 'string', multiple: true },
  owner: { type: 'string' },
  'no-post': { type: 'boolean' },
} as const;

/** What parseArgs gives for DEVICE_SIGNING_FLAGS. */
export interface DeviceSigningFlags {
  path?: string | undefined;
  scan?: string | undefined;
  ack?: string[] | undefined;
  'no-post'?: boolean | undefined;
}
