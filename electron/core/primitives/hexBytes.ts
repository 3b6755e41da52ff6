import { GuardianError } from '../errors.js';
import { isWholeByteHex } from './wholeByteHex.js';

/**
 * Hex to bytes through Node's native decoder: ethers' getBytes parses two characters at a time in JavaScript,
 * and calldata is parsed several times per action in a batch. Buffer.from would silently drop a bad or odd
 * character, so the text is checked first and refused, named, when it is not whole bytes of hex.
 */
export function hexBytes(hex: string, what = 'data'): Buffer {
  if (!isWholeByteHex(hex))
    throw new GuardianError('INVALID_INPUT', `The ${what} is not whole bytes of 0x-prefixed hex.`);
  return Buffer.from(hex.slice(2), 'hex');
}

/** Bytes back to lowercase 0x hex. */
export const bytesHex = (bytes: Uint8Array): string =>
  `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
