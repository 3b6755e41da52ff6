import { keccak256, toUtf8Bytes, type TypedDataDomain, type TypedDataField } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { bytesHex, hexBytes } from '../primitives/hexBytes.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';
import { GuardianError } from '../errors.js';
import type { SafeTx } from './safeTx.js';
import { safeVersionRules, type SafeVersionRules } from './safeVersions.js';
import { keccak256Hex, keccak256Into, keccak256OfHexInto } from './wasmKeccak.js';

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
  // Most fields of most transactions are zero, and the buffer is zeroed already; most others (a nonce, gas, a
  // value in wei) fit 64 bits, written as Numbers a byte at a time: Buffer's write methods validate through
  // wrappers that allocate at every call, writeBigUInt64BE made four BigInts, and hex text through Buffer.write
  // cost more than the Keccak.
  if (value === 0n) return;
  if (value <= MAX_SAFE_INTEGER) writeNumber(into, offset + WORD, Number(value));
  else if (value <= MAX_UINT64) {
    writeNumber(into, offset + WORD, Number(value & LOW_32));
    writeNumber(into, offset + WORD - 4, Number(value >> 32n));
  } else into.write(value.toString(16).padStart(64, '0'), offset, 'hex');
}
const MAX_SAFE_INTEGER = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_UINT64 = (1n << 64n) - 1n;
const LOW_32 = (1n << 32n) - 1n;

/** A non-negative safe integer, big-endian, ending just before `end`, over bytes that are zero. */
function writeNumber(into: Buffer, end: number, n: number): void {
  for (let at = end - 1; n > 0; at--) {
    into[at] = n % 256;
    n = Math.floor(n / 256);
  }
}

/** The operation's word: 0 CALL or 1 DELEGATECALL as its last byte, anything else as any uint is written. */
function writeOperation(into: Buffer, offset: number, operation: number): void {
  if (operation === 0 || operation === 1) into[offset + WORD - 1] = operation;
  else writeUint(into, offset, BigInt(operation), 'operation');
}

/**
 * The 20 bytes of each address written last, keyed by the address exactly as given and kept only once its checksum
 * held: a page names the same few addresses a thousand times, and a wrong checksum is never a key, so it is still
 * refused, as ethers' EIP-712 encoder refused it.
 */
const addressBytes = new Map<string, Buffer>();
const ADDRESSES_KEPT = 4096;
/** An address left-padded with zeros. */
function writeAddress(into: Buffer, offset: number, address: string): void {
  let bytes = addressBytes.get(address);
  if (bytes === undefined) {
    bytes = Buffer.from(checksumAddress(address).slice(2), 'hex');
    if (addressBytes.size >= ADDRESSES_KEPT) addressBytes.clear();
    addressBytes.set(address, bytes);
  }
  bytes.copy(into, offset + 12);
}

/**
 * A Safe's domain separator depends on its chain and address alone, and every transaction of that Safe hashes
 * it again: kept per Safe (bounded). Keyed by the address exactly as given, so a wrong checksum is still refused.
 */
interface DomainHash {
  /** 0x hex, as shown. */
  hex: string;
  /** The 32 bytes, for the EIP-712 preimage. */
  bytes: Buffer;
}
const domainHashes = new Map<string, DomainHash>();
const DOMAINS_KEPT = 1024;
/** The domain hashed last: a page is one Safe's, and its key need not even be built. */
let lastDomain: { rules: SafeVersionRules; chainId: bigint; safe: string; hash: DomainHash } | undefined;
function domainHashOf(safe: Pick<SafeTx, 'chainId' | 'safe'>, rules: SafeVersionRules): DomainHash {
  if (lastDomain?.rules === rules && lastDomain.chainId === safe.chainId && lastDomain.safe === safe.safe)
    return lastDomain.hash;
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
    const hex = keccak256Hex(struct);
    hash = { hex: `0x${hex}`, bytes: Buffer.from(hex, 'hex') };
    if (domainHashes.size >= DOMAINS_KEPT) domainHashes.clear();
    domainHashes.set(key, hash);
  }
  lastDomain = { rules, chainId: safe.chainId, safe: safe.safe, hash };
  return hash;
}

/**
 * One buffer for every SafeTx struct, zeroed before each: a fresh buffer for each transaction of a page cost more
 * than its Keccak. Hashing is synchronous and the Keccak copies its input, so no caller ever sees it.
 */
const struct = Buffer.alloc(11 * WORD);

/** The EIP-712 preimage last written, 0x19 0x01 ‖ domainHash ‖ messageHash: one buffer, as the struct's is. */
const preimage = Buffer.alloc(2 + 2 * WORD);
preimage[0] = 0x19;
preimage[1] = 0x01;
const MESSAGE_AT = 2 + WORD;

