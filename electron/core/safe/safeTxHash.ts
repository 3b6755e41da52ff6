import { keccak256, toUtf8Bytes, type TypedDataDomain, type TypedDataField } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { bytesHex, hexBytes } from '../primitives/hexBytes.js';
import { GuardianError } from '../errors.js';
import type { SafeTx } from './safeTx.js';
import { safeVersionRules, type SafeVersionRules } from './safeVersions.js';
import { keccak256Bytes } from './wasmKeccak.js';

/** The three hashes a guardian compares: a Ledger in blind-signing mode shows the first two. */
export interface SafeTxHashes {
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
}

/** EIP-712 typed data for a SafeTx, in the shape both ethers and a Ledger's full EIP-712 signing take. */
export interface SafeTxTypedData {
  domain: TypedDataDomain;
  primaryType: 'SafeTx';
  types: { EIP712Domain: TypedDataField[]; SafeTx: TypedDataField[] };
  message: Record<string, string | number>;
}

function safeTxFields(rules: SafeVersionRules): TypedDataField[] {
  return [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: rules.gasFieldName, type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ];
}

function safeTxDomain(
  tx: Pick<SafeTx, 'chainId' | 'safe'>,
  rules: SafeVersionRules,
): Pick<SafeTxTypedData, 'domain'> & { types: Pick<SafeTxTypedData['types'], 'EIP712Domain'> } {
  if (!rules.domainHasChainId)
    return {
      domain: { verifyingContract: tx.safe },
      types: { EIP712Domain: [{ name: 'verifyingContract', type: 'address' }] },
    };
  const fields: TypedDataField[] = [
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ];
  return { domain: { chainId: tx.chainId, verifyingContract: tx.safe }, types: { EIP712Domain: fields } };
}

export function safeTxTypedData(tx: SafeTx): SafeTxTypedData {
  const rules = safeVersionRules(tx.safeVersion);
  const { domain, types } = safeTxDomain(tx, rules);
  return {
    domain,
    primaryType: 'SafeTx',
    types: { ...types, SafeTx: safeTxFields(rules) },
    // Decimal strings, not bigints: the same object goes over IPC, into JSON files and to a Ledger.
    message: {
      to: tx.to,
      value: tx.value.toString(),
      data: tx.data,
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      [rules.gasFieldName]: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: tx.nonce.toString(),
    },
  };
}

/**
 * EIP-712's encodeType for a struct with no nested structs: `Name(type name,…)`, from the same field list that
 * safeTxTypedData gives a Ledger, so the version's quirk (dataGas or baseGas) lives only in safeVersions.ts.
 */
const encodeType = (primaryType: string, fields: TypedDataField[]) =>
  `${primaryType}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`;

const typeHashes = new Map<string, Buffer>();
function typeHash(primaryType: string, fields: TypedDataField[]): Buffer {
  const type = encodeType(primaryType, fields);
  let hash = typeHashes.get(type);
  if (!hash) typeHashes.set(type, (hash = hexBytes(keccak256(toUtf8Bytes(type)))));
  return hash;
}

/** The SafeTx type hash of each version's rules: a page hashes under one version a thousand times. */
const safeTxTypeHashes = new Map<SafeVersionRules, Buffer>();
function safeTxTypeHash(rules: SafeVersionRules): Buffer {
  let hash = safeTxTypeHashes.get(rules);
  if (!hash) safeTxTypeHashes.set(rules, (hash = typeHash('SafeTx', safeTxFields(rules))));
  return hash;
}

const MAX_UINT256 = (1n << 256n) - 1n;
const WORD = 32;
/** Writes the 32-byte word at `offset`: a uint256. */
function writeUint(into: Buffer, offset: number, value: bigint, field: string): void {
  if (value < 0n || value > MAX_UINT256)
    throw new GuardianError('INVALID_INPUT', `The ${field} ${value} does not fit a uint256.`);
  // Most fields of most transactions are zero, and the buffer is zeroed already; most others fit 64 bits, which
  // Buffer writes without text (hex text through Buffer.write cost more than the Keccak).
  if (value === 0n) return;
  if (value <= MAX_UINT64) into.writeBigUInt64BE(value, offset + 24);
  else into.write(value.toString(16).padStart(64, '0'), offset, 'hex');
}
const MAX_UINT64 = (1n << 64n) - 1n;

