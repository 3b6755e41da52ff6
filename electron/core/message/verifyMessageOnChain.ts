import { Contract, getBytes, JsonRpcProvider, Network, type JsonRpcApiProvider } from 'ethers';
import { GuardianError } from '../errors.js';
import { decodeRevert } from '../simulate/revertReason.js';
import { encodeSafeSignatures } from '../safe/safeSignature.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import type { Store } from '../store/openStore.js';
import { verifiedMessage, type MessageQuorum, type VerifiedMessage } from './messageQuorum.js';
import { safeMessageHashes } from '../safe/safeMessageHash.js';
import type { StoredSafeMessage } from '../store/storedSafeMessage.js';

/** EIP-1271's magic value (isValidSignature(bytes32,bytes)) and the legacy one (isValidSignature(bytes,bytes)). */
const EIP1271_MAGIC = '0x1626ba7e';
const LEGACY_MAGIC = '0x20c13b0b';

export interface OnChainMessageVerdict {
  valid: boolean;
  /** Which check the Safe's version answers: the fallback handler's EIP-1271 or the singleton's own. */
  method: 'isValidSignature(bytes32,bytes)' | 'isValidSignature(bytes,bytes)';
  /** The packed signatures asked about (the threshold's, ascending by owner), as a dapp would hand them in. */
  signatures: string;
  returned: string | null;
  reason: string | null;
}

/**
 * Asks the Safe itself, on its chain (or a fork of it), whether the collected signatures make the message valid:
 * what a dapp verifying the Safe's signature will do. From 1.3.0 the call goes through the Safe's fallback
 * handler (CompatibilityFallbackHandler); before, the singleton checks it. The chain's id must be the message's.
 */
export async function verifyMessageOnChain(
  provider: JsonRpcApiProvider,
  message: StoredSafeMessage,
  quorum: MessageQuorum,
): Promise<OnChainMessageVerdict> {
  // Asked of the node itself: a provider built with a static network reports whatever it was told.
  let chainId: bigint;
  try {
    chainId = BigInt(String(await provider.send('eth_chainId', [])));
  } catch (cause) {
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `Could not read the chain id of the RPC: ${(cause as Error).message.slice(0, 200)}`,
      { cause },
    );
  }
  if (chainId !== message.chainId) {
    throw new GuardianError(
      'WRONG_CHAIN',
      `The RPC is on chain ${chainId}, but message ${message.safeMessageHash} is for chain ${message.chainId}.`,
      { details: { rpc: chainId.toString(), expected: message.chainId.toString() } },
    );
  }
  if (!quorum.met)
    throw new GuardianError(
      'INVALID_INPUT',
      `Message ${message.safeMessageHash} has ${quorum.signed.length} of ${quorum.threshold} proven signatures: the Safe would refuse it.`,
    );
  const chosen = quorum.signed.slice(0, quorum.threshold);
  const signatures = encodeSafeSignatures(
    chosen.map((s) => ({
      signer: s.owner,
      kind: getBytes(s.signature)[64]! > 30 ? 'eth_sign' : 'eip712',
      data: s.signature,
    })),
  );
  const { dataHash } = safeMessageHashes(message);
  const eip1271 = safeVersionRules(message.safeVersion).messageSignatureCheck === 'fallback-handler-bytes32';
  const method = eip1271 ? 'isValidSignature(bytes32,bytes)' : 'isValidSignature(bytes,bytes)';
  const safe = new Contract(message.safe, [`function ${method} view returns (bytes4)`], provider);
  try {
    const returned = String(await safe.getFunction(method)(dataHash, signatures));
    const valid = returned.toLowerCase() === (eip1271 ? EIP1271_MAGIC : LEGACY_MAGIC);
    return {
      valid,
      method,
      signatures,
      returned,
      reason: valid ? null : `the Safe answered ${returned}, not the magic value`,
    };
  } catch (cause) {
    const data = (cause as { data?: unknown }).data;
    const reason = typeof data === 'string' ? decodeRevert(data).reason : (cause as Error).message;
    if ((cause as { code?: string }).code === 'CALL_EXCEPTION')
      return { valid: false, method, signatures, returned: null, reason: `the Safe reverted: ${reason}` };
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `Could not ask Safe ${message.safe} about message ${message.safeMessageHash}: ${(cause as Error).message.slice(0, 200)}`,
      { cause },
    );
  }
}

/**
 * A stored message with its signatures verified again, and, once the threshold is met and an RPC is known (the
 * one given, else the watched Safe's), the Safe's own verdict on them. Null verdict: nothing to ask yet.
 */
export async function messageWithChainVerdict(
  store: Store,
  hashOrPrefix: string,
  rpcUrl?: string,
): Promise<VerifiedMessage & { onChain: OnChainMessageVerdict | null }> {
  const verified = verifiedMessage(store, hashOrPrefix);
  const { message, quorum } = verified;
  const rpc = rpcUrl ?? store.getWatchedSafe(message.chainId, message.safe)?.rpcUrl ?? null;
  if (!quorum.met || !rpc) return { ...verified, onChain: null };
  const provider = new JsonRpcProvider(rpc, Network.from(message.chainId), { staticNetwork: true });
  try {
    return { ...verified, onChain: await verifyMessageOnChain(provider, message, quorum) };
  } finally {
    provider.destroy();
  }
}
