import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress } from 'ethers';
import { startTestChain, type TestChain } from '../../../test/chain/testChain.js';
import { tempStores } from '../../../test/store/tempStores.js';
import { GuardianError } from '../errors.js';
import { rpcChainId, watchSafe } from './watchSafe.js';

const stores = tempStores('watch-safe');
const safe = '0x' + '5a'.repeat(20);
let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => chain?.stop());

describe('watching a Safe', () => {
  it('asks the RPC which chain it serves', async () => {
    expect(await rpcChainId(chain.rpcUrl)).toBe(chain.chainId);
  });

  it('refuses a Safe whose RPC serves another chain, and stores nothing', async () => {
    const store = stores.store();
    const wrong = chain.chainId + 1n;
    const refused = await watchSafe(store, {
      chainId: wrong,
      address: safe,
      serviceUrl: null,
      rpcUrl: chain.rpcUrl,
      label: null,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GuardianError);
    expect(refused).toMatchObject({
      code: 'WRONG_CHAIN',
      message: expect.stringContaining(`serves chain ${chain.chainId}, not chain ${wrong}`),
    });
    expect(store.listWatchedSafes()).toEqual([]);
  });

  it('watches a Safe whose RPC serves its chain, checksummed', async () => {
    const store = stores.store();
    const saved = await watchSafe(store, {
      chainId: chain.chainId,
      address: safe,
      serviceUrl: 'http://127.0.0.1:1/api',
      rpcUrl: chain.rpcUrl,
      label: 'Guardians',
    });
    expect(saved).toMatchObject({
      chainId: chain.chainId,
      address: getAddress(safe),
      rpcUrl: chain.rpcUrl,
      label: 'Guardians',
    });
    expect(store.getWatchedSafe(chain.chainId, safe)).toEqual(saved);
  });

  it('says the RPC cannot be reached rather than watching a Safe it cannot check', async () => {
    const store = stores.store();
    await expect(
      watchSafe(store, { chainId: 1n, address: safe, serviceUrl: null, rpcUrl: 'http://127.0.0.1:9', label: null }),
    ).rejects.toMatchObject({ code: 'RPC_UNREACHABLE' });
    expect(store.listWatchedSafes()).toEqual([]);
  });
});