/** The 20 bytes of each checksummed address written last: a page names the same few addresses a thousand times. */
const addressBytes = new Map<string, Buffer>();
const ADDRESSES_KEPT = 4096;
/** An address left-padded with zeros; a wrong checksum is refused, as ethers' EIP-712 encoder refused it. */
function writeAddress(into: Buffer, offset: number, address: string): void {
  const checksummed = checksumAddress(address);
  let bytes = addressBytes.get(checksummed);
  if (bytes === undefined) {
    bytes = Buffer.from(checksummed.slice(2), 'hex');
    if (addressBytes.size >= ADDRESSES_KEPT) addressBytes.clear();
    addressBytes.set(checksummed, bytes);
  }
  bytes.copy(into, offset + 12);
}

/** A hash as bytes, to go into the next preimage, and as the 0x hex everything else shows. */
interface Hash {
  bytes: Uint8Array;
  hex: string;
}
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** A 32-byte hash as 0x hex: a Buffer view over each small array cost more than the Keccak. */
function hashHex(bytes: Uint8Array): string {
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX_PAIRS[bytes[i]!]!;
  return hex;
}
const hashOf = (preimage: Uint8Array): Hash => {
  const bytes = keccak256Bytes(preimage);
  return { bytes, hex: hashHex(bytes) };
};

/**
 * A Safe's domain separator depends on its chain and address alone, and every transaction of that Safe hashes
 * it again: kept per Safe (bounded). Keyed by the address exactly as given, so a wrong checksum is still refused.
 */
const domainHashes = new Map<string, Hash>();
const DOMAINS_KEPT = 1024;
function domainHashOf(safe: Pick<SafeTx, 'chainId' | 'safe'>, rules: SafeVersionRules): Hash {
  // The key says what goes into the domain, so the typed domain is built only when it is hashed.
  const key = `${rules.domainHasChainId ? safe.chainId : 'no chain id'}:${safe.safe}`;
  let hash = domainHashes.get(key);
  if (hash === undefined) {
    const typed = safeTxDomain(safe, rules);
    const { chainId, verifyingContract } = typed.domain;
    // hashStruct(EIP712Domain): its type hash, then (chainId and) verifyingContract, one word each.
    const words = typed.types.EIP712Domain.length;
    const struct = Buffer.alloc((1 + words) * WORD);
    typeHash('EIP712Domain', typed.types.EIP712Domain).copy(struct, 0);
    if (chainId !== undefined && chainId !== null) writeUint(struct, WORD, BigInt(chainId), 'chainId');
    writeAddress(struct, words * WORD, String(verifyingContract));
    hash = hashOf(struct);
    if (domainHashes.size >= DOMAINS_KEPT) domainHashes.clear();
    domainHashes.set(key, hash);
  }
  return hash;
}

/**
 * hashStruct of the SafeTx, encoded as the Safe's own encodeTransactionData does: abi.encode of the type hash
 * and the fields, the data hashed, written into one zeroed buffer with Node's Buffer (ethers' EIP-712 encoder
 * took 110 µs a transaction and loaded ethers' signing code with it), and hashed bytes to bytes (ethers' hex in
 * and out took more than the Keccaks). Tests hold it to ethers' TypedDataEncoder on random transactions of every
 * version, to protocol-kit and viem, and to each Safe's getTransactionHash on chain.
 */
