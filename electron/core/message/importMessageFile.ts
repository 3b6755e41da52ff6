import { getAddress, isAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { readJsonFile } from '../input/jsonFile.js';
import type { Store } from '../store/openStore.js';
import type { RejectedMessage } from './fetchServiceMessages.js';
import { claimedMessageHash, serviceMessageToStored } from './serviceMessage.js';
import type { StoredSafeMessage } from '../store/storedSafeMessage.js';

export interface MessageFileImport {
  stored: StoredSafeMessage[];
  rejected: RejectedMessage[];
}

/** The entries a file holds: one message, an array of them, or a page as the service lists them. */
function entriesOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  const results = (json as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? results : [json];
}

/** The watched Safe a file's message belongs to: its `safe` (and `chainId` where it says), known on this machine. */
function safeOf(store: Store, raw: unknown, path: string): { chainId: bigint; address: string } {
  const r = (raw ?? {}) as { safe?: unknown; chainId?: unknown };
  if (typeof r.safe !== 'string' || !isAddress(r.safe))
    throw new GuardianError('INVALID_FILE', `A message in ${path} does not name its Safe ("safe": "0x…").`);
  const address = getAddress(r.safe.toLowerCase());
  const candidates = store
    .listWatchedSafes()
    .filter((w) => w.address === address && (r.chainId === undefined || String(r.chainId) === w.chainId.toString()));
  if (candidates.length === 0)
    throw new GuardianError(
      'NOT_FOUND',
      `Safe ${address} is not watched here; add it first (guardian safe add <chainId>:${address} …).`,
    );
  if (candidates.length > 1)
    throw new GuardianError(
      'INVALID_FILE',
      `Safe ${address} is watched on several chains; the message in ${path} must say which ("chainId").`,
    );
  return { chainId: candidates[0]!.chainId, address };
}

/**
 * Stores the messages a file carries (the service's JSON, or `{ "safe", "message" }` alone), each hashed here
 * under its Safe's stored version, a claimed messageHash refused when it disagrees, and signatures kept only
 * when they prove an owner's. The Safe must be watched and pulled: its version and owners come from here.
 */
export function importMessageFile(store: Store, path: string): MessageFileImport {
  const stored: StoredSafeMessage[] = [];
  const rejected: RejectedMessage[] = [];
  for (const raw of entriesOf(readJsonFile(path))) {
    const claimed = claimedMessageHash(raw);
    const label = claimed ? { claimedSafeMessageHash: claimed } : {};
    try {
      const { chainId, address } = safeOf(store, raw, path);
      const info = store.getSafeInfo(chainId, address);
      if (!info)
        throw new GuardianError(
          'NOT_FOUND',
          `The state of Safe ${address} is not known here (its version and owners): pull it first (guardian queue).`,
        );
      const { message, refusedSignatures } = serviceMessageToStored(raw, {
        chainId,
        safe: address,
        safeVersion: info.version,
        owners: info.owners,
        source: { kind: 'file', path },
        claimedBy: `The file ${path}`,
        malformedCode: 'INVALID_FILE',
        signatureOrigin: 'file',
        fetchedAt: new Date().toISOString(),
      });
      stored.push(message);
      for (const error of refusedSignatures) rejected.push({ ...label, error });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      rejected.push({ ...label, error });
    }
  }
  store.transaction(() => {
    store.saveSafeMessages(stored);
    store.appendAudit({
      kind: 'message-import',
      details: {
        file: path,
        stored: stored.map((m) => m.safeMessageHash),
        rejected: rejected.map((r) => ({
          claimed: r.claimedSafeMessageHash,
          code: r.error.code,
          message: r.error.message,
        })),
      },
    });
  });
  return { stored, rejected };
}
