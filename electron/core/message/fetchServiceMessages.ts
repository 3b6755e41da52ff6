import { getAddress, isAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { firstIssue } from '../queue/serviceSchemas.js';
import { toSafeInfo } from '../queue/fetchServiceQueue.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { withMessageService } from './messageServiceApi.js';
import {
  claimedMessageHash,
  serviceMessagePageSchema,
  serviceMessageToStored,
  type ServiceMessageContext,
} from './serviceMessage.js';
import type { StoredSafeMessage } from '../store/storedSafeMessage.js';

export interface FetchServiceMessagesOptions {
  serviceUrl: string;
  chainId: bigint;
  safe: string;
  timeoutMs?: number;
  /** More messages than this is not something a guardian reviews: refused as hostile or broken. */
  maxMessages?: number;
}

export interface RejectedMessage {
  claimedSafeMessageHash?: string;
  error: GuardianError;
}

export interface ServiceMessages {
  safeInfo: SafeInfo;
  messages: StoredSafeMessage[];
  /** Messages refused whole (malformed, another Safe's, a hash that disagrees) and signatures dropped from the others. */
  rejected: RejectedMessage[];
}

const PAGE_SIZE = 100;

/**
 * A Safe's off-chain messages, pulled through the real api-kit (getSafeInfo, getMessages page by page), each
 * one's messageHash recomputed here under the Safe's domain and version, and each signature proven to an owner.
 */
export async function fetchServiceMessages(options: FetchServiceMessagesOptions): Promise<ServiceMessages> {
  if (!isAddress(options.safe)) throw new GuardianError('INVALID_INPUT', `"${options.safe}" is not a Safe address.`);
  const safe = getAddress(options.safe.toLowerCase());
  const { serviceUrl, chainId } = options;
  const maxMessages = options.maxMessages ?? 500;
  return withMessageService(options, async (api, call) => {
    const safeInfo = toSafeInfo(await call('the Safe info request', () => api.getSafeInfo(safe)), chainId, safe);
    const raws: unknown[] = [];
    for (let offset = 0; ;) {
      const raw = await call('the messages request', () => api.getMessages(safe, { limit: PAGE_SIZE, offset }));
      const page = serviceMessagePageSchema.safeParse(raw);
      if (!page.success)
        throw new GuardianError(
          'SERVICE_BAD_RESPONSE',
          `The Transaction Service sent a malformed message list (${firstIssue(page.error)}).`,
          { cause: page.error },
        );
      raws.push(...page.data.results);
      if (raws.length > maxMessages || page.data.count > maxMessages) {
        throw new GuardianError(
          'SERVICE_BAD_RESPONSE',
          `The Transaction Service lists ${Math.max(raws.length, page.data.count)} messages; more than ${maxMessages} is refused as hostile or broken.`,
        );
      }
      if (!page.data.next || page.data.results.length === 0) break;
      offset += page.data.results.length;
    }
    const ctx: ServiceMessageContext = {
      chainId,
      safe,
      safeVersion: safeInfo.version,
      owners: safeInfo.owners,
      source: { kind: 'service', url: serviceUrl },
      claimedBy: 'The Transaction Service',
      malformedCode: 'SERVICE_BAD_RESPONSE',
      signatureOrigin: 'service',
      fetchedAt: new Date().toISOString(),
    };
    const messages: StoredSafeMessage[] = [];
    const rejected: RejectedMessage[] = [];
    for (const raw of raws) {
      const claimed = claimedMessageHash(raw);
      const label = claimed ? { claimedSafeMessageHash: claimed } : {};
      try {
        const { message, refusedSignatures } = serviceMessageToStored(raw, ctx);
        if (messages.some((m) => m.safeMessageHash === message.safeMessageHash))
          throw new GuardianError(
            'SERVICE_BAD_RESPONSE',
            `The Transaction Service listed message ${message.safeMessageHash} twice.`,
          );
        messages.push(message);
        for (const error of refusedSignatures) rejected.push({ ...label, error });
      } catch (error) {
        if (!isGuardianError(error)) throw error;
        rejected.push({ ...label, error });
      }
    }
    return { safeInfo, messages, rejected };
  });
}
