import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleFieldsSigningMessage } from '../core/bundle/bundleDigest.js';
import { bundleFieldDigests, fieldListDigest } from '../core/bundle/bundleFields.js';
import { auditedReviewBundle } from '../core/bundle/importStationFile.js';
import { openStore, type Store } from '../core/store/openStore.js';
import { auditEntryView } from './auditEntryView.js';

const PRODUCER = new Wallet('0x' + '11'.repeat(32));
const HASH = '0x' + 'cd'.repeat(32);
type Json = Record<string, any>;

let dir: string | undefined;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A bundle's outline with its field list signed, as signBundleJson writes it (the producer need not be an owner here). */
async function signedOutline(): Promise<Json> {
  const json = {
    format: 'guardian-review-bundle',
    createdAt: '2026-12-01T00:00:00.000Z',
    safeTx: { data: '0x8456cb59' },
    safe: { threshold: 2 },
  };
  const fields = bundleFieldDigests(json);
  const signature = await PRODUCER.signMessage(bundleFieldsSigningMessage(HASH, fieldListDigest(fields)));
  return { ...json, producer: { signer: PRODUCER.address, safeTxHash: HASH, fields, signature } };
}

/** The Audit screen's line for `json` refused by a station, from the entry the refusal left in a real store. */
async function refusedSummary(json: unknown): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'guardian-audit-view-'));
  store = openStore({ dataDir: dir });
  await expect(auditedReviewBundle(store, json, 'edited.bundle.json')).rejects.toMatchObject({
    code: expect.any(String),
  });
  const [entry] = store.listAudit();
  expect(entry?.kind).toBe('bundle-refused');
  return auditEntryView(entry!).summary;
}

describe('auditEntryView of a refused bundle', () => {
  it('names the fields edited after the producer signed, not the keys of its details', async () => {
    const edited = await signedOutline();
    edited['safeTx'].data = '0x3f4ba83a';
    edited['safe'].threshold = 1;
    expect(await refusedSummary(edited)).toBe(
      'edited.bundle.json refused (INVALID_SIGNATURE): fields edited: safeTx.data, safe.threshold',
    );
  });

  it('names fields added and removed, each in its own clause', async () => {
    const changed = await signedOutline();
    changed['safe'].threshold = 1;
    changed['note'] = 'trust me';
    delete changed['createdAt'];
    expect(await refusedSummary(changed)).toBe(
      'edited.bundle.json refused (INVALID_SIGNATURE): fields edited: safe.threshold; fields added: note; fields removed: createdAt',
    );
  });

  it('says why, in its message, a bundle refused for something other than its signed fields was refused', async () => {
    const summary = await refusedSummary({ format: 'guardian-review-bundle' });
    expect(summary).toMatch(
      /^edited\.bundle\.json refused \(INVALID_FILE\): edited\.bundle\.json is not a Guardian review bundle: /,
    );
    expect(summary).not.toContain('fields');
  });
});
