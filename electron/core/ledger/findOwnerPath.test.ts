import { describe, expect, it } from 'vitest';
import { Wallet } from 'ethers';
import { SoftwareLedger } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { LedgerEthApp } from './ethApp.js';
import { findOwnerPath } from './findOwnerPath.js';

describe('findOwnerPath', () => {
  const stranger = Wallet.createRandom().address;

  it('finds an owner on a legacy path', async () => {
    const device = new SoftwareLedger();
    const owner = device.addressAt("44'/60'/0'/2");
    const found = await findOwnerPath(new LedgerEthApp(device), [stranger, owner.toLowerCase()], { scan: 5 });
    expect(found).toEqual({ path: "44'/60'/0'/2", address: owner, style: 'legacy', index: 2 });
  });

  it('finds an owner on a Ledger Live path', async () => {
    const device = new SoftwareLedger();
    const owner = device.addressAt("44'/60'/3'/0/0");
    const found = await findOwnerPath(new LedgerEthApp(device), [owner], { scan: 4 });
    expect(found).toMatchObject({ path: "44'/60'/3'/0/0", style: 'ledger-live', index: 3 });
  });

  it('finds an owner on a BIP44-standard path, asking the shared first path only once', async () => {
    const device = new SoftwareLedger();
    const owner = device.addressAt("44'/60'/0'/0/3");
    const seen: string[] = [];
    const found = await findOwnerPath(new LedgerEthApp(device), [owner], {
      scan: 4,
      onProgress: ({ path }) => seen.push(path),
    });
    expect(found).toEqual({ path: "44'/60'/0'/0/3", address: owner, style: 'bip44', index: 3 });
    expect(seen.filter((p) => p === "44'/60'/0'/0/0")).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('says how many paths it scanned when no owner is on this Ledger', async () => {
    const device = new SoftwareLedger();
    const beyond = device.addressAt("44'/60'/3'/0/0");
    const error = await findOwnerPath(new LedgerEthApp(device), [stranger, beyond], { scan: 3 }).catch(
      (e: unknown) => e,
    );
    // Three styles over three indexes, the path Ledger Live and BIP44 share asked once: 8.
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { scanned: 8 } });
    expect((error as Error).message).toContain('8 addresses');
  });
});
