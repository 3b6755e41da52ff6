import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet, hexlify, Interface, keccak256, toUtf8Bytes, Wallet, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runCli } from '../../electron/cli/runCli.js';
import {
  bundleDigest,
  bundleFieldsSigningMessage,
  bundleSigningMessage,
  canonicalJson,
} from '../../electron/core/bundle/bundleDigest.js';
import { fieldListDigest } from '../../electron/core/bundle/bundleFields.js';
import { signBundleJson } from '../../electron/core/bundle/bundleProducer.js';
import { importStationFile } from '../../electron/core/bundle/importStationFile.js';
import { isGuardianError, type GuardianError } from '../../electron/core/errors.js';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { ConsoleError, failureText } from '../../renderer/api.js';
import { appBehindGate } from '../app/throughGate.js';
import { openRenderer } from '../e2e/rendererBridge.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import {
  GUARDIAN_A,
  GUARDIAN_B,
  guardianAddress,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { exportPauseBundle } from './exportedPauseBundle.js';

type Json = Record<string, any>;

let guarded: GuardedProtocol;
let online: Store;
let unsigned: Json;
let signed: Json;
let hash: string;
let dir: string;
const dirs: string[] = [];
const OWNER = guardianAddress(GUARDIAN_A);
const STRANGER = new Wallet('0x' + '44'.repeat(32));
const UNPAUSE = new Interface(['function unpause()']).encodeFunctionData('unpause');

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const ledger = () => new LedgerEthApp(new SoftwareLedger({ approves: () => true }, GUARDIAN_A));
const digestOf = (value: unknown) => keccak256(toUtf8Bytes(canonicalJson(value)));

function station(): Store {
  const at = mkdtempSync(join(tmpdir(), 'guardian-edited-bundle-'));
  dirs.push(at);
  return openStore({ dataDir: at });
}

/** The key the file spells the Safe's account with, in its carried pre-state. */
const safeKey = (bundle: Json) =>
  Object.keys(bundle['carried'].prestate).find((a) => a.toLowerCase() === guarded.safe.toLowerCase())!;

/** Imports `json` into a fresh station and returns its refusal, checking nothing but its audit entry stayed. */
async function refusal(json: unknown): Promise<GuardianError> {
  const store = station();
  try {
    const error = await importStationFile(store, json, 'edited.bundle.json').then(
      () => null,
      (e: unknown) => e,
    );
    if (!isGuardianError(error)) throw new Error(`the edited bundle was not refused: ${String(error)}`);
    expect(store.listQueueItems({})).toEqual([]);
    const audit = store.listAudit({});
    expect(audit.map((e) => e.kind)).toEqual(['bundle-refused']);
    expect(audit[0]!.details).toMatchObject({ file: 'edited.bundle.json', code: error.code, facts: error.details });
    return error;
  } finally {
    store.close();
  }
}

