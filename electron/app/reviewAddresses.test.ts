import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../core/decode/addressBook.js';
import { knownSafeDeployments } from '../core/decode/knownSafeDeployments.js';
import { findingEvidence } from './findingEvidence.js';
import { reviewAddresses } from './reviewAddresses.js';

const owner = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const poisoned = getAddress('0x7099ffffffffffffffffffffffffffffffff79c8');
const stranger = getAddress('0x1111222233334444555566667777888899990000');

describe('the addresses a review shows', () => {
  const book = new AddressBook().add(owner, 'owner 1');
  const [singleton] = [...knownSafeDeployments(1n).entries()].find(([, name]) => name === 'Safe singleton 1.4.1')!;

  it('names each from the address book or the Safe deployments, leaves a stranger unnamed, and flags a look-alike', () => {
    const shown = {
      findings: [{ explanation: `owner goes to ${poisoned.toLowerCase()}` }],
      contracts: [{ before: `${owner}, ${stranger}`, after: singleton }],
    };
    const { addresses, lookalikes } = reviewAddresses(shown, 1n, book);
    const byAddress = Object.fromEntries(addresses.map((a) => [a.address, a]));
    expect(byAddress[owner]).toEqual({ address: owner, name: 'owner 1', resembles: null });
    expect(byAddress[getAddress(singleton)]).toEqual({
      address: getAddress(singleton),
      name: 'Safe singleton 1.4.1',
      resembles: null,
    });
    expect(byAddress[stranger]).toEqual({ address: stranger, name: null, resembles: null });
    expect(byAddress[poisoned]).toEqual({
      address: poisoned,
      name: null,
      resembles: { address: owner, name: 'owner 1' },
    });
    expect(lookalikes).toEqual([{ address: poisoned, resembles: owner, name: 'owner 1' }]);
  });

  it('does not take a longer hex string (a hash, calldata) for an address', () => {
    const { addresses } = reviewAddresses({ hash: `0x${'ab'.repeat(32)}` }, 1n, book);
    expect(addresses).toEqual([]);
  });
});

describe("a finding's evidence as lines", () => {
  it("keeps the rule's keys in order, reads bigints and lists, and says what an empty path is", () => {
    expect(
      findingEvidence({ contract: owner, before: 1n, path: [], classes: ['pause', 'ownership'], nested: { a: 2n } }),
    ).toEqual([
      { key: 'contract', value: owner },
      { key: 'before', value: '1' },
      { key: 'path', value: 'the transaction itself' },
      { key: 'classes', value: 'pause, ownership' },
      { key: 'nested', value: '{"a":"2"}' },
    ]);
  });
});
