import { concat, getAddress, Interface, toBeHex, dataLength, zeroPadValue } from 'ethers';

export interface MultiSendCall {
  operation: 0 | 1;
  to: string;
  value: bigint;
  data: string;
}

const multiSendInterface = new Interface(['function multiSend(bytes transactions)']);

/**
 * MultiSend's packed encoding: per call, operation (1 byte) ‖ to (20) ‖ value (32) ‖ data length (32) ‖ data,
 * wrapped in multiSend(bytes). Written once here; the decoder reads the same layout back.
 */
export function encodeMultiSend(calls: readonly MultiSendCall[]): string {
  const packed = concat(
    calls.map((c) =>
      concat([
        toBeHex(c.operation, 1),
        getAddress(c.to),
        zeroPadValue(toBeHex(c.value), 32),
        zeroPadValue(toBeHex(dataLength(c.data)), 32),
        c.data,
      ]),
    ),
  );
  return multiSendInterface.encodeFunctionData('multiSend', [packed]).toLowerCase();
}
