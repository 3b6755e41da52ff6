import { concat, getAddress, getBytes, hexlify } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import type { SafeSignature } from '../safe/safeSignature.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHashes, safeTxTypedData } from '../safe/safeTxHash.js';
import { checkSafeTxSignature } from './checkSafeTxSignature.js';
import type { EthAppInfo, LedgerEthApp } from './ethApp.js';
import { ledgerHashFormat } from './ledgerHashFormat.js';

/**
 * - full:     EIP-712 with every field streamed; the device shows to, value, data, operation, nonce... (preferred)
 * - hashed:   EIP-712 v0; the device shows only the domain hash and message hash, which the guardian compares
 *             with the console (blind signing, needs the setting on).
 * - eth_sign: personal_sign of the safeTxHash; the device shows a hash only, and the Safe needs v+4. Last resort.
 */
export type SigningMode = 'full' | 'hashed' | 'eth_sign';

export type SigningProgress =
  | { stage: 'waiting-for-device' }
  /** With `onDevice`, the Ledger shows its address at `path` and waits: the guardian approves only if it is this owner. */
  | { stage: 'checking-address'; path: string; onDevice?: string }
  | { stage: 'streaming'; mode: 'full' }
  | {
      stage: 'awaiting-approval';
      mode: SigningMode;
      /** What the device will show and the guardian must compare, as the device prints it. */
      compare: { domainHash?: string; messageHash?: string; safeTxHash?: string };
    }
  | { stage: 'fallback'; from: SigningMode; to: SigningMode; reason: string }
  | { stage: 'verifying' }
  | { stage: 'signed'; mode: SigningMode; signer: string };

export interface SignSafeTxOptions {
  /** The owner the guardian chose; the device's address at `path` and the recovered signer must both be it. */
  expectedSigner: string;
  /** Where to start; later modes are tried only when the device cannot do the earlier one (default 'full'). */
  mode?: SigningMode;
  /** eth_sign is only reached when explicitly allowed (or asked for as `mode`). */
  allowEthSign?: boolean;
  /**
   * Show the owner's address on the device before signing, for the guardian to compare with the console. In
   * full EIP-712 mode the Ledger never shows which account signs: this is the one place it can be checked there.
   */
  showAddress?: boolean;
  onProgress?: (progress: SigningProgress) => void;
}

export interface SafeTxSigningResult {
  /** 65 bytes, Safe encoding: v 27/28 for EIP-712, 31/32 for eth_sign. */
  signature: string;
  mode: SigningMode;
  signer: string;
  path: string;
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
  /** Ready for encodeSafeSignatures and the store: persist it before anything else happens. */
  safeSignature: SafeSignature;
  /** Why earlier modes were skipped, in order; shown to the guardian and kept in the audit trail. */
  fallbacks: { from: SigningMode; reason: string }[];
}

const ORDER: readonly SigningMode[] = ['full', 'hashed', 'eth_sign'];

/**
 * Signs a SafeTx on a Ledger and returns the signature only once it has been proven to be the expected
 * owner's over the safeTxHash computed here. Storage and the review gate are the caller's: this function
 * has no side effects beyond talking to the device.
 */
export async function signSafeTx(
  app: LedgerEthApp,
  path: string,
  tx: SafeTx,
  options: SignSafeTxOptions,
): Promise<SafeTxSigningResult> {
  const progress = options.onProgress ?? (() => {});
  const expected = getAddress(options.expectedSigner);
  const hashes = safeTxHashes(tx);
  const start = options.mode ?? 'full';
  const modes = ORDER.slice(ORDER.indexOf(start)).filter(
    (m) => m !== 'eth_sign' || start === 'eth_sign' || options.allowEthSign === true,
  );

  progress({ stage: 'waiting-for-device' });
  const info = await app.appInfo();
  progress({ stage: 'checking-address', path, ...(options.showAddress ? { onDevice: expected } : {}) });
  const { address } = await app.getAddress(path, { display: options.showAddress === true });
  if (address.toLowerCase() !== expected.toLowerCase()) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `This Ledger's address at ${path} is ${address}, not the owner ${expected} you chose. Pick the account that holds that owner, or plug in that owner's Ledger.`,
      { details: { path, address, expected } },
    );
  }

  const fallbacks: { from: SigningMode; reason: string }[] = [];
  for (let i = 0; i < modes.length; i++) {
    const mode = modes[i]!;
    const next = modes[i + 1];
    const cannot = cannotReason(mode, info);
    if (cannot) {
      if (!next) throw cannot;
      fallbacks.push({ from: mode, reason: cannot.message });
      progress({ stage: 'fallback', from: mode, to: next, reason: cannot.message });
      continue;
    }
    let raw: string;
    try {
      raw = await signOnce(app, path, tx, mode, hashes, progress);
    } catch (error) {
      if (!next || !deviceCannot(mode, error)) throw error;
      const reason = (error as GuardianError).message;
      fallbacks.push({ from: mode, reason });
      progress({ stage: 'fallback', from: mode, to: next, reason });
      continue;
    }
    progress({ stage: 'verifying' });
    const kind = mode === 'eth_sign' ? 'eth_sign' : 'eip712';
    const signature = mode === 'eth_sign' ? shiftV(raw) : raw;
    const safeSignature = checkSafeTxSignature(tx, signature, kind, expected);
    progress({ stage: 'signed', mode, signer: safeSignature.signer });
    return { signature, mode, signer: safeSignature.signer, path, ...hashes, safeSignature, fallbacks };
  }
  throw new GuardianError('DEVICE_FAILED', 'No signing mode was available on this Ledger.');
}

