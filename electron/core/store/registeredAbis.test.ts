import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('abis');
const freshStore = (): Store => stores.store();

const vault = getAddress('0x' + 'aa'.repeat(20));
const oracle = getAddress('0x' + '0a'.repeat(20));
const pause = [{ type: 'function', name: 'pause', inputs: [], outputs: [], stateMutability: 'nonpayable' }];

describe('registered ABIs', () => {
  it('round-trips ABIs, lists them per chain, and replaces one registered again', () => {
    const store = freshStore();
    store.saveAbi({ chainId: 1n, address: vault.toLowerCase(), name: 'Vault', abi: pause });
    store.saveAbi({ chainId: 1n, address: oracle, abi: [] });
    store.saveAbi({ chainId: 10n, address: vault, name: 'Vault (OP)', abi: pause });
    expect(store.getAbi(1n, vault)).toEqual({
      chainId: 1n,
      address: vault,
      name: 'Vault',
      abi: pause,
      addedAt: expect.any(String),
    });
    expect(store.listAbis(1n).map((a) => a.address)).toEqual([oracle, vault]);
    expect(store.listAbis().map((a) => `${a.chainId}:${a.name}`)).toEqual(['1:null', '1:Vault', '10:Vault (OP)']);
    store.saveAbi({ chainId: 1n, address: vault, name: 'Vault v2', abi: [] });
    expect(store.getAbi(1n, vault.toLowerCase())).toMatchObject({ name: 'Vault v2', abi: [] });
    expect(store.getAbi(2n, vault)).toBeNull();
  });

  it('refuses an address that is not one and an ABI that is not an array', () => {
    const store = freshStore();
    expect(() => store.saveAbi({ chainId: 1n, address: 'vault', abi: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() =>
      store.saveAbi({ chainId: 1n, address: vault, abi: { functions: [] } as unknown as unknown[] }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(store.listAbis()).toEqual([]);
  });

  it('names the row when a stored ABI is no longer a JSON array', () => {
    const store = freshStore();
    store.saveAbi({ chainId: 1n, address: vault, name: 'Vault', abi: pause });
    const raw = new DatabaseSync(store.path);
    raw.exec(`UPDATE registered_abis SET abi_json = '{"not":"an array"}'`);
    raw.close();
    expect(() => store.listAbis()).toThrow(
      expect.objectContaining({
        code: 'STORE_FAILED',
        message: expect.stringContaining(`registered_abis (1:${vault})`),
      }),
    );
  });
});