/** A refusal for fields that differ from what the owner signed, each named in the message and the audit entry. */
async function refusedNaming(
  json: unknown,
  named: { edited?: string[]; added?: string[]; removed?: string[] },
): Promise<GuardianError> {
  const error = await refusal(json);
  const { edited = [], added = [], removed = [] } = named;
  expect(error.code).toBe('INVALID_SIGNATURE');
  expect(error.details).toMatchObject({ edited, added, removed, fields: [...edited, ...added, ...removed] });
  expect(error.details?.['signer']).toBe(OWNER);
  for (const field of [...edited, ...added, ...removed]) expect(error.message).toContain(field);
  expect(error.message).toContain(`after ${OWNER} signed the bundle`);
  return error;
}

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  let json: object;
  ({ online, hash, json } = await exportPauseBundle(guarded, dirs));
  // With one owner's confirmation, as an online station that held it would export it.
  const b = HDNodeWallet.fromPhrase(GUARDIAN_B, undefined, `m/${ledgerPath('ledger-live', 0)}`);
  unsigned = { ...copy(json), confirmations: [{ owner: b.address, signature: b.signingKey.sign(hash).serialized }] };
  signed = copy(await signBundleJson(ledger(), unsigned as never, hash)) as Json;
  dir = mkdtempSync(join(tmpdir(), 'guardian-edited-cli-'));
  dirs.push(dir);
});
afterAll(async () => {
  online?.close();
  await guarded?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a signed bundle edited after its producer signed it names each field that differs', () => {
  it('safeTx.data: the transaction changed, named as edited after the owner signed, not only as a hash', async () => {
    const edited = copy(signed);
    edited['safeTx'].data = UNPAUSE;
    const error = await refusedNaming(edited, { edited: ['safeTx.data'] });
    expect(error.message).toBe(
      `edited.bundle.json is refused: safeTx.data was edited after ${OWNER} signed the bundle. The signature covers each field's digest, and these fields no longer match what was signed. Do not sign from it.`,
    );
  });

  it('a carried storage value: the slot is named by its account and slot, as the proofs would name it', async () => {
    const edited = copy(signed);
    const account = edited['carried'].prestate[safeKey(edited)];
    const slot = Object.keys(account.storage).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.threshold))!;
    account.storage[slot] = zeroPadValue('0x01', 32);
    await refusedNaming(edited, { edited: [`carried.prestate[${safeKey(edited)}].storage[${slot}]`] });
  });

  it("the Safe's threshold, a key added and a key removed, each alone and all at once", async () => {
    const threshold = copy(signed);
    threshold['safe'].threshold = 1;
    await refusedNaming(threshold, { edited: ['safe.threshold'] });
    const noted = copy(signed);
    noted['note'] = 'trust me';
    noted['safe'].label = 'treasury';
    await refusedNaming(noted, { added: ['safe.label', 'note'] });
    const undated = copy(signed);
    delete undated['createdAt'];
    await refusedNaming(undated, { removed: ['createdAt'] });
    const all = copy(signed);
    all['safe'].threshold = 1;
    all['safeTx'].data = UNPAUSE;
    all['note'] = 'trust me';
    delete all['createdAt'];
    const error = await refusedNaming(all, {
      edited: ['safeTx.data', 'safe.threshold'],
      added: ['note'],
      removed: ['createdAt'],
    });
    expect(error.message).toContain(
      `safeTx.data and safe.threshold were edited; note was added; createdAt was removed after ${OWNER} signed the bundle`,
    );
  });

  it('a confirmation taken out, or the proofs put in another order', async () => {
    const unconfirmed = copy(signed);
    unconfirmed['confirmations'] = [];
    await refusedNaming(unconfirmed, { removed: ['confirmations[0]'] });
    const reordered = copy(signed);
    reordered['carried'].proofs.reverse();
    const error = await refusal(reordered);
    expect(error.details?.['edited']).toEqual(
      expect.arrayContaining(['carried.proofs[0]', `carried.proofs[${reordered['carried'].proofs.length - 1}]`]),
    );
  });

  it('keys in another order and other spacing are the same field list: the bundle imports', async () => {
    const store = station();
    try {
      const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(copy(signed)).reverse()), null, 3));
      const imported = await importStationFile(store, reordered, 'signed.bundle.json');
      expect(imported?.kind === 'review-bundle' && imported.producer).toEqual({
        status: 'owner',
        signer: OWNER,
        digest: fieldListDigest(signed['producer'].fields),
      });
    } finally {
      store.close();
    }
  });
});