function messageHashOf(tx: SafeTx, rules: SafeVersionRules): Hash {
  // typeHash ‖ to ‖ value ‖ keccak(data) ‖ operation ‖ safeTxGas ‖ baseGas ‖ gasPrice ‖ gasToken ‖ refundReceiver ‖ nonce
  const struct = Buffer.alloc(11 * WORD);
  safeTxTypeHash(rules).copy(struct, 0);
  writeAddress(struct, 1 * WORD, tx.to);
  writeUint(struct, 2 * WORD, tx.value, 'value');
  struct.set(keccak256Bytes(hexBytes(tx.data, 'calldata')), 3 * WORD);
  writeUint(struct, 4 * WORD, BigInt(tx.operation), 'operation');
  writeUint(struct, 5 * WORD, tx.safeTxGas, 'safeTxGas');
  writeUint(struct, 6 * WORD, tx.baseGas, rules.gasFieldName);
  writeUint(struct, 7 * WORD, tx.gasPrice, 'gasPrice');
  writeAddress(struct, 8 * WORD, tx.gasToken);
  writeAddress(struct, 9 * WORD, tx.refundReceiver);
  writeUint(struct, 10 * WORD, tx.nonce, 'nonce');
  return hashOf(struct);
}

function hashesOf(tx: SafeTx): { domain: Hash; message: Hash } {
  const rules = safeVersionRules(tx.safeVersion);
  return { domain: domainHashOf(tx, rules), message: messageHashOf(tx, rules) };
}

/** EIP-712 domain separator, as the Safe's `domainSeparator()` returns it. */
export function domainHash(tx: SafeTx): string {
  return domainHashOf(tx, safeVersionRules(tx.safeVersion)).hex;
}

/** The same domain separator from the Safe alone: its off-chain messages (SafeMessage) are signed under it too. */
export function safeDomainHash(safe: Pick<SafeTx, 'chainId' | 'safe' | 'safeVersion'>): string {
  return domainHashOf(safe, safeVersionRules(safe.safeVersion)).hex;
}

/** EIP-712 hashStruct of the SafeTx: what a Ledger calls the "message hash". */
export function messageHash(tx: SafeTx): string {
  return messageHashOf(tx, safeVersionRules(tx.safeVersion)).hex;
}

/** 0x19 0x01 ‖ domainHash ‖ messageHash: EIP-712's signing preimage. */
function eip712Preimage(domain: Hash, message: Hash): Buffer {
  const preimage = Buffer.alloc(2 + 2 * WORD);
  preimage[0] = 0x19;
  preimage[1] = 0x01;
  preimage.set(domain.bytes, 2);
  preimage.set(message.bytes, 2 + WORD);
  return preimage;
}

/** 0x19 0x01 ‖ domainHash ‖ messageHash: the Safe's `encodeTransactionData`, what an owner contract is shown. */
export function safeTxPreimage(tx: SafeTx): string {
  const { domain, message } = hashesOf(tx);
  return bytesHex(eip712Preimage(domain, message));
}

/**
 * The hashes of the transactions hashed last, keyed by every field exactly as given: a page is hashed once to
 * check each claim and again to show it, and the Keccaks are most of the cost of both. Keyed by
 * content, never by object, so a changed field is a different key and is hashed afresh.
 */
const recent = new Map<string, SafeTxHashes>();
const RECENT_KEPT = 4096;
const fieldsKey = (tx: SafeTx) =>
  [
    tx.safeVersion,
    tx.chainId,
    tx.safe,
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    tx.nonce,
  ].join('|');

/** keccak256 of the preimage, as the Safe's `getTransactionHash` returns it. */
export function safeTxHashes(tx: SafeTx): SafeTxHashes {
  const key = fieldsKey(tx);
  const known = recent.get(key);
  if (known) return { ...known };
  const { domain, message } = hashesOf(tx);
  const hashes = {
    domainHash: domain.hex,
    messageHash: message.hex,
    safeTxHash: hashOf(eip712Preimage(domain, message)).hex,
  };
  if (recent.size >= RECENT_KEPT) recent.clear();
  recent.set(key, hashes);
  return { ...hashes };
}

export function safeTxHash(tx: SafeTx): string {
  return safeTxHashes(tx).safeTxHash;
}
