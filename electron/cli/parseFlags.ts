import { isAddress, getAddress, isHexString } from 'ethers';
import { GuardianError } from '../core/errors.js';
import type { Operation } from '../core/safe/safeTx.js';

export function parseBigint(text: string, name: string): bigint {
  const t = text.trim();
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t))
    throw new GuardianError('INVALID_INPUT', `${name} must be a whole number (decimal or 0x hex), got "${text}".`);
  return BigInt(t);
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
