import { getAddress, verifyMessage } from 'ethers';
import { z } from 'zod';
import { GuardianError, isGuardianError } from '../errors.js';
import { bundleFieldsSigningMessage } from './bundleDigest.js';
import { bundleFieldDigests, fieldListDigest, type BundleFieldDigests } from './bundleFields.js';

/** A producer block that lists the bundle's fields, as the file carries it: nothing in it is believed unchecked. */
export interface FieldListClaim {
  signer: string;
  signature: string;
  /** The safeTxHash the device showed beside the list's digest, part of the text it signed. */
  safeTxHash: string;
  fields: BundleFieldDigests;
}

const claimSchema = z.object({
  signer: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not a 20-byte 0x address'),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'not a 65-byte signature'),
  safeTxHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte 0x hash'),
});
const DIGEST = /^0x[0-9a-fA-F]{64}$/;

/** Whether a file's producer block lists fields: the format signed since, where an older one signed the whole file. */
export function listsFields(json: unknown): boolean {
  const producer = (json as { producer?: unknown } | null)?.producer;
  return typeof producer === 'object' && producer !== null && 'fields' in producer;
}

/** The file's producer block read as a field list claim, refused at the member that has the wrong shape. */
function fieldListClaim(producer: Record<string, unknown>, name: string): FieldListClaim {
  const shapeRefused = (at: string, why: string) =>
    new GuardianError('INVALID_FILE', `${name} is not a Guardian review bundle: producer.${at}: ${why}.`, {
      details: { bundleField: `producer.${at}` },
    });
  const parsed = claimSchema.safeParse(producer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw shapeRefused(String(issue.path[0] ?? ''), issue.message);
  }
  const { fields } = producer;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw shapeRefused('fields', 'not an object of field digests');
  // Own entries only, copied: a key such as __proto__ is one more field here, never the object's prototype.
  const entries = Object.entries(fields as Record<string, unknown>);
  const bad = entries.find(([, digest]) => typeof digest !== 'string' || !DIGEST.test(digest));
  if (bad) throw shapeRefused(`fields[${JSON.stringify(bad[0])}]`, 'not a 32-byte 0x digest');
  return { ...parsed.data, fields: Object.fromEntries(entries) as BundleFieldDigests };
}

/**
 * The signer of a field list: the address its signature recovers to over this list's digest, which must be the
 * one the file names. Any other address means the list or the signature was changed after signing, so not one
 * digest in it can be believed, and the bundle is refused as that, before any field is compared.
 */
function recoverFieldListSigner(claim: FieldListClaim): { signer: string; digest: string } {
  const digest = fieldListDigest(claim.fields);
  let recovered: string;
  try {
    recovered = verifyMessage(bundleFieldsSigningMessage(claim.safeTxHash, digest), claim.signature);
  } catch (error) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `producer.signature: it is not a signature that recovers to any address.`,
      { details: { bundleField: 'producer.signature' }, cause: error },
    );
  }
  const named = getAddress(claim.signer.toLowerCase());
  if (recovered.toLowerCase() !== named.toLowerCase())
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `producer.fields: the field list does not match its signature: it names ${named} as the producer, but the signature recovers to ${recovered} over this list's digest ${digest} (safeTxHash ${claim.safeTxHash}). The list or the signature was changed after signing, so no field of this bundle can be checked against what was signed.`,
      { details: { bundleField: 'producer.fields', named, recovered, digest } },
    );
  return { signer: recovered, digest };
}

/** "a", "a and b", "a, b and c". */
function listed(paths: readonly string[]): string {
  return paths.length < 2 ? (paths[0] ?? '') : `${paths.slice(0, -1).join(', ')} and ${paths.at(-1)}`;
}

/** The fields whose digests differ between the signed list and this file's, and those only one of them has. */
export function differingFields(
  signed: BundleFieldDigests,
  here: BundleFieldDigests,
): { edited: string[]; added: string[]; removed: string[] } {
  const has = (list: BundleFieldDigests, path: string) => Object.hasOwn(list, path);
  const edited = Object.keys(here).filter((p) => has(signed, p) && signed[p]!.toLowerCase() !== here[p]!.toLowerCase());
  const added = Object.keys(here).filter((p) => !has(signed, p));
  const removed = Object.keys(signed).filter((p) => !has(here, p));
  // An empty container is listed as itself (bundleFields.ts); once it holds members, or no longer does, its
  // members are the news, not the container.
  const inside = (container: string, paths: string[]) =>
    paths.some((p) => p.startsWith(`${container}.`) || p.startsWith(`${container}[`));
  return {
    edited,
    added: added.filter((p) => !inside(p, removed)),
    removed: removed.filter((p) => !inside(p, added)),
  };
}

/**
 * A field list's signer, once the file is proven to be what they signed: the signer recovered over the FILE'S
 * list (so the list is the signer's, proven by the signature, never taken on the file's word), then each field's
 * digest computed here and compared with it. A bundle edited after signing is refused naming every field changed,
 * added or removed, so a guardian knows what to look at, where a digest over the whole file could only say that
 * something changed. Whether the signer is an owner is for the caller, once the carried state proves the owners.
 */
export function matchSignedFields(json: object, claim: FieldListClaim): { signer: string; digest: string } {
  const { signer, digest } = recoverFieldListSigner(claim);
  const { edited, added, removed } = differingFields(claim.fields, bundleFieldDigests(json));
  const fields = [...edited, ...added, ...removed];
  if (fields.length === 0) return { signer, digest };
  const clauses = [
    ...(edited.length ? [`${listed(edited)} ${edited.length === 1 ? 'was' : 'were'} edited`] : []),
    ...(added.length ? [`${listed(added)} ${added.length === 1 ? 'was' : 'were'} added`] : []),
    ...(removed.length ? [`${listed(removed)} ${removed.length === 1 ? 'was' : 'were'} removed`] : []),
  ];
  throw new GuardianError(
    'INVALID_SIGNATURE',
    `${clauses.join('; ')} after ${signer} signed the bundle. The signature covers each field's digest, and these fields no longer match what was signed.`,
    { details: { bundleField: fields[0], fields, edited, added, removed, signer } },
  );
}

/**
 * matchSignedFields for a file as read, before anything else is checked of it: whatever else is wrong with an
 * edited file, the fields that differ from what its producer signed are what a guardian needs to hear. Null for a
 * file whose producer lists no fields (unsigned, or signed whole before field lists).
 */
export function checkSignedFields(json: unknown, name: string): FieldListClaim | null {
  if (!listsFields(json)) return null;
  const claim = fieldListClaim((json as { producer: Record<string, unknown> }).producer, name);
  try {
    matchSignedFields(json as object, claim);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    throw new GuardianError(error.code, `${name} is refused: ${error.message} Do not sign from it.`, {
      details: error.details ?? {},
      cause: error,
    });
  }
  return claim;
}
