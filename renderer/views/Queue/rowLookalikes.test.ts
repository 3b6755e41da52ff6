import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { rowLookalikes } from './rowLookalikes.js';

const owner1 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const owner2 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const safe = { address: getAddress('0x3385b2ea1b8a2beef64e43d6fa5e3f5e3f5324e2'), owners: [owner1, owner2] };
/** Owner 1's four hex characters at each end around others: what an address-poisoning attacker grinds. */
const poisoned = getAddress(`${owner1.slice(0, 6)}${'f'.repeat(32)}${owner1.slice(-4)}`.toLowerCase());

describe('the look-alikes in a queue row', () => {
  it('flags a full address in the description that shares an owner’s ends but is another address, naming the owner', () => {
    expect(rowLookalikes(`Transfers ownership of Vault (0x2279…eBe6) to ${poisoned}`, safe)).toEqual([
      { address: poisoned, resembles: owner1, name: 'owner 1' },
    ]);
  });

  it('flags one that imitates the Safe itself, once however often the description names it', () => {
    const twin = getAddress(`${safe.address.slice(0, 6)}${'0'.repeat(32)}${safe.address.slice(-4)}`.toLowerCase());
    expect(rowLookalikes(`Sends 1 ETH to ${twin}, then ${twin.toLowerCase()}`, safe)).toEqual([
      { address: twin, resembles: getAddress(safe.address), name: 'this Safe' },
    ]);
  });

  it('says nothing of an owner itself, of an unrelated address, or when the Safe’s owners are not known here', () => {
    expect(rowLookalikes(`Adds ${owner2} and ${'0x' + '12'.repeat(20)}`, safe)).toEqual([]);
    expect(rowLookalikes(`Transfers ownership to ${poisoned}`, { ...safe, owners: null })).toEqual([]);
    expect(rowLookalikes(`Transfers ownership to ${poisoned}`, undefined)).toEqual([]);
  });
});

describe('the look-alikes a review recorded, in the queue row', () => {
  const vault = getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3');
  const vaultTwin = getAddress(`${vault.slice(0, 6)}${'e'.repeat(32)}${vault.slice(-4)}`.toLowerCase());
  const ofVault = { address: vaultTwin, resembles: vault, name: 'Vault' };

  it('joins those the Safe and its owners give, even where the Safe is not known here', () => {
    expect(rowLookalikes(`Approves ${vaultTwin} and hands over to ${poisoned}`, safe, [ofVault])).toEqual([
      { address: poisoned, resembles: owner1, name: 'owner 1' },
      ofVault,
    ]);
    expect(rowLookalikes(`Approves ${vaultTwin}`, undefined, [ofVault])).toEqual([ofVault]);
  });

  it('flags an address once when the review recorded it too, whatever its case', () => {
    const again = { address: poisoned.toLowerCase(), resembles: owner1, name: 'owner 1' };
    expect(rowLookalikes(`Transfers ownership to ${poisoned}`, safe, [again, ofVault, ofVault])).toEqual([
      { address: poisoned, resembles: owner1, name: 'owner 1' },
      ofVault,
    ]);
  });
});
