import { checksumAddress } from '../primitives/checksumAddress.js';
import { bytesHex, hexBytes } from '../primitives/hexBytes.js';

export interface PackedCall {
  operation: number;
  to: string;
  value: bigint;
  data: string;
}

/**
 * Reads MultiSend's packed calls (operation 1 byte ‖ to 20 ‖ value 32 ‖ length 32 ‖ data), never past the
 * bytes it was given and never more than `maxCalls`. A length that runs past the end is reported, not trusted.
 */
export function decodeMultiSendCalls(
  packed: string,
  maxCalls: number,
): { calls: PackedCall[]; error: string | null; truncated: boolean } {
  const bytes = hexBytes(packed, 'MultiSend payload');
  const hexOf = (from: number, to: number) => bytesHex(bytes.subarray(from, to));
  const calls: PackedCall[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (calls.length >= maxCalls) return { calls, error: null, truncated: true };
    if (at + 85 > bytes.length)
      return {
        calls,
        error: `call ${calls.length + 1} is cut short (${bytes.length - at} bytes left, a header needs 85)`,
        truncated: false,
      };
    const length = BigInt(hexOf(at + 53, at + 85));
    if (length > BigInt(bytes.length - at - 85)) {
      return {
        calls,
        error: `call ${calls.length + 1} claims ${length} bytes of data but only ${bytes.length - at - 85} remain`,
        truncated: false,
      };
    }
    const end = at + 85 + Number(length);
    calls.push({
      operation: bytes[at]!,
      to: checksumAddress(hexOf(at + 1, at + 21)),
      value: BigInt(hexOf(at + 21, at + 53)),
      data: hexOf(at + 85, end),
    });
    at = end;
  }
  return { calls, error: null, truncated: false };
}