async function signOnce(
  app: LedgerEthApp,
  path: string,
  tx: SafeTx,
  mode: SigningMode,
  hashes: ReturnType<typeof safeTxHashes>,
  progress: (p: SigningProgress) => void,
): Promise<string> {
  const compare =
    mode === 'full'
      ? {}
      : mode === 'hashed'
        ? { domainHash: ledgerHashFormat(hashes.domainHash), messageHash: ledgerHashFormat(hashes.messageHash) }
        : { safeTxHash: ledgerHashFormat(hashes.safeTxHash) };
  let streaming = false;
  const stop = app.onApdu(({ cla, ins }) => {
    if (cla !== 0xe0) return;
    if (mode === 'full' && !streaming && (ins === 0x1a || ins === 0x1c)) {
      streaming = true;
      progress({ stage: 'streaming', mode: 'full' });
    }
    // SIGN ETH EIP 712 (0x0C) or SIGN ETH PERSONAL MESSAGE (0x08): the device now waits for the person.
    if (ins === 0x0c || ins === 0x08) progress({ stage: 'awaiting-approval', mode, compare });
  });
  try {
    if (mode === 'full') return await app.signEip712Full(path, safeTxTypedData(tx));
    if (mode === 'hashed') return await app.signEip712Hashed(path, hashes.domainHash, hashes.messageHash);
    return await app.signPersonalMessage(path, hashes.safeTxHash);
  } finally {
    stop();
  }
}

/** What the app's version and settings rule out before anything is sent. */
function cannotReason(mode: SigningMode, info: EthAppInfo): GuardianError | null {
  if (mode === 'full' && !info.eip712Full) {
    return new GuardianError(
      'DEVICE_APP_TOO_OLD',
      `Ethereum app ${info.version} cannot clear-sign EIP-712 (needs 1.9.19 or later). Update it with Ledger Live.`,
    );
  }
  if (mode === 'hashed' && !info.eip712Hashed) {
    return new GuardianError(
      'DEVICE_APP_TOO_OLD',
      `Ethereum app ${info.version} cannot sign EIP-712 at all (needs 1.5.0 or later). Update it with Ledger Live.`,
    );
  }
  if (mode === 'hashed' && !info.blindSigningEnabled) {
    return new GuardianError(
      'DEVICE_BLIND_SIGNING_DISABLED',
      "This Ledger cannot show the Safe transaction's fields, so it must sign its hashes blind, and Blind signing is off. On the device open Ethereum > Settings > Blind signing, enable it, try again, and compare the domain hash and message hash with the console.",
    );
  }
  return null;
}

/**
 * "Cannot" is the app lacking the instructions (an old app, or a Nano S: 6D00), running out of memory for a
 * large message (6A84), or refusing the streamed message as data (6A80). A person's answer (reject, locked,
 * unplugged, timeout) is never a reason to try another mode.
 */
function deviceCannot(mode: SigningMode, error: unknown): boolean {
  if (!isGuardianError(error)) return false;
  if (error.code === 'DEVICE_APP_TOO_OLD') return true;
  const sw = error.details?.statusWord;
  return mode === 'full' && error.code === 'DEVICE_FAILED' && (sw === '0x6A84' || sw === '0x6A80');
}

/** Safe's eth_sign encoding: v + 4, so checkNSignatures knows to hash with the EIP-191 prefix. */
function shiftV(signature: string): string {
  const bytes = getBytes(signature);
  return hexlify(concat([bytes.slice(0, 64), new Uint8Array([bytes[64]! + 4])]));
}
