import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryPreState } from '../../electron/core/bundle/carryPreState.js';
import { carriedSignatureEvidence } from '../../electron/core/bundle/carriedSignatureEvidence.js';
import {
  checkedReviewBundle,
  importReviewBundle,
  parseReviewBundle,
  reviewBundle,
  reviewBundleJson,
} from '../../electron/core/bundle/reviewBundle.js';
import { importSignatures, signaturesFile } from '../../electron/core/bundle/signaturesFile.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { executeOnDevice } from '../../electron/core/signing/executeOnDevice.js';
import { signOnDevice } from '../../electron/core/signing/signOnDevice.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import { runGuardian } from '../cli/runGuardian.js';
import {
  GUARDIAN_A,
  GUARDIAN_B,
  pauseOf,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';

const vault = new Interface(['function pause()', 'function paused() view returns (bool)']);

let guarded: GuardedProtocol;
let chain: TestChain;
let protocol: Protocol;
let online: Store;
let airGapped: Store;
const dirs: string[] = [];
let owners: string[];
let hash: string;
/** What travels on the USB stick, as JSON text does. */
const travel = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  ({ chain, protocol, owners } = guarded);
  const { service, safe } = guarded;
  const pause = pauseOf(guarded);
  hash = safeTxHash(pause);
  service.addTransaction(pause);
  const [a, b] = [mkdtempSync(join(tmpdir(), 'guardian-online-')), mkdtempSync(join(tmpdir(), 'guardian-airgapped-'))];
  dirs.push(a, b);
  online = openStore({ dataDir: a });
  airGapped = openStore({ dataDir: b });
  online.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    online.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  expect(await pullQueue(online, online.listWatchedSafes()[0]!)).toMatchObject({
    pulled: 1,
    rejected: [],
    failure: null,
  });
});
afterAll(async () => {
  online?.close();
  airGapped?.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('an air-gapped station signs from a bundle, and the signature travels back', () => {
  it('carries the transaction with its proven pre-state, signs there with no network, and the Safe executes with it', async () => {
    // Online: a review on a fork, its pre-state carried with the chain's proofs.
    const carried = await carryPreState(online, online.getQueueItem(hash), chain.rpcUrl);
    expect(carried.proofs).not.toBeNull();
    // Every owner's approvedHashes slot for this hash is proven, so the station can check an approved hash
    // itself (none was given: each proves 0), the first sorted owner's too, whose slot the simulation never reads.
    const evidence = carriedSignatureEvidence(carried, online.getQueueItem(hash).safeTx);
    for (const owner of owners) expect(await evidence.approvedHash(owner, hash)).toBe(false);
    const bundle = travel(reviewBundleJson(await reviewBundle(online, hash, carried)));

    // Air-gapped: this store watches no Safe and knows no RPC; everything comes from the bundle.
    expect(airGapped.listWatchedSafes()).toEqual([]);
    const parsed = await checkedReviewBundle(bundle, 'pause.bundle.json');
    expect(importReviewBundle(airGapped, parsed, 'pause.bundle.json').safeTxHash).toBe(hash);
    expect(airGapped.getSafeInfo(chain.chainId, parsed.safeTx.safe)?.owners).toEqual(owners);
    const stages: string[] = [];
    const signed = await signOnDevice({
      store: airGapped,
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      safeTxHash: hash,
      mode: 'full',
      acknowledged: [],
      post: true,
      carried: parsed.carried,
      onProgress: (p) => stages.push(p.stage === 'reviewing' ? `reviewing from ${p.from}` : p.stage),
    });
    expect(signed).toMatchObject({
      result: { signer: owners[0], mode: 'full' },
      posted: false,
      quorum: { signed: [owners[0]], met: false },
    });
    expect(stages[0]).toBe('reviewing from bundle');
    // The gate's review really ran, replayed: it is on the air-gapped station's record.
    expect(airGapped.listAudit({ safeTxHash: hash }).map((e) => e.kind)).toEqual(['import', 'review', 'signature']);

    // Back online: the signature checked against this station's own owners and hash, stored, posted.
    const back = importSignatures(online, travel(await signaturesFile(airGapped, hash)), 'signatures.json');
    expect(back).toEqual({ safeTxHash: hash, added: [owners[0]], refused: [] });
    expect(online.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([owners[0]]);

    // The second guardian signs online; the Safe contract itself accepts the air-gapped signature.
    await signOnDevice({
      store: online,
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_B),
      safeTxHash: hash,
      mode: 'hashed',
      acknowledged: [],
      post: false,
    });
    await (await chain.wallets[0]!.sendTransaction({ to: owners[1], value: 10n ** 18n })).wait();
    const executed = await executeOnDevice({
      store: online,
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_B),
      safeTxHash: hash,
    });
    expect(executed.success).toBe(true);
    const [paused] = vault.decodeFunctionResult(
      'paused',
      await chain.provider.call({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('paused') }),
    );
    expect(paused).toBe(true);
  });

  it("refuses a bundle whose transaction was altered, one whose signatures are not the owners', and signing on a pre-state with no proofs", async () => {
    const carried = await carryPreState(online, online.getQueueItem(hash), chain.rpcUrl);
    const bundle = travel(reviewBundleJson(await reviewBundle(online, hash, carried))) as {
      safeTx: { data: string };
      confirmations: Array<{ owner: string }>;
      carried: { proofs: unknown };
    };
    const altered = { ...bundle, safeTx: { ...bundle.safeTx, data: vault.encodeFunctionData('paused') } };
    expect(() => parseReviewBundle(altered, 'altered.json')).toThrow(
      /altered\.json is refused: safeTx: the bundle says its safeTxHash is .*, but with these fields it is .* Do not sign it/,
    );
    const forged = { ...bundle, confirmations: bundle.confirmations.map((c) => ({ ...c, owner: owners[2] })) };
    expect(() => parseReviewBundle(forged, 'forged.json')).toThrow(/recovers to .*, not to/);
    // An owner list that is not the one the carried (and proven) Safe storage holds.
    const padded = bundle as unknown as { safe: { owners: string[] } };
    const stranger = chain.wallets[9]!.address;
    await expect(
      checkedReviewBundle(
        { ...padded, safe: { ...padded.safe, owners: [...padded.safe.owners, stranger] } },
        'padded.json',
      ),
    ).rejects.toThrow(
      /padded\.json is refused: safe\.owners: the bundle lists owners .* but the Safe's storage it carries holds .* Do not sign from it/,
    );

    const unproven = parseReviewBundle({ ...bundle, carried: { ...bundle.carried, proofs: null } }, 'unproven.json');
    const station = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'guardian-airgapped-')) });
    dirs.push(station.path.replace(/[/\\][^/\\]+$/, ''));
    try {
      importReviewBundle(station, unproven, 'unproven.json');
      const signing = signOnDevice({
        store: station,
        openDevice: async () => new SoftwareLedger({}, GUARDIAN_B),
        safeTxHash: hash,
        mode: 'full',
        acknowledged: [],
        post: false,
        carried: unproven.carried,
      });
      await expect(signing).rejects.toMatchObject({
        code: 'SIGNING_REFUSED',
        message: expect.stringContaining('state proofs: the carried pre-state has none'),
      });
      expect(station.listAudit({ kind: 'signature' })).toEqual([]);
    } finally {
      station.close();
    }
  });

  it('from the command line: the bundle imported into a station with no RPC, reviewed there by replaying what it kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardian-airgapped-cli-'));
    dirs.push(dir);
    const path = join(dir, 'pause.bundle.json');
    writeFileSync(
      path,
      JSON.stringify(
        reviewBundleJson(
          await reviewBundle(online, hash, await carryPreState(online, online.getQueueItem(hash), chain.rpcUrl)),
        ),
      ),
    );
    const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
    const imported = await runGuardian(['bundle', 'import', path], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Stored ${hash} (nonce 0)`);
    expect(imported.stdout).toMatch(/Block number\s+\d+\n.*Block hash\s+0x[0-9a-f]{64}/);
    const review = await runGuardian(['review', hash.slice(0, 12)], env);
    expect(review.stderr).toMatch(
      /carried state loaded, proven against the state root of block \d+, hash 0x[0-9a-f]{64}/,
    );
    // The first test executed this pause: the state carried now is already paused, and the replay says so.
    expect(review.stdout).toMatch(/Simulation\s+REVERTS: GS013/);
    expect(review.stdout).toContain('CALL Vault (0x');
    expect(review.code).toBe(2);
  });

  it("keeps only signatures that are an owner's over this station's own hash", async () => {
    const file = travel(await signaturesFile(online, hash)) as {
      confirmations: Array<{ owner: string; signature: string }>;
    };
    const swapped = { ...file, confirmations: [{ ...file.confirmations[0]!, owner: owners[2] }] };
    const result = importSignatures(online, swapped, 'swapped.json');
    expect(result.added).toEqual([]);
    expect(result.refused.map((e) => e.code)).toEqual(['INVALID_SIGNATURE']);
    expect(() => importSignatures(online, { ...file, safe: owners[0] }, 'other-safe.json')).toThrow(
      /other-safe\.json is for Safe/,
    );
  });
});
