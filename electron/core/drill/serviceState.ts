import { getAddress, ZeroAddress } from 'ethers';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxJsonSchema, safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifyOwnerSignature } from '../safe/verifySafeSignatures.js';
import { checkMessageSignature } from '../message/messageSignature.js';
import type { SafeMessageContent } from '../safe/safeMessage.js';
import { safeMessageHash } from '../safe/safeMessageHash.js';
import { encodeSafeSignatures } from '../safe/safeSignature.js';

/** A multisig transaction as the service serves it (v2 shape, camelCase); tests may tamper with any field. */
export type ServiceTransactionJson = Record<string, unknown> & {
  safeTxHash: string;
  confirmations: Array<Record<string, unknown>>;
};

export interface ServiceSafe {
  /** GET /v1/safes/{address}/ as served (SafeInfoResponseSerializer). */
  info: Record<string, unknown>;
  /** Every multisig transaction of this Safe, newest last; executed ones are kept but not listed as pending. */
  transactions: ServiceTransactionJson[];
  /** Off-chain messages (SafeMessageResponseSerializer), oldest first. */
  messages: ServiceMessageJson[];
  chainId?: bigint;
}

/** A Safe message as the service serves it (camelCase, as api-kit hands it over); tests may tamper with any field. */
export type ServiceMessageJson = Record<string, unknown> & {
  messageHash: string;
  confirmations: Array<Record<string, unknown>>;
};

export interface SafeSetup {
  address: string;
  owners: string[];
  threshold: number;
  nonce: bigint;
  version: string | null;
  chainId?: bigint;
}

export interface ConfirmationSetup {
  owner: string;
  signature: string | null;
  signatureType?: string;
}

/** What the loopback service knows, keyed by lower-case Safe address. Tests read and edit it directly. */
export interface LoopbackState {
  safes: Map<string, ServiceSafe>;
  /** The chain GET /v1/about/ethereum-rpc/ reports; learned from setSafe/addMultisigTx when not given. */
  chainId: bigint | undefined;
}

const now = () => new Date().toISOString();

export function setSafe(state: LoopbackState, setup: SafeSetup): ServiceSafe {
  const address = getAddress(setup.address.toLowerCase());
  const existing = state.safes.get(address.toLowerCase());
  const entry: ServiceSafe = {
    info: {
      address,
      nonce: setup.nonce.toString(),
      threshold: setup.threshold,
      owners: setup.owners.map((o) => getAddress(o.toLowerCase())),
      masterCopy: '0x41675C099F32341bf84BFc5382aF534df5C7461a',
      modules: [],
      fallbackHandler: '0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99',
      guard: ZeroAddress,
      moduleGuard: ZeroAddress,
      version: setup.version,
    },
    transactions: existing?.transactions ?? [],
    messages: existing?.messages ?? [],
  };
  const chainId = setup.chainId ?? existing?.chainId;
  if (chainId !== undefined) entry.chainId = chainId;
  state.chainId ??= chainId;
  state.safes.set(address.toLowerCase(), entry);
  return entry;
}

export function servedConfirmation(c: ConfirmationSetup): Record<string, unknown> {
  return {
    owner: getAddress(c.owner.toLowerCase()),
    submissionDate: now(),
    transactionHash: null,
    signature: c.signature,
    signatureType: c.signatureType ?? 'EOA',
  };
}

/** A SafeTx in the service's v2 response shape, its safeTxHash computed by the core as the real service would. */
export function servedTransaction(
  tx: SafeTx,
  threshold: number,
  extra: { confirmations?: ConfirmationSetup[]; proposer?: string; origin?: string } = {},
): ServiceTransactionJson {
  const json = safeTxToJson(tx);
  return {
    safe: json.safe,
    to: json.to,
    value: json.value,
    data: json.data === '0x' ? null : json.data,
    operation: json.operation,
    gasToken: json.gasToken,
    safeTxGas: json.safeTxGas,
    baseGas: json.baseGas,
    gasPrice: json.gasPrice,
    refundReceiver: json.refundReceiver,
    nonce: json.nonce,
    executionDate: null,
    submissionDate: now(),
    modified: now(),
    blockNumber: null,
    transactionHash: null,
    safeTxHash: safeTxHash(tx),
    proposer: extra.proposer ? getAddress(extra.proposer.toLowerCase()) : null,
    proposedByDelegate: null,
    executor: null,
    isExecuted: false,
    isSuccessful: null,
    ethGasPrice: null,
    maxFeePerGas: null,
    maxPriorityFeePerGas: null,
    gasUsed: null,
    fee: null,
    payment: null,
    origin: extra.origin ?? '{}',
    dataDecoded: null,
    confirmationsRequired: threshold,
    confirmations: (extra.confirmations ?? []).map(servedConfirmation),
    trusted: true,
    signatures: null,
  };
}

