import { ZeroAddress } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { GuardianError } from '../errors.js';
import { asLowerCase } from '../input/asLowerCase.js';
import { fitsUint256 } from '../input/fitsUint256.js';

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

const UINT_FIELDS = ['chainId', 'value', 'safeTxGas', 'baseGas', 'gasPrice', 'nonce'] as const;

export function createSafeTx(input: SafeTxInput): SafeTx {
  // Every field is a uint256 to the Safe; past here ethers' encoders would throw a bare TypeError on 2^300.
  // Indexed, not for-of: a page creates a thousand before the loop is compiled, and each for-of step allocated.
  for (let i = 0; i < UINT_FIELDS.length; i++) {
    const field = UINT_FIELDS[i]!;
    const value = input[field];
    if (value !== undefined && !fitsUint256(value)) {
      throw new GuardianError(
        'INVALID_SAFE_TX',
        `The ${field} ${value > 0n && value.toString().length > 40 ? `${value.toString().slice(0, 20)}… (${value.toString().length} digits)` : value} does not fit a uint256.`,
        { details: { field } },
      );
    }
  }
  return {
    chainId: input.chainId,
    safe: checksumAddress(input.safe),
    safeVersion: input.safeVersion,
    to: checksumAddress(input.to),
    value: input.value ?? 0n,
    data: asLowerCase(input.data ?? '0x'),
    operation: input.operation ?? Operation.Call,
    safeTxGas: input.safeTxGas ?? 0n,
    baseGas: input.baseGas ?? 0n,
    gasPrice: input.gasPrice ?? 0n,
    gasToken: checksumAddress(input.gasToken ?? ZeroAddress),
    refundReceiver: checksumAddress(input.refundReceiver ?? ZeroAddress),
    nonce: input.nonce,
  };
}
