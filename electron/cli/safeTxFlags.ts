import { ZeroAddress } from 'ethers';
import { GuardianError } from '../core/errors.js';
import { createSafeTx, type SafeTx } from '../core/safe/safeTx.js';
import { parseAddress, parseBigint, parseHexData, parseOperation } from './parseFlags.js';

/**
 * The flags that spell out a Safe transaction field by field, shared by every verb that takes one (hashes,
 * review): what a guardian on an air-gapped laptop types from a colleague's screen. `--multi-send` names the
 * MultiSendCallOnly a Transaction Builder file batches through.
 */
export const SAFE_TX_FLAGS = {
  'chain-id': { type: 'string' },
  safe: { type: 'string' },
  'safe-version': { type: 'string' },
  to: { type: 'string' },
  value: { type: 'string' },
  data: { type: 'string' },
  operation: { type: 'string' },
  'safe-tx-gas': { type: 'string' },
  'base-gas': { type: 'string' },
  'gas-price': { type: 'string' },
  'gas-token': { type: 'string' },
  'refund-receiver': { type: 'string' },
  nonce: { type: 'string' },
  'multi-send': { type: 'string' },
} as const;

export type SafeTxFlags = { [K in keyof typeof SAFE_TX_FLAGS]?: string | undefined };

function required(flags: SafeTxFlags, name: keyof SafeTxFlags): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '')
    throw new GuardianError('INVALID_INPUT', `--${name} is required to spell a transaction out by flags.`);
  return value;
}

/** Builds a SafeTx from flags alone; each field is checked and a bad one is named. */
export function safeTxFromFlags(flags: SafeTxFlags): SafeTx {
  return createSafeTx({
    chainId: parseBigint(required(flags, 'chain-id'), '--chain-id'),
    safe: parseAddress(required(flags, 'safe'), '--safe'),
    safeVersion: required(flags, 'safe-version'),
    to: parseAddress(required(flags, 'to'), '--to'),
    nonce: parseBigint(required(flags, 'nonce'), '--nonce'),
    value: parseBigint(flags.value ?? '0', '--value'),
    data: parseHexData(flags.data ?? '0x', '--data'),
    operation: parseOperation(flags.operation ?? '0', '--operation'),
    safeTxGas: parseBigint(flags['safe-tx-gas'] ?? '0', '--safe-tx-gas'),
    baseGas: parseBigint(flags['base-gas'] ?? '0', '--base-gas'),
    gasPrice: parseBigint(flags['gas-price'] ?? '0', '--gas-price'),
    gasToken: parseAddress(flags['gas-token'] ?? ZeroAddress, '--gas-token'),
    refundReceiver: parseAddress(flags['refund-receiver'] ?? ZeroAddress, '--refund-receiver'),
  });
}
