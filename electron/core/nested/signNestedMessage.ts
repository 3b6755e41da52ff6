import { GuardianError } from '../errors.js';
import { LedgerEthApp } from '../ledger/ethApp.js';
import type { Transport } from '../ledger/ledgerLibraries.js';
import { findOwnerPath } from '../ledger/findOwnerPath.js';
import { ledgerHashFormat } from '../ledger/ledgerHashFormat.js';
import { parseLedgerPath } from '../ledger/ledgerPaths.js';
import { checkMessageSignature } from '../message/messageSignature.js';
import { assertMaySign } from '../signing/signingGate.js';
import type { SigningReview } from '../signing/reviewForSigning.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import type { Store } from '../store/openStore.js';
import { completeNestedSignature, type NestedSignatureState } from './completeNestedSignature.js';
import type { NestedMessageHashes } from './nestedMessageHashes.js';
import { assertNotSigned, keepNestedSignature, nestedSignatureTally } from './nestedMessageSignatures.js';
import { nestedSigningContext, type NestedSigningContext } from './nestedSigningContext.js';
import { postNestedSignatures, type NestedPostOutcome, type NestedSignatureHeld } from './postNestedSignatures.js';
import { reviewOuterTransaction } from './reviewOuterTransaction.js';

export type NestedSigningProgress =
  | { stage: 'reviewing'; outerSafeTxHash: string }
  | { stage: 'waiting-for-device' }
  | { stage: 'checking-address'; path: string }
  /** What the device shows for the inner SafeMessage, as it prints it; the outer safeTxHash is what it stands for. */
  | { stage: 'awaiting-approval'; compare: { domainHash: string; messageHash: string }; outerSafeTxHash: string }
  | { stage: 'signed'; signer: string };

export interface SignNestedMessageOptions {
  store: Store;
  /** The Ledger: over USB HID in the app and the CLI, a software device in the tests. Opened after the input is checked. */
  openDevice: () => Promise<Transport>;
  outerSafeTxHash: string;
  innerSafe: string;
  innerChainId?: bigint;
  path?: string;
  scan?: number;
  /** Codes of critical findings of the outer transaction's review the guardian explicitly acknowledged. */
  acknowledged?: readonly string[];
  /** On an air-gapped station: the outer transaction's carried pre-state, replayed instead of forking the chain. */
  carried?: CarriedState;
  /** Post the inner signature and, once assembled, the outer contract signature where the Safes have a service. */
  post?: boolean;
  onProgress?: (progress: NestedSigningProgress) => void;
}

export interface NestedSigningResult extends NestedSignatureState {
  hashes: NestedMessageHashes;
  innerSafe: string;
  signer: string;
  path: string;
  signature: string;
  /** What was posted after the signature and the contract signature were stored; empty when not asked to post. */
  posts: { outcomes: NestedPostOutcome[]; held: NestedSignatureHeld[] };
}

/**
 * One owner of an owner Safe signs, on a Ledger, the SafeMessage that makes the owner Safe's contract signature
 * for a transaction of the Safe it owns. The device signs the inner SafeMessage hash (EIP-712 hashed: the inner
 * Safe's domain and hashStruct(SafeMessage)), which stands for the outer safeTxHash, so the outer transaction is reviewed and gated first, as for any signature of it. The signature must recover
 * to the device's owner over the hash computed here before it is kept; once the inner threshold is met the
 * outer contract signature is assembled, stored as the owner Safe's confirmation, and judged as any other.
 */
