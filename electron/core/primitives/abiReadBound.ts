import type { ParamType } from 'ethers';
import { GuardianError } from '../errors.js';

/**
 * Honest ABI encoding reads each byte once. ABI offsets can alias many values onto one blob (ethers issue #4537),
 * and ethers' AbiCoder lets a decode read up to 1024 times its input, so 1 MB of calldata could make 1 GB of
 * decoded bytes. The only public way to bound that lower is to know, before decoding, how much a decode would
 * read: this walks the head and tail layout of `types` over `data` (offsets and lengths only, no values built)
 * and counts what ethers' reader counts, stopping as soon as it is over the bound.
 */
export const MAX_ABI_INFLATION = 4;

const WORD = 32;

/** Whether a value of this type sits in the tail, its head slot holding an offset to it. */
function isDynamic(type: ParamType): boolean {
  if (type.baseType === 'string' || type.baseType === 'bytes') return true;
  if (type.isArray()) return type.arrayLength === -1 || isDynamic(type.arrayChildren);
  if (type.isTuple()) return type.components.some(isDynamic);
  return false;
}

class Walk {
  read = 0;
  constructor(
    readonly data: Uint8Array,
    readonly limit: number,
  ) {}

  /** `length` bytes read at `at`, taking whole words from the data as ethers' reader does. */
  take(at: number, length: number): void {
    if (at + Math.ceil(length / WORD) * WORD > this.data.length) throw new OutOfData();
    this.read += length;
    if (this.read > this.limit) throw new OverBound();
  }

  /** An offset, a length or a count. */
  index(at: number): number {
    this.take(at, WORD);
    // Past six bytes (2^48) no offset or length can point inside any calldata: the decoder refuses it itself.
    for (let i = at; i < at + WORD - 6; i++) if (this.data[i] !== 0) throw new OutOfData();
    let value = 0;
    for (let i = at + WORD - 6; i < at + WORD; i++) value = value * 256 + this.data[i]!;
    return value;
  }

  /** Reads one value of `type` at `at`; returns how many bytes of the enclosing head it took. */
  value(type: ParamType, at: number): number {
    if (type.isTuple()) return this.sequence(type.components, at);
    if (type.isArray()) {
      let count = type.arrayLength;
      if (count === -1) {
        count = this.index(at);
        // ethers refuses a count the remaining data could not hold one word of each of.
        if (count * WORD > this.data.length - at) throw new OutOfData();
        this.sequence(Array<ParamType>(count).fill(type.arrayChildren), at + WORD);
        return WORD;
      }
      return this.sequence(Array<ParamType>(count).fill(type.arrayChildren), at);
    }
    if (type.baseType === 'string' || type.baseType === 'bytes') {
      const length = this.index(at);
      this.take(at + WORD, length);
      return WORD;
    }
    this.take(at, WORD);
    return WORD;
  }

  /** A tuple's or an array's items, each dynamic one at the offset its head slot names from the sequence's start. */
  sequence(types: readonly ParamType[], at: number): number {
    let head = at;
    for (const type of types) {
      if (isDynamic(type)) {
        const offset = this.index(head);
        head += WORD;
        this.value(type, at + offset);
      } else head += this.value(type, head);
    }
    return head - at;
  }
}

class OverBound extends Error {}
class OutOfData extends Error {}

/**
 * Throws DECODE_FAILED when decoding `types` from `data` would read more than MAX_ABI_INFLATION times the data's
 * length. Data that runs out, or a length no decoder could use, is left for the decoder itself to refuse.
 * Static types are read once in place: only dynamic ones can alias, so only they are walked.
 */
export function assertAbiReadBound(types: readonly ParamType[], data: Uint8Array): void {
  if (!types.some(isDynamic)) return;
  const walk = new Walk(data, MAX_ABI_INFLATION * data.length);
  try {
    walk.sequence(types, 0);
  } catch (error) {
    if (!(error instanceof OverBound)) return;
    throw new GuardianError(
      'DECODE_FAILED',
      `Its ABI offsets would make ${data.length} bytes decode as more than ${MAX_ABI_INFLATION} times that (offsets aliased onto one value); not decoded.`,
      { details: { bytes: data.length, maxInflation: MAX_ABI_INFLATION } },
    );
  }
}