/**
 * hashStruct of the SafeTx, encoded as the Safe's own encodeTransactionData does: abi.encode of the type hash
 * and the fields, the data hashed, written into one zeroed buffer with Node's Buffer (ethers' EIP-712 encoder
 * took 110 µs a transaction and loaded ethers' signing code with it), and hashed bytes to bytes (ethers' hex in
 * and out took more than the Keccaks): the calldata from its hex straight into the Keccak, the digest into the
 * struct, the struct's digest into the preimage at MESSAGE_AT. Tests hold it to ethers' TypedDataEncoder on
 * random transactions of every version, to protocol-kit and viem, and to each Safe's getTransactionHash on chain.
 */
function writeMessageHash(tx: SafeTx, rules: SafeVersionRules): void {
  // typeHash ‖ to ‖ value ‖ keccak(data) ‖ operation ‖ safeTxGas ‖ baseGas ‖ gasPrice ‖ gasToken ‖ refundReceiver ‖ nonce
  if (!isWholeByteHex(tx.data))
    throw new GuardianError('INVALID_INPUT', 'The calldata is not whole bytes of 0x-prefixed hex.');
  struct.fill(0);
  safeTxTypeHash(rules).copy(struct, 0);
  writeAddress(struct, 1 * WORD, tx.to);
  writeUint(struct, 2 * WORD, tx.value, 'value');
  keccak256OfHexInto(tx.data.slice(2), struct, 3 * WORD);
  writeOperation(struct, 4 * WORD, tx.operation);
  writeUint(struct, 5 * WORD, tx.safeTxGas, 'safeTxGas');
  writeUint(struct, 6 * WORD, tx.baseGas, rules.gasFieldName);
  writeUint(struct, 7 * WORD, tx.gasPrice, 'gasPrice');
  writeAddress(struct, 8 * WORD, tx.gasToken);
  writeAddress(struct, 9 * WORD, tx.refundReceiver);
  writeUint(struct, 10 * WORD, tx.nonce, 'nonce');
  keccak256Into(struct, preimage, MESSAGE_AT);
}

/** The preimage of the SafeTx, 0x19 0x01 ‖ domainHash ‖ messageHash, written; the domain as hashed. */
function writePreimage(tx: SafeTx): DomainHash {
  const rules = safeVersionRules(tx.safeVersion);
  // The domain first: hashing it afresh uses the Keccak, which the message's bytes must not wait across.
  const domain = domainHashOf(tx, rules);
  writeMessageHash(tx, rules);
  domain.bytes.copy(preimage, 2);
  return domain;
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
  writeMessageHash(tx, safeVersionRules(tx.safeVersion));
  return `0x${preimage.toString('hex', MESSAGE_AT)}`;
}

/** 0x19 0x01 ‖ domainHash ‖ messageHash: the Safe's `encodeTransactionData`, what an owner contract is shown. */
export function safeTxPreimage(tx: SafeTx): string {
  writePreimage(tx);
  return bytesHex(preimage);
}

/**
 * The hashes of each transaction object hashed, with the fields it had then: a page is hashed once to check each
 * claim and again to show it, and the Keccaks are most of the cost of both. Given again, the object's fields are
 * compared one by one with those it was hashed with, so a field changed in place is hashed afresh; a WeakMap, so
 * a transaction no longer used takes its hashes with it. (Keyed by a string of all the fields, the key cost as
 * much to build as the hashes.)
 */
const hashed = new WeakMap<SafeTx, { fields: SafeTx; hashes: SafeTxHashes }>();
const sameFields = (a: SafeTx, b: SafeTx): boolean =>
  a.safeVersion === b.safeVersion &&
  a.chainId === b.chainId &&
  a.safe === b.safe &&
  a.to === b.to &&
  a.value === b.value &&
  a.data === b.data &&
  a.operation === b.operation &&
  a.safeTxGas === b.safeTxGas &&
  a.baseGas === b.baseGas &&
  a.gasPrice === b.gasPrice &&
  a.gasToken === b.gasToken &&
  a.refundReceiver === b.refundReceiver &&
  a.nonce === b.nonce;

/** keccak256 of the preimage, as the Safe's `getTransactionHash` returns it. */
export function safeTxHashes(tx: SafeTx): SafeTxHashes {
  const known = hashed.get(tx);
  if (known && sameFields(tx, known.fields)) return { ...known.hashes };
  const domain = writePreimage(tx);
  const hashes = {
    domainHash: domain.hex,
    messageHash: `0x${preimage.toString('hex', MESSAGE_AT)}`,
    safeTxHash: `0x${keccak256Hex(preimage)}`,
  };
  hashed.set(tx, { fields: { ...tx }, hashes });
  return { ...hashes };
}

export function safeTxHash(tx: SafeTx): string {
  return safeTxHashes(tx).safeTxHash;
}
