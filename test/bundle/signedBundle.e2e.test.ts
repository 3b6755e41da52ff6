import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet, toUtf8String, Wallet, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedFile } from '../../electron/app/importedFile.js';
import { contract } from '../../electron/ipc/contract.js';
import {
  bundleFieldsSigningMessage,
  bundleSigningMessage,
  bundleDigest,
} from '../../electron/core/bundle/bundleDigest.js';
import { fieldListDigest } from '../../electron/core/bundle/bundleFields.js';
import { signBundleJson } from '../../electron/core/bundle/bundleProducer.js';
import { importStationFile } from '../../electron/core/bundle/importStationFile.js';
import { isGuardianError, type GuardianError } from '../../electron/core/errors.js';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { SoftwareLedger, type DeviceReview } from '../ledger/softwareDevice/softwareLedger.js';
import { exportPauseBundle, type ExportedPauseBundle } from './exportedPauseBundle.js';
import { GUARDIAN_A, GUARDIAN_B, startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';

type Json = Record<string, any>;

let guarded: GuardedProtocol;
let online: Store;
let unsigned: Json;
let signed: Json;
let hash: string;
let vault: string;
const shown: DeviceReview[] = [];
const dirs: string[] = [];
const STRANGER = new Wallet('0x' + '44'.repeat(32));
const keyOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${ledgerPath('ledger-live', 0)}`);

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const accountOf = (bundle: Json, address: string): [string, Json] =>
  Object.entries(bundle['carried'].prestate as Record<string, Json>).find(
    ([a]) => a.toLowerCase() === address.toLowerCase(),
  )!;

function station(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'guardian-signed-bundle-'));
  dirs.push(dir);
  return openStore({ dataDir: dir });
}

/** Imports `json` into a fresh station, expects it refused at `field`, with nothing stored but the audit entry naming that field. */
async function refusedAt(json: unknown, field: string): Promise<GuardianError> {
  const store = station();
  try {
    const error = await importStationFile(store, json, 'edited.bundle.json').then(
      () => null,
      (e: unknown) => e,
    );
    if (!isGuardianError(error))
      throw new Error(`the bundle edited at ${field} was not refused with a GuardianError: ${String(error)}`);
    expect(error.details?.['bundleField']).toBe(field);
    expect(error.message).toContain(field);
    expect(store.listQueueItems({})).toEqual([]);
    const audit = store.listAudit({});
    expect(audit.map((e) => e.kind)).toEqual(['bundle-refused']);
    expect(audit[0]!.details).toMatchObject({
      file: 'edited.bundle.json',
      code: error.code,
      facts: { bundleField: field },
    });
    return error;
  } finally {
    store.close();
  }
}

/** The bundle with one more owner's confirmation, as an online station that held it would export it. */
function withConfirmation(bundle: Json, mnemonic: string): Json {
  const key = keyOf(mnemonic);
  return { ...copy(bundle), confirmations: [{ owner: key.address, signature: key.signingKey.sign(hash).serialized }] };
}

const ledgerOf = (mnemonic: string) =>
  new LedgerEthApp(
    new SoftwareLedger(
      {
        approves: (review) => {
          shown.push(review);
          return true;
        },
      },
      mnemonic,
    ),
  );

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  let json: ExportedPauseBundle['json'];
  ({ online, hash, vault, json } = await exportPauseBundle(guarded, dirs));
  unsigned = withConfirmation(json as Json, GUARDIAN_B);
  signed = copy(await signBundleJson(ledgerOf(GUARDIAN_A), unsigned as never, hash)) as Json;
});
afterAll(async () => {
  online?.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("a review bundle signed by the exporting guardian's Ledger", () => {
  it("is signed on the device over its field list's digest, the device showing the safeTxHash and digest as text", () => {
    const digest = fieldListDigest(signed['producer'].fields);
    expect(signed['producer'].signer).toBe(keyOf(GUARDIAN_A).address);
    const personal = shown.find((r): r is Extract<DeviceReview, { kind: 'personal' }> => r.kind === 'personal')!;
    const text = toUtf8String(personal.message);
    expect(text).toBe(bundleFieldsSigningMessage(hash, digest));
    expect(text).toContain(hash.toLowerCase());
    // What the Ethereum app shows as words, not as hex: printable ASCII on one line, and never 32 bytes alone.
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(personal.message.length).not.toBe(32);
  });

  it('imports a signed bundle naming its producer, an owner recovered from the signature, in the audit entry too', async () => {
    const store = station();
    try {
      // Keys in another order are the same bundle: the digest is over canonical JSON.
      const reordered = Object.fromEntries(Object.entries(copy(signed)).reverse());
      const imported = await importStationFile(store, reordered, 'signed.bundle.json');
      expect(imported?.kind).toBe('review-bundle');
      expect(imported?.kind === 'review-bundle' && imported.producer).toMatchObject({
        status: 'owner',
        signer: keyOf(GUARDIAN_A).address,
      });
      expect(store.listAudit({ kind: 'import' })[0]!.details).toMatchObject({
        producer: keyOf(GUARDIAN_A).address,
        digest: fieldListDigest(signed['producer'].fields),
      });
    } finally {
      store.close();
    }
  });

  it("reaches the app's import over IPC with its producer, as the gate validates the answer", async () => {
    const store = station();
    try {
      const answer = await importedFile(store, 'signed.bundle.json', JSON.stringify(signed));
      expect(contract['queue.import'].response.parse(answer).producer).toEqual({
        status: 'owner',
        signer: keyOf(GUARDIAN_A).address,
        digest: fieldListDigest(signed['producer'].fields),
      });
    } finally {
      store.close();
    }
  });

  it('imports an unsigned bundle as one whose producer is unknown', async () => {
    const store = station();
    try {
      const imported = await importStationFile(store, copy(unsigned), 'unsigned.bundle.json');
      expect(imported?.kind === 'review-bundle' && imported.producer?.status).toBe('unsigned');
      expect(store.listAudit({ kind: 'import' })[0]!.details).toMatchObject({ producer: null });
    } finally {
      store.close();
    }
  });

  it('refuses a signed bundle edited anywhere the hashes and proofs do not reach (an ABI, the date), naming that field', async () => {
    const abi = copy(signed);
    abi['abis'] = [...abi['abis'], { address: vault, name: 'Harmless', abi: [] }];
    const position = `abis[${abi['abis'].length - 1}]`;
    expect((await refusedAt(abi, position)).message).toContain(
      `${position} was added after ${keyOf(GUARDIAN_A).address} signed the bundle`,
    );
    const dated = copy(signed);
    dated['createdAt'] = '2020-01-01T00:00:00.000Z';
    await refusedAt(dated, 'createdAt');
    const added = copy(signed);
    added['note'] = 'trust me';
    await refusedAt(added, 'note');
  });

  it('refuses a bundle signed by a key that is not an owner of the Safe in its proven state', async () => {
    const forged = copy(unsigned);
    const signature = await STRANGER.signMessage(bundleSigningMessage(hash, bundleDigest(forged)));
    forged['producer'] = { signer: STRANGER.address, signature };
    expect((await refusedAt(forged, 'producer.signer')).code).toBe('SIGNER_NOT_OWNER');
  });

  it('will not sign on a Ledger whose account owns nothing: a station would refuse the bundle', async () => {
    await expect(
      signBundleJson(
        ledgerOf('test test test test test test test test test test test junk'),
        copy(unsigned) as never,
        hash,
        { path: ledgerPath('ledger-live', 0) },
      ),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
  });
});

describe('an unsigned bundle refused names the field its own checks find', () => {
  it('safeTx: a value or recipient edited, with the hash it claims and the one its fields give', async () => {
    const valued = copy(unsigned);
    valued['safeTx'].value = '1';
    const error = await refusedAt(valued, 'safeTx');
    expect(error.message).toMatch(
      new RegExp(
        `the bundle says its safeTxHash is ${hash} \\(claimedSafeTxHash\\), but with these fields it is 0x[0-9a-f]{64} \\(.*safeTx.value 1,`,
      ),
    );
    // No signature says which of them was edited: the file's hash fields are named, and that it cannot tell.
    expect(error.message).toContain('with no producer signature to compare against this station cannot tell which');
    expect(error.details?.['hashFields']).toEqual([
      'safeTx.chainId',
      'safeTx.safe',
      'safeTx.safeVersion',
      'safeTx.to',
      'safeTx.value',
      'safeTx.data',
      'safeTx.operation',
      'safeTx.safeTxGas',
      'safeTx.baseGas',
      'safeTx.gasPrice',
      'safeTx.gasToken',
      'safeTx.refundReceiver',
      'safeTx.nonce',
      'claimedSafeTxHash',
    ]);
    const nonced = copy(unsigned);
    nonced['safeTx'].nonce = 'seven';
    await refusedAt(nonced, 'safeTx');
  });

  it('confirmations[i]: a signature from another key, and a signer who is not an owner', async () => {
    const other = copy(unsigned);
    other['confirmations'][0].signature = STRANGER.signingKey.sign(hash).serialized;
    const owner = keyOf(GUARDIAN_B).address;
    expect((await refusedAt(other, `confirmations[0] (${owner})`)).message).toContain(
      `recovers to ${STRANGER.address}, not to the owner it names`,
    );
    const stranger = copy(unsigned);
    stranger['confirmations'][0] = { owner: STRANGER.address, signature: STRANGER.signingKey.sign(hash).serialized };
    expect((await refusedAt(stranger, `confirmations[0] (${STRANGER.address})`)).code).toBe('SIGNER_NOT_OWNER');
  });

  it('carried.prestate[…]: a storage slot, a balance, or a code the proofs do not give', async () => {
    const slotted = copy(unsigned);
    const [safeKey, safeAccount] = accountOf(slotted, guarded.safe);
    const slot = Object.keys(safeAccount['storage']).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.threshold))!;
    safeAccount['storage'][slot] = zeroPadValue('0x01', 32);
    await refusedAt(slotted, `carried.prestate[${safeKey}].storage[${slot}]`);
    const funded = copy(unsigned);
    const [vaultKey, vaultAccount] = accountOf(funded, vault);
    vaultAccount['balance'] = '0x' + (10n ** 21n).toString(16);
    await refusedAt(funded, `carried.prestate[${vaultKey}].balance`);
    const recoded = copy(unsigned);
    accountOf(recoded, vault)[1]['code'] = '0x00';
    await refusedAt(recoded, `carried.prestate[${vaultKey}].code`);
  });

  it('carried.proofs[…]: an account proof whose node does not hash to the state root, and an account with no proof', async () => {
    const edited = copy(unsigned);
    const proof = (edited['carried'].proofs as Json[]).find(
      (p) => p['address'].toLowerCase() === guarded.safe.toLowerCase(),
    )!;
    proof['accountProof'][0] =
      proof['accountProof'][0].slice(0, -2) + (proof['accountProof'][0].endsWith('00') ? '01' : '00');
    expect((await refusedAt(edited, `carried.proofs[${proof['address']}].accountProof`)).message).toMatch(
      /node 0 does not hash/,
    );
    const dropped = copy(unsigned);
    dropped['carried'].proofs = (dropped['carried'].proofs as Json[]).filter(
      (p) => p['address'].toLowerCase() !== guarded.safe.toLowerCase(),
    );
    await refusedAt(dropped, `carried.proofs[${accountOf(dropped, guarded.safe)[0]}]`);
    const none = copy(unsigned);
    none['carried'].proofs = null;
    await refusedAt(none, 'carried.proofs');
  });

  it('carried.block and carried.header: a block number, or a header field, that its block hash does not commit to', async () => {
    const renumbered = copy(unsigned);
    renumbered['carried'].block.number = '0x' + (BigInt(renumbered['carried'].block.number) + 1n).toString(16);
    await refusedAt(renumbered, 'carried.block.number');
    const stamped = copy(unsigned);
    stamped['carried'].block.timestamp = '0x1';
    await refusedAt(stamped, 'carried.block.timestamp');
    const rerooted = copy(unsigned);
    rerooted['carried'].header.stateRoot = '0x' + '11'.repeat(32);
    await refusedAt(rerooted, 'carried.header');
  });

  it('safe.owners and safe.threshold: a list that is not the one the carried storage holds', async () => {
    const owners = copy(unsigned);
    owners['safe'].owners = [...owners['safe'].owners.slice(0, 2), STRANGER.address];
    expect((await refusedAt(owners, 'safe.owners')).message).toContain(STRANGER.address.toLowerCase());
    const threshold = copy(unsigned);
    threshold['safe'].threshold = 1;
    await refusedAt(threshold, 'safe.threshold');
  });

  it('a field of the wrong shape, by its path in the file', async () => {
    const nonce = copy(unsigned);
    nonce['safe'].nonce = '-1';
    await refusedAt(nonce, 'safe.nonce');
    const owner = copy(unsigned);
    owner['confirmations'][0].owner = '0x1234';
    await refusedAt(owner, 'confirmations[0].owner');
    const carried = copy(unsigned);
    carried['carried'].block.stateRoot = 'root';
    await refusedAt(carried, 'carried.block.stateRoot');
  });
});
