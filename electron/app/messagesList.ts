import { GuardianError } from '../core/errors.js';
import { verifiedMessage } from '../core/message/messageQuorum.js';
import { messageWarnings } from '../core/message/messageWarnings.js';
import { pullMessages } from '../core/message/pullMessages.js';
import { describeContent } from '../core/safe/safeMessage.js';
import { safeMessageHashes } from '../core/safe/safeMessageHash.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/**
 * messages.list: every stored Safe message (after pulling each watched Safe's, when asked), its hashes as the
 * device shows them, its warnings, and the signatures proven here. What `guardian message list` prints.
 */
export async function messagesList(store: Store, pull: boolean): Promise<Response<'messages.list'>> {
  const watched = pull ? store.readWatchedSafes() : { safes: [], damaged: [] };
  const outcomes = await Promise.all(watched.safes.map((safe) => pullMessages(store, safe)));
  const { messages } = store.listSafeMessages();
  return {
    messages: messages.map((m) => {
      let quorum = null;
      try {
        quorum = verifiedMessage(store, m.safeMessageHash).quorum;
      } catch (error) {
        // The Safe's owners are not known here (or its version moved on): listed, not counted.
        if (!(error instanceof GuardianError)) throw error;
      }
      const hashes = safeMessageHashes(m);
      return {
        safeMessageHash: m.safeMessageHash,
        claimedSafeMessageHash: m.claimedSafeMessageHash,
        chainId: m.chainId.toString(),
        safe: m.safe,
        kind: typeof m.content === 'string' ? ('eip191' as const) : ('eip712' as const),
        description: describeContent(m.content),
        domainHash: hashes.domainHash,
        messageHash: hashes.messageHash,
        warnings: messageWarnings(m),
        signed: quorum?.signed.map((s) => s.owner) ?? [],
        refused: quorum?.refused ?? [],
        threshold: quorum?.threshold ?? null,
      };
    }),
    refused: outcomes.flatMap((o) =>
      o.rejected.map((r) => ({
        safe: `${o.safe.chainId}:${o.safe.address}`,
        claimedSafeMessageHash: r.claimedSafeMessageHash ?? null,
        reason: r.error.message,
      })),
    ),
    // A watched-Safe row that does not read back was not pulled: named as a failure of its own, by its key.
    failures: [
      ...watched.damaged.map((e) => ({ safe: String(e.details?.['key'] ?? '?'), reason: e.message })),
      ...outcomes.flatMap((o) =>
        o.failure ? [{ safe: `${o.safe.chainId}:${o.safe.address}`, reason: o.failure.message }] : [],
      ),
    ],
  };
}
