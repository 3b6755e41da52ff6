import { concat, dataLength, dataSlice, getAddress, getBytes, hexlify, zeroPadValue } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { GuardianError } from '../errors.js';

/**
 * The four ways an owner can sign for a Safe, told apart by the `v` byte of each 65-byte static part
 * (Safe.sol checkNSignatures):
 * - eip712:        v = 27/28, ECDSA over the safeTxHash itself (a Ledger's EIP-712 signing).
 * - eth_sign:      v = 31/32, ECDSA over the EIP-191 prefixed safeTxHash, v shifted by 4 so the Safe knows.
 * - approved_hash: v = 1, r = the owner; valid if that owner sent the execution or called approveHash.
 * - contract:      v = 0, r = the owner contract, s = offset of a dynamic part checked with EIP-1271.
 */
export type SafeSignatureKind = 'eip712' | 'eth_sign' | 'approved_hash' | 'contract';

export interface SafeSignature {
  signer: string;
  kind: SafeSignatureKind;
  /**
   * eip712 / eth_sign: the 65-byte r‖s‖v exactly as the Safe expects it (v 27/28 or 31/32).
   * approved_hash: ignored when encoding (the static part is rebuilt from the signer).
   * contract: the bytes handed to the owner contract's isValidSignature.
   */
  data: string;
}

const STATIC_PART_BYTES = 65;
/** A Safe with more owners than this is not something a signing console will ever see; it bounds hostile input. */
const MAX_SIGNATURES = 256;

function kindOfV(v: number): SafeSignatureKind | null {
  if (v === 0) return 'contract';
  if (v === 1) return 'approved_hash';
  if (v === 27 || v === 28) return 'eip712';
  if (v === 31 || v === 32) return 'eth_sign';
  return null;
}

/**
 * Packs signatures the way execTransaction and checkSignatures require: sorted by signer address, ascending,
 * because the contract rejects a list whose owners do not strictly increase (it is how it refuses duplicates).
 */
export function encodeSafeSignatures(signatures: readonly SafeSignature[]): string {
  const sorted = [...signatures].sort((a, b) => compareAddresses(a.signer, b.signer));
  for (let i = 1; i < sorted.length; i++) {
    if (compareAddresses(sorted[i - 1]!.signer, sorted[i]!.signer) === 0) {
      throw new GuardianError(
        'INVALID_SIGNATURE',
        `Two signatures from the same owner ${getAddress(sorted[i]!.signer)}; the Safe counts each owner once.`,
      );
    }
  }
  // Built as lowercase hex text, each piece checked as it is made: ethers' concat and hexlify round-tripped
  // every piece through bytes, 38 µs for two approvals on the path every simulation waits on.
  const word = (value: bigint | number) => value.toString(16).padStart(64, '0');
  let dynamicOffset = sorted.length * STATIC_PART_BYTES;
  const staticParts: string[] = [];
  const dynamicParts: string[] = [];
  for (const sig of sorted) {
    const owner = checksumAddress(sig.signer).slice(2).toLowerCase().padStart(64, '0');
    if (sig.kind === 'approved_hash') {
      staticParts.push(`${owner}${word(0)}01`);
    } else if (sig.kind === 'contract') {
      staticParts.push(`${owner}${word(dynamicOffset)}00`);
      const data = hexlify(sig.data).slice(2);
      dynamicParts.push(`${word(data.length / 2)}${data}`);
      dynamicOffset += 32 + data.length / 2;
    } else {
      if (dataLength(sig.data) !== STATIC_PART_BYTES) {
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `An ${sig.kind} signature must be 65 bytes, got ${dataLength(sig.data)}.`,
        );
      }
      const v = getBytes(sig.data)[64]!;
      if (kindOfV(v) !== sig.kind) {
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `Signature from ${sig.signer} is labelled ${sig.kind} but its v byte is ${v}.`,
        );
      }
      staticParts.push(hexlify(sig.data).slice(2));
    }
  }
  return `0x${staticParts.join('')}${dynamicParts.join('')}`;
}

/** One static part as read from the bytes, before anything has been recovered or checked. */
export interface SafeSignaturePart {
  kind: SafeSignatureKind;
  v: number;
  r: string;
  s: string;
  /** The 65 raw bytes. */
  staticPart: string;
  /** contract kind only: the bytes for isValidSignature. */
  contractSignature?: string;
}

/**
 * Splits packed Safe signatures into their parts. `count` is how many static parts to read (the Safe reads
 * exactly `threshold`); without it, parts are read until the first dynamic part or the end.
 */
export function decodeSafeSignatures(signatures: string, count?: number): SafeSignaturePart[] {
  let bytes: Uint8Array;
  try {
    bytes = getBytes(signatures);
  } catch (cause) {
    throw new GuardianError('INVALID_SIGNATURE', 'Signatures are not valid hex.', { cause });
  }
  let limit = count ?? Math.floor(bytes.length / STATIC_PART_BYTES);
  if (limit > MAX_SIGNATURES) throw new GuardianError('INVALID_SIGNATURE', `More than ${MAX_SIGNATURES} signatures.`);
  if (count !== undefined && bytes.length < count * STATIC_PART_BYTES) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `Expected ${count} signatures (${count * STATIC_PART_BYTES} bytes), got ${bytes.length} bytes.`,
    );
  }
  const parts: SafeSignaturePart[] = [];
  for (let i = 0; i < limit; i++) {
    const at = i * STATIC_PART_BYTES;
    const staticPart = dataSlice(bytes, at, at + STATIC_PART_BYTES);
    const r = dataSlice(staticPart, 0, 32);
    const s = dataSlice(staticPart, 32, 64);
    const v = bytes[at + 64]!;
    const kind = kindOfV(v);
    if (kind === null)
      throw new GuardianError(
        'INVALID_SIGNATURE',
        `Signature ${i + 1} has v = ${v}, which no Safe signature kind uses.`,
      );
    const part: SafeSignaturePart = { kind, v, r, s, staticPart };
    if (kind === 'contract') {
      const offset = BigInt(s);
      // The dynamic part must sit after the static parts and inside the bytes (Safe's own bounds checks).
      if (offset < BigInt(limit * STATIC_PART_BYTES) || offset + 32n > BigInt(bytes.length)) {
        throw new GuardianError('INVALID_SIGNATURE', `Contract signature ${i + 1} points outside the signature bytes.`);
      }
      const length = BigInt(dataSlice(bytes, Number(offset), Number(offset) + 32));
      if (offset + 32n + length > BigInt(bytes.length)) {
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `Contract signature ${i + 1} claims ${length} bytes that are not there.`,
        );
      }
      part.contractSignature = dataSlice(bytes, Number(offset) + 32, Number(offset + 32n + length));
      if (count === undefined) limit = Math.min(limit, Number(offset) / STATIC_PART_BYTES);
    }
    parts.push(part);
  }
  return parts;
}

export function compareAddresses(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The Safe's encoding of an on-chain approval (approveHash, or the executor being the owner): r = owner, s = 0, v = 1. */
export function approvedHashSignature(owner: string): string {
  return concat([zeroPadValue(owner, 32), zeroPadValue('0x', 32), '0x01']).toLowerCase();
}
