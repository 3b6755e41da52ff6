import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import type { Store } from './openStore.js';

const stores = tempStores('tokens');
const freshStore = (): Store => stores.store();

const usdc = getAddress('0x' + 'c0'.repeat(20));
const guard = getAddress('0x' + '9d'.repeat(20));

describe('token decimals and symbols kept from reviews', () => {
  it('keeps what tokens said, per chain, by lowercase address, and refreshes an entry learned again', () => {
    const store = freshStore();
    store.saveTokenInfos(
      1n,
      new Map([
        [usdc.toLowerCase(), { decimals: 6, symbol: 'USDC' }],
        [guard, { decimals: 18, symbol: 'GRD' }],
      ]),
    );
    store.saveTokenInfo(10n, usdc, { decimals: 6, symbol: 'USDC.e' });
    expect(store.listTokenInfo(1n)).toEqual(
      new Map([
        [usdc.toLowerCase(), { decimals: 6, symbol: 'USDC' }],
        [guard.toLowerCase(), { decimals: 18, symbol: 'GRD' }],
      ]),
    );
    store.saveTokenInfo(1n, guard, { decimals: 8, symbol: 'GRD2' });
    expect(store.listTokenInfo(1n).get(guard.toLowerCase())).toEqual({ decimals: 8, symbol: 'GRD2' });
    expect(store.listTokenInfo(10n).get(usdc.toLowerCase())).toEqual({ decimals: 6, symbol: 'USDC.e' });
    expect(store.listTokenInfo(5n).size).toBe(0);
  });

  it('refuses a symbol no screen should show or decimals no token has, naming which, and keeps none of a batch with one', () => {
    const store = freshStore();
    expect(() => store.saveTokenInfo(1n, usdc, { decimals: 6, symbol: 'US\u202eDC' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/symbol: not 1 to 16 printable ASCII/),
      }),
    );
    expect(() => store.saveTokenInfo(1n, usdc, { decimals: 77, symbol: 'USDC' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/decimals/) }),
    );
    expect(() => store.saveTokenInfo(1n, 'usdc', { decimals: 6, symbol: 'USDC' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/not a token address/) }),
    );
    expect(() =>
      store.saveTokenInfos(
        1n,
        new Map([
          [usdc, { decimals: 6, symbol: 'USDC' }],
          [guard, { decimals: -1, symbol: 'GRD' }],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(store.listTokenInfo(1n).size).toBe(0);
  });

  it('names the row when a kept symbol was changed outside the console', () => {
    const store = freshStore();
    store.saveTokenInfo(1n, usdc, { decimals: 6, symbol: 'USDC' });
    const raw = new DatabaseSync(store.path);
    raw.exec(`UPDATE token_info SET symbol = 'U' || char(0) || 'SDC'`);
    raw.close();
    expect(() => store.listTokenInfo(1n)).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(`token_info (1:${usdc})`) }),
    );
  });
});
