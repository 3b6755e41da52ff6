import { getAddress, ZeroAddress } from 'ethers';

/** CALL runs the target's code in its own context; DELEGATECALL runs it in the Safe's (Bybit, Feb 2025). */
export const Operation = { Call: 0, DelegateCall: 1 } as const;
export type Operation = (typeof Operation)[keyof typeof Operation];

/**
 * A Safe transaction as the contract sees it, plus what is needed to hash it: the chain, the Safe and its
 * version. Numbers are bigint, hex is 0x-prefixed, addresses are checksummed.
 */
export interface SafeTx {
  chainId: bigint;
  safe: string;
  safeVersion: string;
  to: string;
  value: bigint;
  data: string;
  operation: Operation;
  safeTxGas: bigint;
  /** Called `dataGas` before Safe 1.0.0; same slot in the struct, same meaning. */
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
}

/** The fields a caller must give; the gas and refund fields default to zero as the Safe apps send them. */
export type SafeTxInput = Pick<SafeTx, 'chainId' | 'safe' | 'safeVersion' | 'to' | 'nonce'> &
  Partial<Omit<SafeTx, 'chainId' | 'safe' | 'safeVersion' | 'to' | 'nonce'>>;

export function createSafeTx(input: SafeTxInput): SafeTx {
  return {
    chainId: input.chainId,
    safe: getAddress(input.safe),
    safeVersion: input.safeVersion,
    to: getAddress(input.to),
    value: input.value ?? 0n,
    data: (input.data ?? '0x').toLowerCase(),
    operation: input.operation ?? Operation.Call,
    safeTxGas: input.safeTxGas ?? 0n,
    baseGas: input.baseGas ?? 0n,
    gasPrice: input.gasPrice ?? 0n,
    gasToken: getAddress(input.gasToken ?? ZeroAddress),
    refundReceiver: getAddress(input.refundReceiver ?? ZeroAddress),
    nonce: input.nonce,
  };
}
