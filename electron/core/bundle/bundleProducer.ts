import { getAddress, hexlify, toUtf8Bytes, verifyMessage } from 'ethers';
import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { findOwnerPath } from '../ledger/findOwnerPath.js';
import { parseLedgerPath } from '../ledger/ledgerPaths.js';
import { bundleDigest, bundleFieldsSigningMessage, bundleSigningMessage } from './bundleDigest.js';
import { bundleFieldDigests, fieldListDigest } from './bundleFields.js';
import { matchSignedFields, type FieldListClaim } from './signedBundleFields.js';

/**
 * Who exported a bundle, as the file says: the guardian's address and their Ledger's signature, over its field
 * list (`safeTxHash` and `fields` present) or, in bundles signed before field lists, over the whole file's digest.
 */
export type BundleProducerClaim = FieldListClaim | { signer: string; signature: string };

const listsFieldsClaim = (claim: BundleProducerClaim): claim is FieldListClaim => 'fields' in claim;

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
 * The bundle file signed by the exporting guardian's Ledger: personal_sign of bundleFieldsSigningMessage over the
 * digest of its field list, the list written beside the signature, so a station can tell which owner produced it
 * and, if it was edited since, which fields. The device's account must be an owner of the Safe the bundle
 * carries, and the signature is recovered here before it is written.
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
  const fields = bundleFieldDigests(json);
  const digest = fieldListDigest(fields);
  const message = bundleFieldsSigningMessage(safeTxHash, digest);
  options.onAwaitingApproval?.({ message, digest, signer: address });
  const signature = await app.signPersonalMessage(path, hexlify(toUtf8Bytes(message)));
  const recovered = verifyMessage(message, signature);
  if (recovered.toLowerCase() !== address.toLowerCase())
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The Ledger's signature of the bundle recovers to ${recovered}, not to its account ${address}. Nothing was written.`,
    );
  const producer: FieldListClaim = { signer: address, safeTxHash: safeTxHash.toLowerCase(), fields, signature };
  return { ...json, producer };
}

/** The digest a producer's signature is over: its field list's, or the whole file's in a bundle signed before. */
export function producerDigest(json: object, claim: BundleProducerClaim): string {
  return listsFieldsClaim(claim) ? fieldListDigest(claim.fields) : bundleDigest(json);
}

/**
 * The producer of a bundle read on a station. `owners` must be the proven ones (the Safe's storage in the
 * carried state), never the bundle's list on its own word. A signature that recovers to another address than
 * the one it names means the bundle changed after it was signed; one that recovers to a non-owner is refused too.
 * A field list is matched with the file's fields again (checkSignedFields did so first, for its message), its
 * signer must be an owner, and the safeTxHash the device showed must be the one the fields give.
 */
export function checkBundleProducer(
  json: object,
  safeTxHash: string,
  claim: BundleProducerClaim | undefined,
  owners: readonly string[],
): BundleProducer {
  if (!claim) return { status: 'unsigned', digest: bundleDigest(json) };
  const { signer, digest } = listsFieldsClaim(claim)
    ? matchSignedFields(json, claim)
    : recoverWholeFileSigner(json, safeTxHash, claim);
  if (!owners.some((o) => o.toLowerCase() === signer.toLowerCase())) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `producer.signer: the bundle was signed by ${signer}, who is not an owner of the Safe in the state it carries.`,
      { details: { bundleField: 'producer.signer', recovered: signer } },
    );
  }
  if (listsFieldsClaim(claim) && claim.safeTxHash.toLowerCase() !== safeTxHash.toLowerCase())
    throw new GuardianError(
      'HASH_MISMATCH',
      `producer.safeTxHash: ${signer} signed the bundle as one of safeTxHash ${claim.safeTxHash}, but the transaction it carries hashes to ${safeTxHash}: its Ledger showed a hash this bundle is not of.`,
      { details: { bundleField: 'producer.safeTxHash', signed: claim.safeTxHash, computed: safeTxHash } },
    );
  return { status: 'owner', signer, digest };
}

/** The signer of a bundle signed before field lists: over its whole digest, which says only that something changed. */
function recoverWholeFileSigner(
  json: object,
  safeTxHash: string,
  claim: { signer: string; signature: string },
): { signer: string; digest: string } {
  const digest = bundleDigest(json);
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
  return { signer: recovered, digest };
}
