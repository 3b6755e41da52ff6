import { getAddress } from 'ethers';
import { z } from 'zod';
import { GuardianError, isGuardianError } from '../errors.js';
import type { Confirmation } from '../safe/confirmation.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxFromJson, safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifyOwnerSignature } from '../safe/verifySafeSignatures.js';
import { parseCarriedState, verifyCarriedState, type CarriedState } from '../simulate/replaySimulation.js';
import { safeConfig } from '../simulate/safeConfigView.js';
import type { StateView } from '../primitives/simulationTypes.js';
import { leavingConfirmations, verifiedConfirmations } from './verifiedConfirmations.js';
import type { Store } from '../store/openStore.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';
import { checkBundleProducer, type BundleProducer, type BundleProducerClaim } from './bundleProducer.js';
import { carriedStateField } from './carriedStateField.js';
import { checkSignedFields } from './signedBundleFields.js';
import { claimedHashMismatch } from './claimedHashMismatch.js';

export const REVIEW_BUNDLE_FORMAT = 'guardian-review-bundle';

/**
 * Everything an air-gapped station needs to review and sign one transaction with no network: the transaction,
 * the Safe as it stood (owners, threshold, nonce, version), the signatures collected so far, the pre-state its
 * simulation touched with the proofs of it (replayed there in a fresh anvil), and the ABIs registered for its chain.
 */
export interface ReviewBundle {
  safeTx: SafeTx;
  claimedSafeTxHash: string | null;
  safe: SafeInfo;
  confirmations: Confirmation[];
  carried: CarriedState;
  abis: Array<{ address: string; name: string | null; abi: unknown[] }>;
  /** The file's own word on who exported it, until checkedReviewBundle turns it into `producer`. */
  producerClaim?: BundleProducerClaim;
  /** Who produced it, as this station established it (checkedReviewBundle only). */
  producer?: BundleProducer;
  /** The file as read, for the digest its producer signed. */
  json?: object;
}

/**
 * A refusal that names the bundle's field first, then why: `field` is a path in the file as a guardian opens
 * it (safeTx.value, confirmations[1], carried.prestate[0x…].storage[0x…]), kept in details for the audit log.
 */
function refusedAt(field: string, name: string, error: GuardianError): GuardianError {
  return new GuardianError(
    error.code,
    `${name} is refused: ${field}: ${error.message}${/Do not sign/.test(error.message) ? '' : ' Do not sign from it.'}`,
    { details: { ...(error.details ?? {}), bundleField: field }, cause: error },
  );
}

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const bundleSchema = z.object({
  format: z.literal(REVIEW_BUNDLE_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  safeTx: z.unknown(),
  claimedSafeTxHash: hex32.nullable(),
  safe: z.object({
    owners: z.array(address).min(1),
    threshold: z.number().int().min(1),
    nonce: z.string().regex(/^[0-9]+$/),
    version: z.string().min(1),
  }),
  confirmations: z.array(
    z.object({
      owner: address,
      signature: z.string().refine((s) => s.length > 2 && isWholeByteHex(s), 'not whole-byte 0x hex'),
      signatureType: z.string().optional(),
      submittedAt: z.string().optional(),
    }),
  ),
  carried: z.unknown(),
  abis: z.array(z.object({ address, name: z.string().nullable(), abi: z.array(z.unknown()) })),
  producer: z
    .object({ signer: address, signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'not a 65-byte signature') })
    .optional(),
});

/** The bundle of a stored transaction, with the pre-state a review on a fork carried (review with carry, with proofs). */
export async function reviewBundle(store: Store, hash: string, carried: CarriedState): Promise<ReviewBundle> {
  // Verified again as read: a refused signature (edited on disk, not an owner's) never travels to the station.
  const verified = await verifiedConfirmations(store, hash);
  const { item } = verified;
  const safe = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
  if (!safe)
    throw new GuardianError(
      'INVALID_INPUT',
      `Safe ${item.safeTx.chainId}:${item.safeTx.safe} has not been pulled on this machine: its owners are unknown, so no bundle can carry them.`,
    );
  const abis = store.listAbis(item.safeTx.chainId).map((a) => ({ address: a.address, name: a.name, abi: a.abi }));
  const confirmations = leavingConfirmations(verified).map(({ origin: _origin, ...c }) => c);
  return { safeTx: item.safeTx, claimedSafeTxHash: item.claimedSafeTxHash, safe, confirmations, carried, abis };
}

/** The bundle as a file holds it: JSON, bigints as decimal text. */
export function reviewBundleJson(bundle: ReviewBundle): object {
  const { safe } = bundle;
  return {
    format: REVIEW_BUNDLE_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    safeTx: safeTxToJson(bundle.safeTx),
    claimedSafeTxHash: bundle.claimedSafeTxHash,
    safe: { owners: safe.owners, threshold: safe.threshold, nonce: safe.nonce.toString(), version: safe.version },
    confirmations: bundle.confirmations,
    carried: bundle.carried,
    abis: bundle.abis,
  };
}

