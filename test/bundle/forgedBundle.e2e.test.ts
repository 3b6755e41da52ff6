import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCarriedReview } from '../../electron/core/bundle/replayCarriedReview.js';
import { importStationFile } from '../../electron/core/bundle/importStationFile.js';
import { isGuardianError, type GuardianError } from '../../electron/core/errors.js';
import { signatureOverrides } from '../../electron/core/simulate/simulateSafeTx.js';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { ERC1967_IMPLEMENTATION_SLOT } from '../protocol/deployProtocol.js';
import { exportPauseBundle, type ExportedPauseBundle } from './exportedPauseBundle.js';
import { startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';

interface BundleJson {
  safe: { owners: string[]; threshold: number };
  carried: {
    block: Record<string, string | null>;
    header: Record<string, string> | null;
    prestate: Record<string, { storage?: Record<string, string> }>;
    overrides?: Record<string, { stateDiff: Record<string, string> }>;
    proofs: Array<{ address: string }> | null;
  };
}

let guarded: GuardedProtocol;
let online: Store;
let honest: BundleJson;
let hash: string;
let vault: string;
const dirs: string[] = [];

/** A deep copy, as a file on a USB stick is one, for the forger to edit. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/**
 * The overrides an older console wrote into the file (its own approved hashes and nonce, which the old check
 * exempted from proof), plus the forger's slot: what a forger edits in, keeping the honest ones.
 */
function listedOverrides(
  account: string,
  slot: string,
  value: string,
): Record<string, { stateDiff: Record<string, string> }> {
  const own = signatureOverrides(online.getQueueItem(hash).safeTx, guarded.owners, 2).overrides;
  const merged = copy(own);
  const key = Object.keys(merged).find((a) => a.toLowerCase() === account.toLowerCase()) ?? account;
  merged[key] = { stateDiff: { ...(merged[key]?.stateDiff ?? {}), [slot]: value } };
  return merged;
}
const accountOf = (bundle: BundleJson, address: string) =>
  Object.entries(bundle.carried.prestate).find(([a]) => a.toLowerCase() === address.toLowerCase())!;

function station(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'guardian-airgapped-'));
  dirs.push(dir);
  return openStore({ dataDir: dir });
}