describe("a field list is believed only as far as its producer's signature proves it", () => {
  it('a field list edited to match an edited field is refused as a list that does not match its signature', async () => {
    const forged = copy(signed);
    forged['safeTx'].data = UNPAUSE;
    forged['producer'].fields['safeTx.data'] = digestOf(UNPAUSE);
    const error = await refusal(forged);
    expect(error.code).toBe('INVALID_SIGNATURE');
    expect(error.details?.['bundleField']).toBe('producer.fields');
    expect(error.message).toContain(`producer.fields: the field list does not match its signature: it names ${OWNER}`);
    // The same list re-signed by another key that still names the owner: the signature proves the other key.
    const resigned = copy(forged);
    const digest = fieldListDigest(resigned['producer'].fields);
    resigned['producer'].signature = await STRANGER.signMessage(bundleFieldsSigningMessage(hash, digest));
    expect((await refusal(resigned)).message).toContain(`recovers to ${STRANGER.address}`);
  });

  it('a list signed by a key that is not an owner matches its fields, and is refused as not an owner', async () => {
    const edited = copy(unsigned);
    edited['safeTx'].data = UNPAUSE;
    const { producer } = signed as { producer: { fields: Record<string, string> } };
    const fields = { ...producer.fields, 'safeTx.data': digestOf(UNPAUSE) };
    edited['producer'] = {
      signer: STRANGER.address,
      safeTxHash: hash,
      fields,
      signature: await STRANGER.signMessage(bundleFieldsSigningMessage(hash, fieldListDigest(fields))),
    };
    const error = await refusal(edited);
    // Its fields match its list, so the station's own checks run: the stranger's bundle is refused before its signer is.
    expect(error.details?.['bundleField']).toBe('safeTx');
    const honest = copy(unsigned);
    honest['producer'] = {
      signer: STRANGER.address,
      safeTxHash: hash,
      fields: producer.fields,
      signature: await STRANGER.signMessage(bundleFieldsSigningMessage(hash, fieldListDigest(producer.fields))),
    };
    const stranger = await refusal(honest);
    expect(stranger.code).toBe('SIGNER_NOT_OWNER');
    expect(stranger.details?.['bundleField']).toBe('producer.signer');
  });

  it('the field list taken out, leaving the signature, is read as a whole-file signature and refused as edited', async () => {
    const stripped = copy(signed);
    delete stripped['producer'].fields;
    delete stripped['producer'].safeTxHash;
    const error = await refusal(stripped);
    expect(error.details?.['bundleField']).toBe('producer.signature');
    expect(error.message).toMatch(/edited after it was signed/);
  });

  it('a list the owner signed beside another safeTxHash than its transaction gives is refused at producer.safeTxHash', async () => {
    const other = '0x' + 'ab'.repeat(32);
    const mislabelled = copy(await signBundleJson(ledger(), copy(unsigned) as never, other)) as Json;
    const error = await refusal(mislabelled);
    expect(error.code).toBe('HASH_MISMATCH');
    expect(error.details?.['bundleField']).toBe('producer.safeTxHash');
    expect(error.message).toContain(`${OWNER} signed the bundle as one of safeTxHash ${other}`);
  });
});

describe('a bundle signed whole, before field lists', () => {
  /** The bundle as the console signed it before: personal_sign over the whole file's digest, on the same device. */
  async function signedWhole(json: Json): Promise<Json> {
    const path = ledgerPath('ledger-live', 0);
    const message = bundleSigningMessage(hash, bundleDigest(json));
    const signature = await ledger().signPersonalMessage(path, hexlify(toUtf8Bytes(message)));
    return { ...copy(json), producer: { signer: OWNER, signature } };
  }

  it('still imports, naming its owner and the whole-file digest', async () => {
    const old = await signedWhole(unsigned);
    const store = station();
    try {
      const imported = await importStationFile(store, old, 'old.bundle.json');
      expect(imported?.kind === 'review-bundle' && imported.producer).toEqual({
        status: 'owner',
        signer: OWNER,
        digest: bundleDigest(old),
      });
    } finally {
      store.close();
    }
  });

  it('edited, is refused with the message it always had: edited after it was signed, no field named', async () => {
    const old = await signedWhole(unsigned);
    old['note'] = 'trust me';
    const error = await refusal(old);
    expect(error.details?.['bundleField']).toBe('producer.signature');
    expect(error.message).toMatch(
      /recovers to 0x[0-9a-fA-F]{40} over this bundle's digest 0x[0-9a-f]{64}: the bundle was edited after it was signed/,
    );
    // Its transaction edited: the hash check says it cannot tell which field, and why.
    const edited = await signedWhole(unsigned);
    edited['safeTx'].data = UNPAUSE;
    const hashed = await refusal(edited);
    expect(hashed.code).toBe('HASH_MISMATCH');
    expect(hashed.message).toContain("its producer's signature covers the whole file at once, not each field");
  });
});