/**
 * A bundle read on the air-gapped station, trusted only as far as this machine can check it: every field's
 * shape, the safeTxHash recomputed here (a claim that disagrees refuses the whole bundle), and every carried
 * signature recovered to the owner it names, over that hash. The pre-state's proofs are checked on replay.
 * A bundle whose producer signed its field list is compared with that list first: whatever else is wrong with
 * an edited file, the fields that differ from what its producer signed are what a guardian needs to hear.
 */
export function parseReviewBundle(json: unknown, name: string): ReviewBundle {
  const fieldList = checkSignedFields(json, name);
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = fieldPath(issue?.path ?? []);
    throw new GuardianError('INVALID_FILE', `${name} is not a Guardian review bundle: ${field}: ${issue?.message}.`, {
      details: { bundleField: field },
    });
  }
  const b = parsed.data;
  let safeTx: SafeTx;
  try {
    safeTx = safeTxFromJson(b.safeTx, `${name} safeTx`);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    throw new GuardianError(error.code, error.message, {
      details: { ...(error.details ?? {}), bundleField: 'safeTx' },
      cause: error,
    });
  }
  const computed = safeTxHash(safeTx);
  if (b.claimedSafeTxHash !== null && b.claimedSafeTxHash.toLowerCase() !== computed.toLowerCase())
    throw claimedHashMismatch(
      name,
      safeTx,
      b.claimedSafeTxHash,
      computed,
      fieldList ? 'fields' : b.producer ? 'whole' : 'none',
    );
  const owners = b.safe.owners.map((o) => getAddress(o.toLowerCase()));
  b.confirmations.forEach((c, i) => {
    const field = `confirmations[${i}] (${getAddress(c.owner.toLowerCase())})`;
    if (!owners.some((o) => o.toLowerCase() === c.owner.toLowerCase()))
      throw refusedAt(
        field,
        name,
        new GuardianError('SIGNER_NOT_OWNER', `the signer is not among the owners of safe.owners.`, {
          details: { owner: c.owner },
        }),
      );
    try {
      verifyOwnerSignature(computed, c.signature, c.owner);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      const recovered = error.details?.['recovered'];
      throw refusedAt(
        field,
        name,
        typeof recovered === 'string'
          ? new GuardianError(
              error.code,
              `recovers to ${recovered}, not to the owner it names, over safeTxHash ${computed}.`,
              { details: error.details ?? {} },
            )
          : error,
      );
    }
  });
  return {
    safeTx,
    claimedSafeTxHash: b.claimedSafeTxHash,
    safe: {
      chainId: safeTx.chainId,
      address: safeTx.safe,
      owners,
      threshold: b.safe.threshold,
      nonce: BigInt(b.safe.nonce),
      version: b.safe.version,
    },
    confirmations: b.confirmations.map((c) => ({ ...c, owner: getAddress(c.owner.toLowerCase()) })),
    carried: parsedCarried(b.carried, name),
    abis: b.abis,
    // The field list as checkSignedFields read it: the schema knows only the members both formats share.
    ...(fieldList ? { producerClaim: fieldList } : b.producer ? { producerClaim: b.producer } : {}),
    json: json as object,
  };
}

/** zod's issue path as the file's own notation: confirmations[1].owner. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.reduce<string>(
      (at, key) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)),
      '',
    ) || '(root)'
  );
}

function parsedCarried(carried: unknown, name: string): CarriedState {
  try {
    return parseCarriedState(carried);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    // parseCarriedState names the path inside the carried state; the file's path starts at carried.
    const inner = /^Not a carried simulation state: ([^:]*):/.exec(error.message)?.[1] ?? '';
    throw refusedAt(inner && inner !== '(root)' ? `carried.${inner}` : 'carried', name, error);
  }
}

/** The carried pre-state as a state view: only what it holds, and refused where it holds nothing. */
function carriedView(carried: CarriedState, name: string): StateView {
  const accounts = new Map(Object.entries(carried.prestate).map(([a, s]) => [a.toLowerCase(), s]));
  const missing = (what: string) =>
    new GuardianError(
      'INVALID_FILE',
      `${name}'s pre-state does not hold ${what}: the Safe's owners cannot be read from it.`,
    );
  return {
    async storage(address, slot) {
      const storage = accounts.get(address.toLowerCase())?.storage ?? {};
      const value = Object.entries(storage).find(([s]) => BigInt(s) === BigInt(slot))?.[1];
      if (value === undefined) throw missing(`slot ${slot} of ${address}`);
      return `0x${value.replace(/^0x/, '').padStart(64, '0')}`;
    },
    code: () => Promise.reject(missing('code')),
    call: () => Promise.reject(missing('calls')),
  };
}

/** The owners and threshold the carried storage holds: the Safe's own slots, its owner list walked from the sentinel. */
async function carriedOwners(bundle: ReviewBundle, name: string): Promise<{ owners: string[]; threshold: number }> {
  const config = await safeConfig(carriedView(bundle.carried, name), bundle.safeTx.safe);
  return { owners: config['Safe owners'].split(', '), threshold: Number(config['Safe threshold']) };
}

