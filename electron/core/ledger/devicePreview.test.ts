import { describe, expect, it } from 'vitest';
import { SoftwareLedger, type DeviceBehaviour } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { isGuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { devicePreview, type ModePreview } from './devicePreview.js';
import { LedgerEthApp } from './ethApp.js';
import { ledgerHashFormat } from './ledgerHashFormat.js';
import { findLedgerModel } from './ledgerModels.js';
import { signSafeTx } from './signSafeTx.js';

const PATH = "44'/60'/0'/0/0";
const modesOf = (modes: ModePreview[]) => modes.map((m) => m.mode);

/** Signs on the software Ledger and returns what its screens showed for approval. */
async function shownOnDevice(tx: SafeTx, behaviour: Partial<DeviceBehaviour>, mode: 'full' | 'hashed') {
  const device = new SoftwareLedger(behaviour);
  const app = new LedgerEthApp(device, { approvalTimeoutMs: 5_000 });
  await signSafeTx(app, PATH, tx, { expectedSigner: device.addressAt(PATH), mode });
  return device.reviews.at(-1)!;
}

describe('devicePreview', () => {
  it('previews the full-mode screens in the order the device receives and shows them, with the values it signs', async () => {
    const tx = pauseSafeTx();
    const preview = devicePreview(tx, findLedgerModel('nanox'), '1.10.0');
    expect(modesOf(preview.modes)).toEqual(['full', 'hashed']);
    const full = preview.modes[0]!;
    const review = await shownOnDevice(tx, { appVersion: '1.10.0' }, 'full');
    if (review.kind !== 'eip712-full') throw new Error(`the device showed ${review.kind}`);
    expect(full.screens.map(([label]) => label)).toEqual([
      ...review.types['EIP712Domain']!.map((f) => f.name),
      ...review.types['SafeTx']!.map((f) => f.name),
    ]);
    const shown = new Map(full.screens);
    expect(shown.get('verifyingContract')).toBe(tx.safe);
    expect(shown.get('to')).toBe(review.message['to']);
    expect(shown.get('nonce')).toBe(String(review.message['nonce']));
    expect(shown.get('operation')).toBe('0 (CALL)');
  });

  it('previews the hashed-mode screens as the device prints the hashes it signs', async () => {
    const tx = pauseSafeTx();
    const preview = devicePreview(tx, findLedgerModel('Nano S Plus'), '1.9.18');
    expect(modesOf(preview.modes)).toEqual(['hashed']);
    const review = await shownOnDevice(tx, { appVersion: '1.9.18', eip712Full: false }, 'hashed');
    if (review.kind !== 'eip712-hashed') throw new Error(`the device showed ${review.kind}`);
    expect(preview.modes[0]!.screens).toEqual([
      ['Domain hash', ledgerHashFormat(review.domainHash)],
      ['Message hash', ledgerHashFormat(review.messageHash)],
    ]);
    expect(preview.notes.join(' ')).toContain('update it to 1.9.19');
  });

  it('follows the Safe version: no chainId before 1.3.0, dataGas before 1.0.0', () => {
    const labels = devicePreview(pauseSafeTx({ safeVersion: '0.1.0' }), null, '1.10.0').modes[0]!.screens.map(
      ([label]) => label,
    );
    expect(labels[0]).toBe('verifyingContract');
    expect(labels).toContain('dataGas');
    expect(labels).not.toContain('chainId');
  });

  it('says, when no model is given, that a Nano S shows only the hashes', () => {
    const preview = devicePreview(pauseSafeTx(), null, '1.10.0');
    expect(modesOf(preview.modes)).toEqual(['full', 'hashed']);
    expect(preview.notes.join(' ')).toContain('On a Nano S only the hashed preview applies');
  });

  it('never previews full mode on a Nano S, and asks the guardian to check the app version when it is not given', () => {
    const preview = devicePreview(pauseSafeTx(), findLedgerModel('nanos'), null);
    expect(modesOf(preview.modes)).toEqual(['hashed']);
    expect(preview.modes[0]!.appliesFrom).toBe('1.5.0');
    expect(preview.notes.join(' ')).toContain('check your app version');
    expect(modesOf(devicePreview(pauseSafeTx(), findLedgerModel('nanos'), '1.12.0').modes)).toEqual(['hashed']);
  });

  it('shows both previews for an unknown app version and says which applies from which version', () => {
    const preview = devicePreview(pauseSafeTx(), findLedgerModel('nanosp'), null);
    expect(preview.modes.map((m) => [m.mode, m.appliesFrom])).toEqual([
      ['full', '1.9.19'],
      ['hashed', '1.5.0'],
    ]);
    expect(preview.notes.join(' ')).toContain('full mode from Ethereum app 1.9.19');
  });

  it('previews full mode on a Stax or Flex at any app version', () => {
    for (const name of ['stax', 'flex']) {
      const preview = devicePreview(pauseSafeTx(), findLedgerModel(name), null);
      expect(preview.modes.map((m) => [m.mode, m.appliesFrom])).toEqual([
        ['full', null],
        ['hashed', null],
      ]);
    }
  });

  it('previews nothing for an app too old for EIP-712, and says to update it', () => {
    const preview = devicePreview(pauseSafeTx(), findLedgerModel('nanox'), '1.4.9');
    expect(preview.modes).toEqual([]);
    expect(preview.notes.join(' ')).toContain('update the Ethereum app');
  });

  it('refuses an unknown model and a malformed app version with typed errors', () => {
    expect(() => findLedgerModel('nano z')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    let error: unknown;
    try {
      devicePreview(pauseSafeTx(), null, 'latest');
    } catch (e) {
      error = e;
    }
    expect(isGuardianError(error) && error.code).toBe('INVALID_INPUT');
    expect(findLedgerModel('Ledger Flex').id).toBe('europa');
  });
});
