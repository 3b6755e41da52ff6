import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHashes, safeTxTypedData } from '../safe/safeTxHash.js';
import { deviceFieldRows } from './deviceFields.js';
import { appVersionAtLeast, ETH_APP_MIN_VERSION } from './ethAppVersion.js';
import { ledgerHashFormat } from './ledgerHashFormat.js';
import type { LedgerModel } from './ledgerModels.js';

export interface ModePreview {
  mode: 'full' | 'hashed';
  /** The first app version showing this, or null when every app version the model runs does. */
  appliesFrom: string | null;
  /** When `guardian sign` lands in this mode, for a person. */
  when: string;
  /** What the screens show, in order: [label, value] as the device prints them. */
  screens: Array<[string, string]>;
}

export interface DevicePreview {
  model: Pick<LedgerModel, 'id' | 'name'> | null;
  appVersion: string | null;
  /** Each mode the device can sign this SafeTx in, the one signing starts with first; empty when none. */
  modes: ModePreview[];
  /** What the guardian should know before plugging in: which preview applies, what to check on the device. */
  notes: string[];
}

/**
 * Full EIP-712 mode, as app-ethereum's doc/eip712.md describes it: the device receives the domain, then the primary
 * type, and shows each field as it arrives, in the order the types define them. So the screens follow the typed
 * data's own field lists (a Safe before 1.3.0 has no chainId in its domain, one before 1.0.0 names baseGas dataGas).
 */
function fullScreens(tx: SafeTx): Array<[string, string]> {
  const typed = safeTxTypedData(tx);
  const values = new Map(deviceFieldRows(safeTxToJson(tx)));
  values.set('dataGas', values.get('baseGas')!);
  return [...typed.types.EIP712Domain, ...typed.types.SafeTx].map((f) => [f.name, values.get(f.name)!]);
}

/** Hashed mode (EIP-712 v0): the device shows the two hashes only, in its own upper-case format. */
function hashedScreens(tx: SafeTx): Array<[string, string]> {
  const { domainHash, messageHash } = safeTxHashes(tx);
  return [
    ['Domain hash', ledgerHashFormat(domainHash)],
    ['Message hash', ledgerHashFormat(messageHash)],
  ];
}

const VERSION = /^\d+(\.\d+){0,3}(-[0-9A-Za-z.-]+)?$/;

/**
 * What a Ledger of `model` running Ethereum app `appVersion` will show when it signs `tx`, in each mode it can: for a
 * guardian to read before plugging in. An unknown model or app version gives every preview that may apply, and says
 * which applies from which app version.
 */
export function devicePreview(tx: SafeTx, model: LedgerModel | null, appVersion: string | null): DevicePreview {
  if (appVersion !== null && !VERSION.test(appVersion))
    throw new GuardianError(
      'INVALID_INPUT',
      `"${appVersion}" is not an app version; write it as the device shows it, e.g. 1.10.0.`,
    );
  const { eip712Full, eip712Hashed } = ETH_APP_MIN_VERSION;
  const full = (appliesFrom: string | null, when: string): ModePreview => ({
    mode: 'full',
    appliesFrom,
    when,
    screens: fullScreens(tx),
  });
  const hashed = (appliesFrom: string | null, when: string): ModePreview => ({
    mode: 'hashed',
    appliesFrom,
    when,
    screens: hashedScreens(tx),
  });
  const notes: string[] = [];
  if (model?.appVersionCaveat) notes.push(model.appVersionCaveat);
  const fullFrom = model ? model.fullFrom : eip712Full;
  const modes: ModePreview[] = [];

  if (appVersion !== null) {
    if (!appVersionAtLeast(appVersion, eip712Hashed)) {
      notes.push(
        `Ethereum app ${appVersion} signs no EIP-712 message: update the Ethereum app (hashed mode from ${eip712Hashed}${fullFrom ? `, full mode from ${fullFrom}` : ''}).`,
      );
      return { model: model && { id: model.id, name: model.name }, appVersion, modes, notes };
    }
    if (fullFrom && appVersionAtLeast(appVersion, fullFrom)) {
      modes.push(full(fullFrom, 'guardian sign'));
      modes.push(hashed(eip712Hashed, 'guardian sign --hashed, or when the device cannot sign in full mode'));
    } else {
      modes.push(hashed(eip712Hashed, 'guardian sign (this app version has no full mode)'));
      notes.push(
        fullFrom
          ? `Ethereum app ${appVersion} has no full mode: update it to ${fullFrom} or later to see the fields instead of two hashes.`
          : `A ${model!.name} never signs in full mode: compare both hashes, character by character.`,
      );
    }
  } else if (model?.fullAtEveryVersion) {
    modes.push(full(null, 'guardian sign'));
    modes.push(hashed(null, 'guardian sign --hashed, or when the device cannot sign in full mode'));
    notes.push(`Every Ethereum app a ${model.name} runs signs in full mode.`);
  } else if (fullFrom === null) {
    modes.push(hashed(eip712Hashed, `guardian sign, with Ethereum app ${eip712Hashed} or later`));
  } else {
    modes.push(full(fullFrom, `guardian sign, with Ethereum app ${fullFrom} or later`));
    modes.push(
      hashed(eip712Hashed, `guardian sign with app ${eip712Hashed} up to before ${fullFrom}; otherwise with --hashed`),
    );
    notes.push(
      `The app version decides: full mode from Ethereum app ${fullFrom}, hashed mode (from ${eip712Hashed}) before it. Check your app version in the Ethereum app's settings.`,
    );
  }
  // With no model given, the full preview may not apply at all: say which model never shows it.
  if (!model && modes.some((m) => m.mode === 'full'))
    notes.push('On a Nano S only the hashed preview applies: it never signs in full mode, at any app version.');
  return { model: model && { id: model.id, name: model.name }, appVersion, modes, notes };
}