describe('where a guardian sees the refusal', () => {
  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const streams = {
      stdout: { write: (s: string) => void (stdout += s) },
      stderr: { write: (s: string) => void (stderr += s) },
    };
    const code = await runCli(args, streams as never, { GUARDIAN_DATA_DIR: join(dir, 'station'), NO_COLOR: '1' });
    return { code, stdout, stderr };
  }
  const written = (file: string, json: unknown) => {
    const path = join(dir, file);
    writeFileSync(path, JSON.stringify(json, null, 1));
    return path;
  };

  it('guardian bundle import prints the fields and exits with the code for a signature that does not hold', async () => {
    const edited = copy(signed);
    edited['safeTx'].data = UNPAUSE;
    edited['note'] = 'trust me';
    const path = written('edited.bundle.json', edited);
    const run = await cli(['bundle', 'import', path]);
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
    expect(run.stderr).toContain(
      `guardian bundle: ${path} is refused: safeTx.data was edited; note was added after ${OWNER} signed the bundle.`,
    );
    expect(run.stderr).toContain('[INVALID_SIGNATURE]');
    const asJson = await cli(['bundle', 'import', path, '--json']);
    expect(asJson.code).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
    expect(JSON.parse(asJson.stderr)).toMatchObject({
      error: { code: 'INVALID_SIGNATURE', details: { edited: ['safeTx.data'], added: ['note'], signer: OWNER } },
    });
    const forged = copy(edited);
    forged['producer'].fields['safeTx.data'] = digestOf(UNPAUSE);
    const run2 = await cli(['bundle', 'import', written('forged.bundle.json', forged)]);
    expect(run2.code).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
    expect(run2.stderr).toContain('producer.fields: the field list does not match its signature');
    // A list a stranger signed over the honest fields: the signature holds, its signer is not an owner.
    const strangers = copy(unsigned);
    const { fields } = signed['producer'] as { fields: Record<string, string> };
    strangers['producer'] = {
      signer: STRANGER.address,
      safeTxHash: hash,
      fields,
      signature: await STRANGER.signMessage(bundleFieldsSigningMessage(hash, fieldListDigest(fields))),
    };
    const run3 = await cli(['bundle', 'import', written('stranger.bundle.json', strangers)]);
    expect(run3.code).toBe(EXIT_FOR_ERROR.SIGNER_NOT_OWNER);
    expect(run3.stderr).toContain(`producer.signer: the bundle was signed by ${STRANGER.address}`);
    // The audit log holds each refusal with its fields, for an incident review to find.
    const store = openStore({ dataDir: join(dir, 'station') });
    try {
      const refused = store.listAudit({ kind: 'bundle-refused' }).map((e) => e.details as Json);
      expect(refused.map((d) => d['facts']['fields'] ?? d['facts']['bundleField'])).toEqual([
        ['safeTx.data', 'note'],
        ['safeTx.data', 'note'],
        'producer.fields',
        'producer.signer',
      ]);
    } finally {
      store.close();
    }
  });

  it("the app's import answers the refusal through the IPC gate, and the renderer shows its fields", async () => {
    const edited = copy(signed);
    edited['safe'].threshold = 1;
    const store = station();
    try {
      const answer = await appBehindGate({ store }).invoke('queue.import', {
        name: 'edited.bundle.json',
        text: JSON.stringify(edited),
      });
      if (answer.ok) throw new Error('the edited bundle was imported');
      expect(answer.error.code).toBe('INVALID_SIGNATURE');
      const shown = failureText(new ConsoleError(answer.error.code, answer.error.message, answer.error.cause), '');
      expect(shown).toContain(`safe.threshold was edited after ${OWNER} signed the bundle`);
      expect(store.listAudit({ kind: 'bundle-refused' })[0]!.details).toMatchObject({
        facts: { fields: ['safe.threshold'] },
      });
    } finally {
      store.close();
    }
  });

  it("the app's import screen shows the refusal with the fields that differ", async () => {
    const edited = copy(signed);
    const account = edited['carried'].prestate[safeKey(edited)];
    const slot = Object.keys(account.storage).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.threshold))!;
    account.storage[slot] = zeroPadValue('0x01', 32);
    edited['safe'].threshold = 1;
    const path = written('lowered.bundle.json', edited);
    const at = mkdtempSync(join(tmpdir(), 'guardian-edited-ui-'));
    dirs.push(at);
    const store = openStore({ dataDir: at });
    const session = await openRenderer({ store, version: '0.1.0', dataDir: at });
    try {
      const { page } = session;
      await page.goto(session.url);
      await page.getByTestId('import-file').setInputFiles(path);
      const outcome = page.getByTestId('import-outcome');
      await outcome.waitFor({ timeout: 20_000 });
      expect(await outcome.innerText()).toBe(
        `Not imported: lowered.bundle.json is refused: safe.threshold and carried.prestate[${safeKey(edited)}].storage[${slot}] were edited after ${OWNER} signed the bundle. The signature covers each field's digest, and these fields no longer match what was signed. Do not sign from it. [INVALID_SIGNATURE]`,
      );
      expect(store.listQueueItems({})).toEqual([]);
    } finally {
      await session.close();
      store.close();
    }
  }, 60_000);
});
