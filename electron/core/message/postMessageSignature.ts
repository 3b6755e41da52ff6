import { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import { withMessageService } from './messageServiceApi.js';
import { verifiedMessage } from './messageQuorum.js';
import { serviceMessageToStored } from './serviceMessage.js';
import { sendMessageSignature } from './sendMessageSignature.js';

export interface MessagePostOutcome {
  /** False when the service already held this owner's signature. */
  posted: boolean;
  /** Whether the message was new to the service (one imported from a file) and was created with this signature. */
  created: boolean;
  /** Signatures of other owners the service holds, proven here and stored. */
  learned: number;
}

/**
 * Sends one stored owner's signature of a message to the Transaction Service (api-kit addMessageSignature, or
 * addMessage when the service does not know the message yet), then reads the message back (getMessage), its hash
 * recomputed here, to see that the service counts it and to keep the other owners' proven signatures. The
 * signature is on disk already; a failure loses nothing and can be retried.
 */
export async function postMessageSignature(
  store: Store,
  options: { serviceUrl: string; safeMessageHash: string; owner: string; timeoutMs?: number },
): Promise<MessagePostOutcome> {
  // Verified again as read: a row edited on disk, or a signature that no longer proves an owner, is never sent.
  const { message, safeInfo, quorum } = verifiedMessage(store, options.safeMessageHash);
  const mine = quorum.signed.find((s) => s.owner.toLowerCase() === options.owner.toLowerCase());
  if (!mine) {
    const refused = quorum.refused.find((r) => r.owner.toLowerCase() === options.owner.toLowerCase());
    if (refused)
      throw new GuardianError(
        'INVALID_SIGNATURE',
        `The stored signature of ${refused.owner} is refused, so it is not posted: ${refused.reason}`,
      );
    throw new GuardianError(
      'NOT_FOUND',
      `No stored signature of ${options.owner} for message ${message.safeMessageHash}.`,
    );
  }
  const hash = message.safeMessageHash;
  return withMessageService(
    {
      serviceUrl: options.serviceUrl,
      chainId: message.chainId,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    async (api, call, writer) => {
      const { known, posted, served } = await sendMessageSignature(api, call, writer, {
        safe: message.safe,
        safeMessageHash: hash,
        content: message.content,
        signature: mine.signature,
        names: { newMessage: 'the new message', signature: 'the message signature' },
      });
      const { message: read } = serviceMessageToStored(served, {
        chainId: message.chainId,
        safe: message.safe,
        safeVersion: safeInfo.version,
        owners: safeInfo.owners,
        source: { kind: 'service', url: options.serviceUrl },
        claimedBy: 'The Transaction Service',
        malformedCode: 'SERVICE_BAD_RESPONSE',
        signatureOrigin: 'service',
        fetchedAt: new Date().toISOString(),
      });
      if (read.safeMessageHash !== hash)
        throw new GuardianError(
          'HASH_MISMATCH',
          `The Transaction Service answered for message ${hash} with message ${read.safeMessageHash}.`,
        );
      if (!read.signatures.some((s) => s.owner === mine.owner)) {
        throw new GuardianError(
          'SERVICE_BAD_RESPONSE',
          `The Transaction Service did not keep the signature of ${mine.owner} on message ${hash}. It is kept on this machine; post it again later.`,
        );
      }
      let learned = 0;
      store.transaction(() => {
        for (const s of read.signatures) if (s.owner !== mine.owner && store.addMessageSignature(hash, s)) learned++;
        store.appendAudit({
          kind: 'message-posted',
          actor: mine.owner,
          details: { safeMessageHash: hash, service: options.serviceUrl, created: !known },
        });
      });
      return { posted: posted || !known, created: !known, learned };
    },
  );
}