export function addMultisigTx(
  state: LoopbackState,
  tx: SafeTx,
  extra: { confirmations?: ConfirmationSetup[]; proposer?: string } = {},
): ServiceTransactionJson {
  const entry = state.safes.get(tx.safe.toLowerCase());
  if (!entry) throw new Error(`setSafe(${tx.safe}) first`);
  entry.chainId ??= tx.chainId;
  state.chainId ??= tx.chainId;
  const served = servedTransaction(tx, Number(entry.info['threshold']), extra);
  entry.transactions.push(served);
  return served;
}

export function findTransaction(state: LoopbackState, hash: string): ServiceTransactionJson | undefined {
  return [...state.safes.values()]
    .flatMap((s) => s.transactions)
    .find((t) => t.safeTxHash.toLowerCase() === hash.toLowerCase());
}

/** Which owner of the transaction's Safe the signature recovers to over its hash, as the service checks it. */
export function signingOwner(state: LoopbackState, tx: ServiceTransactionJson, signature: string): string | undefined {
  const owners = (state.safes.get(String(tx['safe']).toLowerCase())?.info['owners'] as string[] | undefined) ?? [];
  return owners.find((owner) => {
    try {
      verifyOwnerSignature(tx.safeTxHash, signature, owner);
      return true;
    } catch {
      return false;
    }
  });
}

export type ProposalOutcome =
  { ok: true; served: ServiceTransactionJson } | { ok: false; status: number; body: Record<string, unknown> };

/**
 * POST /v2/safes/{address}/multisig-transactions/ as the service validates it (SafeMultisigTransactionSerializer):
 * the contractTransactionHash must be what the fields hash to, the sender an owner, the signature the sender's.
 */
export function acceptProposal(
  state: LoopbackState,
  safeAddress: string,
  body: Record<string, unknown>,
): ProposalOutcome {
  const entry = state.safes.get(safeAddress.toLowerCase());
  if (!entry) return { ok: false, status: 404, body: { detail: 'Not found.' } };
  const chainId = entry.chainId ?? state.chainId;
  if (chainId === undefined)
    return {
      ok: false,
      status: 400,
      body: { nonFieldErrors: ["The loopback service does not know this Safe's chain: pass chainId to setSafe"] },
    };
  const parsed = safeTxJsonSchema().safeParse({
    chainId: chainId.toString(),
    safe: safeAddress,
    safeVersion: String(entry.info['version']),
    to: body['to'],
    value: String(body['value'] ?? ''),
    data: body['data'] ?? '0x',
    operation: body['operation'],
    safeTxGas: String(body['safeTxGas'] ?? '0'),
    baseGas: String(body['baseGas'] ?? '0'),
    gasPrice: String(body['gasPrice'] ?? '0'),
    gasToken: body['gasToken'] ?? ZeroAddress,
    refundReceiver: body['refundReceiver'] ?? ZeroAddress,
    nonce: String(body['nonce'] ?? ''),
  });
  if (!parsed.success) return { ok: false, status: 400, body: { nonFieldErrors: [parsed.error.issues[0]!.message] } };
  const hash = safeTxHash(parsed.data);
  if (hash.toLowerCase() !== String(body['contractTransactionHash']).toLowerCase()) {
    return {
      ok: false,
      status: 422,
      body: {
        nonFieldErrors: [
          `Contract-transaction-hash=${hash} does not match provided contract-tx-hash=${String(body['contractTransactionHash'])}`,
        ],
      },
    };
  }
  const owners = (entry.info['owners'] as string[]).map((o) => o.toLowerCase());
  const sender = String(body['sender'] ?? '').toLowerCase();
  if (!owners.includes(sender))
    return {
      ok: false,
      status: 422,
      body: { nonFieldErrors: [`Sender=${String(body['sender'])} is not an owner or delegate`] },
    };
  const existing = findTransaction(state, hash);
  const served =
    existing ??
    servedTransaction(parsed.data, Number(entry.info['threshold']), {
      proposer: sender,
      origin: typeof body['origin'] === 'string' ? body['origin'] : '{}',
    });
  const signature = typeof body['signature'] === 'string' ? body['signature'] : null;
  if (signature) {
    if (signingOwner(state, served, signature)?.toLowerCase() !== sender)
      return { ok: false, status: 422, body: { nonFieldErrors: ['Signature does not match sender'] } };
    if (!served.confirmations.some((c) => String(c['owner']).toLowerCase() === sender))
      served.confirmations.push(servedConfirmation({ owner: sender, signature }));
  }
  if (!existing) entry.transactions.push(served);
  return { ok: true, served };
}

function messageConfirmation(owner: string, signature: string): Record<string, unknown> {
  return { created: now(), modified: now(), owner: getAddress(owner.toLowerCase()), signature, signatureType: 'EOA' };
}