/**
 * The owners and threshold the bundle lists must be those its pre-state holds, the state its review runs on,
 * which the proofs tie to the block.
 */
function checkOwnersAgainstState(
  bundle: ReviewBundle,
  state: { owners: string[]; threshold: number },
  name: string,
): void {
  // As sets: a list in another order names the same owners.
  const sorted = (owners: readonly string[]) =>
    owners
      .map((o) => o.toLowerCase())
      .sort()
      .join(', ');
  const listed = bundle.safe.owners.map((o) => o.toLowerCase()).join(', ');
  const sameOwners = sorted(state.owners) === sorted(bundle.safe.owners);
  if (!sameOwners || state.threshold !== bundle.safe.threshold) {
    const field = sameOwners ? 'safe.threshold' : 'safe.owners';
    throw new GuardianError(
      'INVALID_FILE',
      `${name} is refused: ${field}: the bundle lists owners ${listed} and threshold ${bundle.safe.threshold}, but the Safe's storage it carries holds ${state.owners.join(', ')} and threshold ${state.threshold}. Do not sign from it.`,
      { details: { bundleField: field } },
    );
  }
}

/**
 * parseReviewBundle, then the pre-state's block header checked against its block hash, its proofs against that
 * block's state root (every account and slot, but the few this station's own simulation sets), and the listed
 * owners and threshold against the storage they prove: what an air-gapped station imports. A bundle with no
 * proofs is refused: what it says of the Safe would be believed on its word. The block's number and hash are
 * for a guardian to compare with a second source.
 */
export async function checkedReviewBundle(json: unknown, name: string): Promise<ReviewBundle> {
  const bundle = parseReviewBundle(json, name);
  // The station's own approved-hash slots derive from the owners the carried storage holds, which the proofs
  // then vouch for; the listed owners must equal them after. Deriving them from the list instead would refuse an
  // edited list as some slot's proof, naming the wrong field.
  const state = await carriedOwners(bundle, name);
  let verdict: 'proven' | 'unproven';
  try {
    verdict = verifyCarriedState(bundle.carried, { tx: bundle.safeTx, ...state });
  } catch (error) {
    if (!isGuardianError(error, 'STATE_PROOF_INVALID')) throw error;
    throw refusedAt(carriedStateField(error.details), name, error);
  }
  if (verdict !== 'proven')
    throw new GuardianError(
      'STATE_PROOF_INVALID',
      `${name} is refused: carried.proofs: the bundle carries no state proofs: the Safe's owners, threshold and every other value in it would be taken on the file's word. Export it again from an RPC that answers eth_getProof.`,
      { details: { bundleField: 'carried.proofs' } },
    );
  checkOwnersAgainstState(bundle, state, name);
  // Only now are the listed owners the proven ones, so only now can the producer be called an owner.
  let producer: BundleProducer;
  try {
    producer = checkBundleProducer(
      bundle.json ?? {},
      safeTxHash(bundle.safeTx),
      bundle.producerClaim,
      bundle.safe.owners,
    );
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    throw new GuardianError(error.code, `${name} is refused: ${error.message} Do not sign from it.`, {
      details: error.details ?? {},
      cause: error,
    });
  }
  return { ...bundle, producer };
}

/** Stores a checked bundle on the air-gapped station, with its audit entry, all of it or nothing. */
export function importReviewBundle(store: Store, bundle: ReviewBundle, name: string): QueueItem {
  const item: QueueItem = {
    safeTx: bundle.safeTx,
    safeTxHash: safeTxHash(bundle.safeTx),
    claimedSafeTxHash: bundle.claimedSafeTxHash,
    source: { kind: 'bundle', path: name },
    confirmations: bundle.confirmations,
    fetchedAt: new Date().toISOString(),
  };
  store.transaction(() => {
    // Listed like any watched Safe, with no service and no RPC: this station reaches neither.
    if (!store.getWatchedSafe(bundle.safeTx.chainId, bundle.safeTx.safe))
      store.addWatchedSafe({
        chainId: bundle.safeTx.chainId,
        address: bundle.safeTx.safe,
        serviceUrl: null,
        rpcUrl: null,
        label: null,
      });
    store.saveSafeInfo(bundle.safe);
    for (const abi of bundle.abis)
      store.saveAbi({ chainId: bundle.safeTx.chainId, address: abi.address, name: abi.name, abi: abi.abi });
    store.saveQueueItems([item], 'bundle');
    // What the review and the signing gate replay on this station, with no network.
    store.keepCarriedState(item.safeTxHash, bundle.carried);
    store.appendAudit({
      kind: 'import',
      safeTxHash: item.safeTxHash,
      details: {
        file: name,
        kind: 'review-bundle',
        producer: bundle.producer?.status === 'owner' ? bundle.producer.signer : null,
        digest: bundle.producer?.digest ?? null,
        block: bundle.carried.block.number,
        blockHash: bundle.carried.header?.hash ?? null,
        proofs: bundle.carried.proofs !== null,
      },
    });
  });
  return item;
}
