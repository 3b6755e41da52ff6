import { Wallet, id, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { signingKeyFinding } from './signingKeyFindings.js';

const key = (name: string) => new Wallet(id(name)).address;
const oldKey = key('sequencer key');
const newKey = key('rotated key');

describe('a key the protocol trusts, changed', () => {
  it('is high when the new key is outside the address book, and names it', () => {
    const f = signingKeyFinding(
      new AddressBook(),
      'SystemConfig',
      { what: 'unsafeBlockSigner', before: oldKey, after: newKey },
      {},
    );
    expect([f?.code, f?.severity, f?.evidence['key']]).toEqual(['SIGNING_KEY_TO_UNKNOWN_ADDRESS', 'high', newKey]);
  });

  it('is medium when the address book knows the new key', () => {
    const book = new AddressBook().add(newKey, 'Ops sequencer');
    const f = signingKeyFinding(book, 'Bridge', { what: 'relayer', before: oldKey, after: newKey }, {});
    expect([f?.code, f?.severity]).toEqual(['SIGNING_KEY_CHANGED', 'medium']);
    expect(f?.explanation).toMatch(/relayer goes to Ops sequencer/);
  });

  it('reads an address left-padded in a word (batcherHash)', () => {
    const change = { what: 'batcherHash', before: zeroPadValue(oldKey, 32), after: zeroPadValue(newKey, 32) };
    expect(signingKeyFinding(new AddressBook(), 'SystemConfig', change, {})?.evidence['key']).toBe(newKey);
  });

  it('is no finding for a value that is not an address, or a getter no key name ends', () => {
    const book = new AddressBook();
    expect(signingKeyFinding(book, 'SystemConfig', { what: 'gasLimit', before: '1', after: '2' }, {})).toBe(null);
    expect(signingKeyFinding(book, 'SystemConfig', { what: 'batcherHash', before: id('a'), after: id('b') }, {})).toBe(
      null,
    );
    expect(signingKeyFinding(book, 'Vault', { what: 'treasury', before: oldKey, after: newKey }, {})).toBe(null);
  });
});
