import { GuardianError } from '../core/errors.js';
import { parseAddress } from './parseFlags.js';

/** "<chainId>:<address>", the form every verb takes to name a Safe (like EIP-3770, with a number). */
export function parseSafeRef(text: string | undefined): { chainId: bigint; address: string } {
  const match = text?.match(/^([0-9]+):(0x[0-9a-fA-F]{40})$/);
  if (!match)
    throw new GuardianError(
      'INVALID_INPUT',
      `Name the Safe as <chainId>:<address>, e.g. 1:0x5afe…; got "${text ?? ''}".`,
    );
  return { chainId: BigInt(match[1]!), address: parseAddress(match[2]!, 'the Safe address') };
}

export function parseHttpUrl(text: string, name: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GuardianError('INVALID_INPUT', `${name} must be an http(s) URL, got "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new GuardianError('INVALID_INPUT', `${name} must be an http(s) URL, got "${text}".`);
  return text.replace(/\/+$/, '');
}
