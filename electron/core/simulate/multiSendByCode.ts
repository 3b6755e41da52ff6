import { getMultiSendCallOnlyDeployments, getMultiSendDeployments } from '@safe-global/safe-deployments';
import { keccak256 } from 'ethers';
import { hexBytes } from '../primitives/hexBytes.js';
import { MULTISEND_VERSIONS } from '../decode/knownMultiSend.js';

export interface OfficialMultiSend {
  name: 'MultiSend' | 'MultiSendCallOnly';
  version: string;
  /** The official deployment whose code this is, and the hash safe-deployments gives for it. */
  address: string;
  codeHash: string;
}

let official: OfficialMultiSend[] | null = null;

/** Every official MultiSend and MultiSendCallOnly deployment with its code hash, from @safe-global/safe-deployments. */
function officialDeployments(): OfficialMultiSend[] {
  if (official) return official;
  official = [];
  for (const version of MULTISEND_VERSIONS) {
    for (const [name, get] of [
      ['MultiSend', getMultiSendDeployments],
      ['MultiSendCallOnly', getMultiSendCallOnlyDeployments],
    ] as const) {
      for (const deployment of Object.values(get({ version })?.deployments ?? {})) {
        if (deployment?.address && deployment.codeHash)
          official.push({ name, version, address: deployment.address, codeHash: deployment.codeHash.toLowerCase() });
      }
    }
  }
  return official;
}

/** `code` with every byte-aligned occurrence of the 20 bytes of `from` replaced by `to`. */
function replaceAddress(code: Buffer, from: string, to: string): Buffer {
  const [needle, replacement] = [hexBytes(from.toLowerCase(), 'address'), hexBytes(to.toLowerCase(), 'address')];
  const out = Buffer.from(code);
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + needle.length)) replacement.copy(out, at);
  return out;
}

/**
 * Whether the code at `address` is, byte for byte, an official MultiSend's code: a MultiSend deployed where
 * safe-deployments does not list it (a new chain, a test chain). MultiSend keeps `address(this)` as an
 * immutable, so its code differs at each address: the address's own bytes are put back to the official
 * deployment's before hashing. Code that differs anywhere else, or that points its immutable at a third
 * address, is not recognised, and a DELEGATECALL to it stays what it was: foreign code run as the Safe.
 */
export function officialMultiSendByCode(address: string, code: string): OfficialMultiSend | null {
  if (code === '0x') return null;
  const bytes = hexBytes(code, 'code');
  for (const deployment of officialDeployments()) {
    if (keccak256(replaceAddress(bytes, address, deployment.address)).toLowerCase() === deployment.codeHash)
      return deployment;
  }
  return null;
}