/** Imports `json` into a fresh air-gapped station, expects it refused, and checks that nothing but the audit entry stayed. */
async function refused(json: unknown, name: string): Promise<GuardianError> {
  const store = station();
  try {
    const error = await importStationFile(store, json, name).then(
      () => null,
      (e: unknown) => e,
    );
    if (!isGuardianError(error)) throw new Error(`${name} was not refused with a GuardianError: ${String(error)}`);
    expect(store.listQueueItems({})).toEqual([]);
    expect(store.listWatchedSafes()).toEqual([]);
    expect(store.getCarriedState(hash)).toBeNull();
    const audit = store.listAudit({});
    expect(audit.map((e) => e.kind)).toEqual(['bundle-refused']);
    expect(audit[0]!.details).toMatchObject({ file: name, code: error.code });
    return error;
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  let json: ExportedPauseBundle['json'];
  ({ online, hash, vault, json } = await exportPauseBundle(guarded, dirs));
  honest = copy(json) as BundleJson;
});
afterAll(async () => {
  online?.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a forged review bundle is refused at the air-gapped station, and nothing of it is stored', () => {
  it('imports the honest bundle, recording its block number and hash', async () => {
    const store = station();
    try {
      expect((await importStationFile(store, copy(honest), 'pause.bundle.json'))?.kind).toBe('review-bundle');
      const [entry] = store.listAudit({ kind: 'import' });
      expect(entry!.details).toMatchObject({
        block: honest.carried.block.number,
        blockHash: honest.carried.header!.hash,
        proofs: true,
      });
      expect(honest.carried.header!.hash).toMatch(/^0x[0-9a-f]{64}$/);
    } finally {
      store.close();
    }
  });

  it('refuses a Safe threshold lowered in the carried storage, even when the file lists that slot as "overridden"', async () => {
    const forged = copy(honest);
    const [safeKey, safeAccount] = accountOf(forged, guarded.safe);
    const slot = Object.keys(safeAccount.storage!).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.threshold))!;
    expect(BigInt(safeAccount.storage![slot]!)).toBe(2n);
    safeAccount.storage![slot] = zeroPadValue('0x01', 32);
    forged.safe.threshold = 1;
    // The hole this closes: the file named which of its own slots no proof had to vouch for.
    forged.carried.overrides = listedOverrides(safeKey, slot, zeroPadValue('0x01', 32));
    const error = await refused(forged, 'threshold.bundle.json');
    expect(error.code).toBe('STATE_PROOF_INVALID');
    expect(error.message).toMatch(
      new RegExp(`threshold\\.bundle\\.json is refused: .*storage slot ${slot} of ${safeKey}`, 'i'),
    );
    expect(error.details).toMatchObject({ account: safeKey, slot });
  });

  it('refuses a Vault owner slot rewritten to a stranger and listed as overridden', async () => {
    const forged = copy(honest);
    const [vaultKey, vaultAccount] = accountOf(forged, vault);
    const ownerSlot = Object.entries(vaultAccount.storage!).find(([, v]) =>
      v.toLowerCase().endsWith(guarded.safe.slice(2).toLowerCase()),
    )![0];
    const stranger = zeroPadValue(guarded.chain.wallets[9]!.address, 32);
    vaultAccount.storage![ownerSlot] = stranger;
    forged.carried.overrides = listedOverrides(vaultKey, ownerSlot, stranger);
    const error = await refused(forged, 'owner.bundle.json');
    expect(error.code).toBe('STATE_PROOF_INVALID');
    expect(error.details).toMatchObject({ account: vaultKey, slot: ownerSlot });
  });

  it("refuses a station-derived slot (the nonce) that holds neither the station's own value nor the proven one", async () => {
    const forged = copy(honest);
    const [, safeAccount] = accountOf(forged, guarded.safe);
    const slot = Object.keys(safeAccount.storage!).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.nonce))!;
    safeAccount.storage![slot] = zeroPadValue('0x07', 32);
    expect((await refused(forged, 'nonce.bundle.json')).code).toBe('STATE_PROOF_INVALID');
  });

  it('refuses an account carried without its proof, and a bundle with no proofs at all', async () => {
    const dropped = copy(honest);
    dropped.carried.proofs = dropped.carried.proofs!.filter(
      (p) => p.address.toLowerCase() !== guarded.safe.toLowerCase(),
    );
    expect((await refused(dropped, 'dropped.bundle.json')).message).toMatch(/without a proof/);
    const none = copy(honest);
    none.carried.proofs = null;
    expect((await refused(none, 'none.bundle.json')).message).toMatch(/carries no state proofs/);
  });

  it('imports a bundle that leaves out a slot its replay reads, but refuses the replay: a missing read is an unproven zero', async () => {
    const forged = copy(honest);
    const [, vaultAccount] = accountOf(forged, vault);
    const left =
      Object.keys(vaultAccount.storage!).find((s) => BigInt(s) === BigInt(ERC1967_IMPLEMENTATION_SLOT)) ??
      Object.entries(vaultAccount.storage!).find(([, v]) =>
        v.toLowerCase().endsWith(guarded.safe.slice(2).toLowerCase()),
      )![0];
    delete vaultAccount.storage![left];
    const store = station();
    try {
      const imported = await importStationFile(store, forged, 'omitted.bundle.json');
      expect(imported?.kind).toBe('review-bundle');
      const item = store.getQueueItem(hash);
      await expect(replayCarriedReview(store, item.safeTx, store.getCarriedState(hash)!)).rejects.toMatchObject({
        code: 'STATE_PROOF_INVALID',
        message: expect.stringContaining(`slot ${left} of `),
      });
    } finally {
      store.close();
    }
  });

  it('refuses a block number, state root or header that is not the one its block hash commits to', async () => {
    const renumbered = copy(honest);
    renumbered.carried.block.number = '0x' + (BigInt(renumbered.carried.block.number!) + 1n).toString(16);
    expect((await refused(renumbered, 'renumbered.bundle.json')).message).toMatch(
      /its number is 0x[0-9a-f]+, but the header of block 0x[0-9a-f]{64} says/,
    );
    // A state root of the forger's making, in the header too: the header no longer hashes to the block hash.
    const rerooted = copy(honest);
    rerooted.carried.block.stateRoot = '0x' + '11'.repeat(32);
    rerooted.carried.header!.stateRoot = '0x' + '11'.repeat(32);
    expect((await refused(rerooted, 'rerooted.bundle.json')).message).toMatch(
      /header fields hash to 0x[0-9a-f]{64}, not to the block hash/,
    );
    const rehashed = copy(honest);
    rehashed.carried.header!.hash = '0x' + '22'.repeat(32);
    expect((await refused(rehashed, 'rehashed.bundle.json')).message).toMatch(/not to the block hash 0x2222/);
    const headless = copy(honest);
    headless.carried.header = null;
    expect((await refused(headless, 'headless.bundle.json')).message).toMatch(/not the header of block/);
  });
});
