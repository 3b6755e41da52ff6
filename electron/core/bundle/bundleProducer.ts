import { getAddress, hexlify, toUtf8Bytes, verifyMessage } from 'ethers';
import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { findOwnerPath } from '../ledger/findOwnerPath.js';
import { parseLedgerPath } from '../ledger/ledgerPaths.js';
import { bundleDigest, bundleSigningMessage } from './bundleDigest.js';

/** Who exported a bundle, as the file says: the guardian's address and their Ledger's signature over its digest. */
export interface BundleProducerClaim {
  signer: string;
  signature: string;
}

/** Who produced a bundle, as this station established it: an owner whose signature it recovered, or nobody known. */
export type BundleProducer =
  { status: 'owner'; signer: string; digest: string } | { status: 'unsigned'; digest: string };

export interface SignBundleOptions {
  /** The derivation path; when absent the first `scan` paths of each layout are searched for an owner. */
  path?: string;
  scan?: number;
  /** What the device is about to show, for the CLI or the app to print beside it. */
  onAwaitingApproval?: (shown: { message: string; digest: string; signer: string }) => void;
}

/**
 * The bundle file signed by the exporting guardian's Ledger: personal_sign of bundleSigningMessage, so a station
 * can tell which owner produced it and that nothing in it changed since. The device's account must be an owner
 * of the Safe the bundle carries, and the signature is recovered here before it is written.
 */
export async function signBundleJson(
  app: LedgerEthApp,
  json: { claimedSafeTxHash?: unknown; safe: { owners: readonly string[] } },
  safeTxHash: string,
  options: SignBundleOptions = {},
): Promise<object> {
  const { owners } = json.safe;
  const path = options.path
    ? parseLedgerPath(options.path)
    : (await findOwnerPath(app, owners, { scan: options.scan ?? 5 })).path;
  const { address } = await app.getAddress(path);
  if (!owners.some((o) => o.toLowerCase() === address.toLowerCase())) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `This Ledger's account at ${path} is ${address}, which is not an owner of the Safe: a station would refuse a bundle it signed. Use an owner's Ledger or path.`,
      { details: { path, address } },
    );
  }
  const digest = bundleDigest(json);
  const message = bundleSigningMessage(safeTxHash, digest);
  options.onAwaitingApproval?.({ message, digest, signer: address });
  const signature = await app.signPersonalMessage(path, hexlify(toUtf8Bytes(message)));
  const recovered = verifyMessage(message, signature);
  if (recovered.toLowerCase() !== address.toLowerCase())
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The Ledger's signature of the bundle recovers to ${recovered}, not to its account ${address}. Nothing was written.`,
    );
  return { ...json, producer: { signer: address, signature } satisfies BundleProducerClaim };
}

/**
 * The producer of a bundle read on a station. `owners` must be the proven ones (the Safe's storage in the
 * carried state), never the bundle's list on its own word. A signature that recovers to another address than
 * the one it names means the bundle changed after it was signed; one that recovers to a non-owner is refused too.
 */
export function checkBundleProducer(
  json: object,
  safeTxHash: string,
  claim: BundleProducerClaim | undefined,
  owners: readonly string[],
): BundleProducer {
  const digest = bundleDigest(json);
  if (!claim) return { status: 'unsigned', digest };
  let recovered: string;
  try {
    recovered = verifyMessage(bundleSigningMessage(safeTxHash, digest), claim.signature);
  } catch (error) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `producer.signature: it is not a signature that recovers to any address.`,
      { details: { bundleField: 'producer.signature' }, cause: error },
    );
  }
  const named = getAddress(claim.signer.toLowerCase());
  if (recovered.toLowerCase() !== named.toLowerCase()) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `producer.signature: it names ${named} as the producer but recovers to ${recovered} over this bundle's digest ${digest}: the bundle was edited after it was signed.`,
      { details: { bundleField: 'producer.signature', named, recovered, digest } },
    );
  }
  if (!owners.some((o) => o.toLowerCase() === recovered.toLowerCase())) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `producer.signer: the bundle was signed by ${recovered}, who is not an owner of the Safe in the state it carries.`,
      { details: { bundleField: 'producer.signer', recovered } },
    );
  }
  return { status: 'owner', signer: recovered, digest };
}
