import { isAddress, getAddress, isHexString } from 'ethers';
import { GuardianError } from '../core/errors.js';
import { fitsUint256 } from '../core/input/fitsUint256.js';
import type { Operation } from '../core/safe/safeTx.js';

/** A whole number as every Safe transaction field and chain id is one: a uint256. */
export function parseBigint(text: string, name: string): bigint {
  const t = text.trim();
  // `--nonce=-1` reaches here; `--nonce -1` is caught where the flags are parsed (negativeNumberFlag.ts).
  if (/^-(0x[0-9a-fA-F]+|[0-9]+)$/.test(t))
    throw new GuardianError('INVALID_INPUT', `${name} needs a non-negative integer, got ${t}.`);
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t))
    throw new GuardianError('INVALID_INPUT', `${name} must be a whole number (decimal or 0x hex), got "${text}".`);
  const value = BigInt(t);
  // Refused as the flag it was typed in, not later as a transaction field that does not fit.
  if (!fitsUint256(value))
    throw new GuardianError(
      'INVALID_INPUT',
      `${name} must fit a uint256 (at most 2^256 - 1), got a number of ${value.toString().length} digits.`,
    );
  return value;
}

/**
 * --scan's count of accounts per layout. Checked as typed, before the store or the device is opened: read with
 * Number() a typo ("abc") or "0" was falsy and the default 5 was scanned without a word.
 */
export function parseScanCount(text: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(text.trim()))
    throw new GuardianError(
      'INVALID_INPUT',
      `--scan takes how many accounts of each layout to look through, a whole number from 1 to 9999, not "${text}".`,
    );
  return Number(text.trim());
}

export function parseAddress(text: string, name: string): string {
  if (!isAddress(text))
    throw new GuardianError('INVALID_INPUT', `${name} must be a 20-byte 0x address, got "${text}".`);
  return getAddress(text.toLowerCase());
}

export function parseHexData(text: string, name: string): string {
  if (!isHexString(text) || text.length % 2 !== 0)
    throw new GuardianError('INVALID_INPUT', `${name} must be 0x-prefixed hex with whole bytes.`);
  return text.toLowerCase();
}

export function parseOperation(text: string, name: string): Operation {
  if (text === '0' || text.toLowerCase() === 'call') return 0;
  if (text === '1' || text.toLowerCase() === 'delegatecall') return 1;
  throw new GuardianError('INVALID_INPUT', `${name} must be 0 (CALL) or 1 (DELEGATECALL), got "${text}".`);
}
