import type { AddressBook } from '../decode/addressBook.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { Change } from '../primitives/riskDiffTypes.js';
import { finding, type Finding } from './finding.js';

/**
 * A key the protocol trusts to act for it, by its getter's name: Optimism's unsafeBlockSigner (the sequencer's
 * block-signing key) and batcherHash, a bridge's relayer, a rollup's proposer or challenger. Not an owner: it
 * cannot upgrade or reconfigure the contract, but what it signs, nodes and bridges act on.
 */
const SIGNING_KEY = /(signer|sequencer|batcher|batcherHash|proposer|challenger|relayer|operator)$/i;

/** An address, or a word holding one (batcherHash is the batcher's address, left-padded to 32 bytes). */
function addressOf(value: string): string | null {
  if (/^0x[0-9a-fA-F]{40}$/.test(value)) return checksumAddress(value);
  if (/^0x0{24}[0-9a-fA-F]{40}$/.test(value)) return checksumAddress(`0x${value.slice(26)}`);
  return null;
}

/** The finding for a signing key that changes, or null where `change` is not one. */
export function signingKeyFinding(
  book: AddressBook,
  contract: string,
  change: Pick<Change, 'what' | 'before' | 'after'>,
  evidence: Record<string, unknown>,
): Finding | null {
  const name = change.what.slice(change.what.lastIndexOf('.') + 1);
  const key = addressOf(change.after);
  if (!SIGNING_KEY.test(name) || key === null || addressOf(change.before) === null) return null;
  if (book.has(key))
    return finding('SIGNING_KEY_CHANGED', `${contract}: ${change.what} goes to ${book.label(key)}.`, evidence);
  return finding(
    'SIGNING_KEY_TO_UNKNOWN_ADDRESS',
    `${contract}: ${change.what} goes from ${change.before} to ${key}, an address outside the address book. Whatever that key signs, ${contract} and those who read it will take as the protocol's: check the new key with its operator before signing.`,
    { ...evidence, key },
  );
}
