import { GuardianError } from '../errors.js';
import { ETH_APP_MIN_VERSION } from './ethAppVersion.js';

/**
 * What each Ledger model can show a guardian signing a SafeTx. Sources:
 * - LedgerHQ/app-ethereum Makefile: `ifneq ($(TARGET_NAME),TARGET_NANOS) DEFINES += HAVE_EIP712_FULL_SUPPORT`, so the
 *   Nano S never got full EIP-712 (the fields on screen); it signs a SafeTx in hashed mode only (domain and message
 *   hash), from app 1.5.0 (doc/ethapp.adoc version history, see ethAppVersion.ts).
 * - LedgerHQ/app-ethereum CHANGELOG.md, 1.17.0 (2025-05-05): "Removed: Nano S support" (commit 778be970, "Remove
 *   Nano S and associated src"). The Nano S kept a branch of its own: tag 1.16.1-lns (2026-03-30; ledger_app.toml
 *   `devices = ["nanos"]`, CHANGELOG "1.16.1: Fixed RLP elements parsing; Removed 44'/1' derivation path"), deployed
 *   as nanos_2.1.0_1.16.1_sdk_lns-2.1.0-v24.0, the newest Nano S tag in the repository as read on 2026-04-17. So
 *   its newest app is 1.16.1 as far as the source says, and its makefile_conf/features.mk still leaves
 *   HAVE_EIP712_FULL_SUPPORT out for TARGET_NANOS. Whether a later one ships is not known here: the preview still
 *   says "check your app version".
 * - Nano S Plus and Nano X: full mode from 1.9.19, hashed from 1.5.0, as the app version decides (ethAppVersion.ts).
 * - Stax (2023) and Flex (2024) came out after app 1.9.19 (2022): every Ethereum app they run has full mode.
 * Characters per screen are unknown here, and no preview gives a figure: the Nano and touch-screen UIs page a value
 * by pixel width (BAGL bnnn_paging on the Nano S, NBGL elsewhere), not by a fixed count, and app-ethereum states none.
 */
export interface LedgerModel {
  /** The id @ledgerhq/devices uses; Flex is "europa" there. */
  id: 'nanoS' | 'nanoSP' | 'nanoX' | 'stax' | 'europa';
  name: string;
  /** Names a guardian may type for --model, lower case. */
  aliases: readonly string[];
  /** The first app version that signs in full mode on this model, or null when no version does. */
  fullFrom: string | null;
  hashedFrom: string;
  /** Every app version this model runs is at least fullFrom: the app version does not change the preview. */
  fullAtEveryVersion: boolean;
  /** Why the guardian should check the app version on the device itself, when the table cannot say. */
  appVersionCaveat?: string;
}

export const LEDGER_MODELS: readonly LedgerModel[] = [
  {
    id: 'nanoS',
    name: 'Nano S',
    aliases: ['nanos', 'nano-s', 'nano s'],
    fullFrom: null,
    hashedFrom: ETH_APP_MIN_VERSION.eip712Hashed,
    fullAtEveryVersion: false,
    appVersionCaveat:
      "The Nano S left the Ethereum app's main line at 1.17.0 (2025); its own branch's newest known release is 1.16.1 (2026): check your app version in the Ethereum app's settings: at 1.5.0 or later it signs in hashed mode, never in full mode.",
  },
  {
    id: 'nanoSP',
    name: 'Nano S Plus',
    aliases: ['nanosp', 'nanosplus', 'nano-s-plus', 'nano s plus'],
    fullFrom: ETH_APP_MIN_VERSION.eip712Full,
    hashedFrom: ETH_APP_MIN_VERSION.eip712Hashed,
    fullAtEveryVersion: false,
  },
  {
    id: 'nanoX',
    name: 'Nano X',
    aliases: ['nanox', 'nano-x', 'nano x'],
    fullFrom: ETH_APP_MIN_VERSION.eip712Full,
    hashedFrom: ETH_APP_MIN_VERSION.eip712Hashed,
    fullAtEveryVersion: false,
  },
  {
    id: 'stax',
    name: 'Stax',
    aliases: ['stax'],
    fullFrom: ETH_APP_MIN_VERSION.eip712Full,
    hashedFrom: ETH_APP_MIN_VERSION.eip712Hashed,
    fullAtEveryVersion: true,
  },
  {
    id: 'europa',
    name: 'Flex',
    aliases: ['flex', 'europa'],
    fullFrom: ETH_APP_MIN_VERSION.eip712Full,
    hashedFrom: ETH_APP_MIN_VERSION.eip712Hashed,
    fullAtEveryVersion: true,
  },
];

/** A model by what a guardian typed ("nanox", "Nano S Plus") or by the name @ledgerhq/devices gives ("Ledger Flex"). */
export function findLedgerModel(name: string): LedgerModel {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/^ledger\s+/, '');
  const model = LEDGER_MODELS.find((m) => m.id.toLowerCase() === key || m.aliases.includes(key));
  if (!model)
    throw new GuardianError(
      'INVALID_INPUT',
      `"${name}" is not a Ledger model known here. Use one of: ${LEDGER_MODELS.map((m) => m.aliases[0]).join(', ')}.`,
    );
  return model;
}
