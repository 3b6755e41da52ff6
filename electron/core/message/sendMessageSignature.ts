import type SafeApiKit from '@safe-global/api-kit';
import { isGuardianError } from '../errors.js';
import type { ServiceCall, ServiceWriter } from './messageServiceApi.js';

export interface MessageSignaturePost {
  safe: string;
  safeMessageHash: string;
  /** The message as the service creates it (text or EIP-712 typed data), for one it does not know yet. */
  content: unknown;
  signature: string;
  /** What each request is called in a failure's message. */
  names: { newMessage: string; signature: string };
}

export interface SentMessageSignature {
  /** Whether the service knew the message already (then the signature was added to it). */
  known: boolean;
  /** False where the service answered 400 to a signature it may already hold: the read-back settles it. */
  posted: boolean;
  /** The message as the service serves it after the post, for the caller to check it kept the signature. */
  served: Awaited<ReturnType<SafeApiKit['getMessage']>>;
}

/**
 * One signature of a Safe message posted: the message created with it where the service does not know it yet,
 * else the signature added to it; then the message read back. The one way a signature reaches the service's
 * message endpoints, for a team Safe's message and for an owner Safe's message in a nested signing.
 */
export async function sendMessageSignature(
  api: SafeApiKit,
  call: ServiceCall,
  writer: ServiceWriter,
  post: MessageSignaturePost,
): Promise<SentMessageSignature> {
  const hash = post.safeMessageHash;
  const known = await call('the message request', () => api.getMessage(hash)).then(
    () => true,
    (error: unknown) => {
      if (isGuardianError(error) && error.details?.['status'] === 404) return false;
      throw error;
    },
  );
  let posted = true;
  if (!known)
    await writer.send(post.names.newMessage, () =>
      writer.api.addMessage(post.safe, { message: post.content as never, signature: post.signature }),
    );
  else {
    try {
      await writer.send(post.names.signature, () => writer.api.addMessageSignature(hash, post.signature));
    } catch (error) {
      // A 400 for a signature the service already holds is settled by reading the message back.
      if (!isGuardianError(error) || error.details?.['status'] !== 400) throw error;
      posted = false;
    }
  }
  const served = await call('the message request', () => api.getMessage(hash));
  return { known, posted, served };
}