/** The service's preparedSignature: the owners' signatures packed for the Safe once the threshold is met. */
function prepareSignature(entry: ServiceSafe, message: ServiceMessageJson): void {
  const threshold = Number(entry.info['threshold']);
  const parts = message.confirmations.map((c) => ({
    signer: String(c['owner']),
    kind: 'eip712' as const,
    data: String(c['signature']),
  }));
  message['preparedSignature'] = parts.length >= threshold ? encodeSafeSignatures(parts) : null;
}

/**
 * A message as POST /v1/safes/{address}/messages/ creates it: its messageHash computed (by the core, as the
 * service computes it) under the Safe's domain, the signatures given kept as confirmations.
 */
export function addSafeMessage(
  state: LoopbackState,
  safeAddress: string,
  content: SafeMessageContent,
  extra: { confirmations?: Array<{ owner: string; signature: string }>; proposedBy?: string } = {},
): ServiceMessageJson {
  const entry = state.safes.get(safeAddress.toLowerCase());
  if (!entry) throw new Error(`setSafe(${safeAddress}) first`);
  const chainId = entry.chainId ?? state.chainId;
  if (chainId === undefined)
    throw new Error("The loopback service does not know this Safe's chain: pass chainId to setSafe");
  const safe = getAddress(safeAddress.toLowerCase());
  const messageHash = safeMessageHash({ chainId, safe, safeVersion: String(entry.info['version']), content });
  const served: ServiceMessageJson = {
    created: now(),
    modified: now(),
    safe,
    messageHash,
    message: content,
    proposedBy: extra.proposedBy
      ? getAddress(extra.proposedBy.toLowerCase())
      : (extra.confirmations?.[0]?.owner ?? null),
    safeAppId: null,
    confirmations: (extra.confirmations ?? []).map((c) => messageConfirmation(c.owner, c.signature)),
    preparedSignature: null,
    origin: null,
  };
  prepareSignature(entry, served);
  entry.messages.push(served);
  return served;
}

export function findMessage(
  state: LoopbackState,
  hash: string,
): { entry: ServiceSafe; message: ServiceMessageJson } | undefined {
  for (const entry of state.safes.values()) {
    const message = entry.messages.find((m) => m.messageHash.toLowerCase() === hash.toLowerCase());
    if (message) return { entry, message };
  }
  return undefined;
}

export type MessageOutcome =
  { ok: true; served: ServiceMessageJson } | { ok: false; status: number; body: Record<string, unknown> };

/** POST /v1/safes/{address}/messages/ (api-kit addMessage): the signer must be an owner, over the hash of the content. */
export function acceptMessage(
  state: LoopbackState,
  safeAddress: string,
  body: Record<string, unknown>,
): MessageOutcome {
  const entry = state.safes.get(safeAddress.toLowerCase());
  if (!entry) return { ok: false, status: 404, body: { detail: 'Not found.' } };
  const chainId = entry.chainId ?? state.chainId;
  const content = body['message'];
  if (chainId === undefined || (typeof content !== 'string' && (typeof content !== 'object' || content === null)))
    return { ok: false, status: 400, body: { message: ['A message is required'] } };
  let hash: string;
  try {
    hash = safeMessageHash({
      chainId,
      safe: safeAddress,
      safeVersion: String(entry.info['version']),
      content: content as SafeMessageContent,
    });
  } catch (error) {
    return { ok: false, status: 400, body: { message: [(error as Error).message] } };
  }
  if (findMessage(state, hash))
    return {
      ok: false,
      status: 400,
      body: { nonFieldErrors: [`Message with hash ${hash} for safe ${safeAddress} already exists in DB`] },
    };
  try {
    const { signer } = checkMessageSignature(hash, String(body['signature'] ?? ''), entry.info['owners'] as string[]);
    return {
      ok: true,
      served: addSafeMessage(state, safeAddress, content as SafeMessageContent, {
        confirmations: [{ owner: signer, signature: String(body['signature']) }],
      }),
    };
  } catch {
    return { ok: false, status: 400, body: { signature: ['Signer is not an owner or signature is invalid'] } };
  }
}

/** POST /v1/messages/{hash}/signatures/ (api-kit addMessageSignature): the owner is whoever the signature recovers to. */
export function acceptMessageSignature(state: LoopbackState, hash: string, signature: string): MessageOutcome {
  const found = findMessage(state, hash);
  if (!found) return { ok: false, status: 404, body: { detail: 'Not found.' } };
  const { entry, message } = found;
  let signer: string;
  try {
    signer = checkMessageSignature(message.messageHash, signature, entry.info['owners'] as string[]).signer;
  } catch {
    return { ok: false, status: 400, body: { signature: ['Signer is not an owner or signature is invalid'] } };
  }
  if (message.confirmations.some((c) => String(c['owner']).toLowerCase() === signer.toLowerCase())) {
    return { ok: false, status: 400, body: { nonFieldErrors: [`Signature for owner ${signer} already exists`] } };
  }
  message.confirmations.push(messageConfirmation(signer, signature));
  message['modified'] = now();
  prepareSignature(entry, message);
  return { ok: true, served: message };
}