export async function signNestedMessage(options: SignNestedMessageOptions): Promise<NestedSigningResult> {
  const { store } = options;
  const progress = options.onProgress ?? (() => {});
  const context = nestedSigningContext(store, {
    outerSafeTxHash: options.outerSafeTxHash,
    innerSafe: options.innerSafe,
    ...(options.innerChainId === undefined ? {} : { innerChainId: options.innerChainId }),
  });
  const { hashes, inner } = context;

  progress({ stage: 'reviewing', outerSafeTxHash: hashes.outerSafeTxHash });
  const review = await reviewOuterTransaction(store, context.outer, options.carried);
  progress({ stage: 'waiting-for-device' });
  const transport = await options.openDevice();
  let signed: { signer: string; path: string; raw: string };
  try {
    signed = await signOnDevice(new LedgerEthApp(transport), context, review, options, progress);
  } finally {
    await transport.close();
  }
  const { signer, path, raw } = signed;
  keepNestedSignature(store, context, { owner: signer, signature: raw });
  progress({ stage: 'signed', signer });

  const state = await completeNestedSignature(store, context);
  // Both signatures are on disk by now: a post that fails loses nothing and is retried with guardian post.
  const posts = options.post
    ? await postNestedSignatures(store, {
        outerSafeTxHash: hashes.outerSafeTxHash,
        innerSafe: inner.address,
        signedHere: true,
      })
    : { outcomes: [], held: [] };
  return { hashes, innerSafe: inner.address, signer, path, signature: raw.toLowerCase(), ...state, posts };
}

/** The device's part: the app able to sign hashed EIP-712, an owner of the inner Safe, its signature proven. */
async function signOnDevice(
  app: LedgerEthApp,
  context: NestedSigningContext,
  review: SigningReview,
  options: Pick<SignNestedMessageOptions, 'store' | 'path' | 'scan' | 'acknowledged'>,
  progress: (p: NestedSigningProgress) => void,
): Promise<{ signer: string; path: string; raw: string }> {
  const { hashes, inner } = context;
  const info = await app.appInfo();
  if (!info.eip712Hashed)
    throw new GuardianError(
      'DEVICE_APP_TOO_OLD',
      `Ethereum app ${info.version} cannot sign EIP-712 (needs 1.5.0 or later). Update it with Ledger Live.`,
    );
  if (!info.blindSigningEnabled)
    throw new GuardianError(
      'DEVICE_BLIND_SIGNING_DISABLED',
      "The owner Safe's message is signed as its EIP-712 hashes, which the Ledger calls blind signing, and Blind signing is off. On the device open Ethereum > Settings > Blind signing, enable it, try again, and compare the domain hash and message hash with the console.",
    );
  const path = options.path
    ? parseLedgerPath(options.path)
    : (await findOwnerPath(app, inner.owners, { scan: options.scan ?? 5 })).path;
  progress({ stage: 'checking-address', path });
  const { address } = await app.getAddress(path);
  if (!inner.owners.some((o) => o.toLowerCase() === address.toLowerCase()))
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `This Ledger's address at ${path} is ${address}, which is not an owner of the owner Safe ${inner.address}. Pick the account that holds an owner, or plug in an owner's Ledger.`,
      { details: { path, address } },
    );
  // The same gate as any signature of the outer transaction: its hash, its review complete, its critical findings
  // acknowledged; the signer an owner of the owner Safe, whose signature the outer Safe will count.
  const acknowledged = options.acknowledged ?? [];
  assertMaySign({ hashVerdict: review.hashVerdict, signer: address, owners: inner.owners, review, acknowledged });
  assertNotSigned(nestedSignatureTally(options.store, context), address, hashes.innerSafeMessageHash);
  options.store.appendAudit({
    kind: 'review',
    safeTxHash: hashes.outerSafeTxHash,
    actor: address,
    details: {
      findings: review.findings.map((f) => ({ code: f.code, severity: f.severity })),
      acknowledged,
      nestedFor: inner.address,
    },
  });

  progress({
    stage: 'awaiting-approval',
    compare: { domainHash: ledgerHashFormat(hashes.domainHash), messageHash: ledgerHashFormat(hashes.messageHash) },
    outerSafeTxHash: hashes.outerSafeTxHash,
  });
  const raw = await app.signEip712Hashed(path, hashes.domainHash, hashes.messageHash);
  const { signer } = checkMessageSignature(hashes.innerSafeMessageHash, raw, inner.owners, address);
  return { signer, path, raw };
}
