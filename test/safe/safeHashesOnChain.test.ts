import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { createLegacySafe, LEGACY_SAFE_VERSIONS } from '../chain/legacySafes.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { everyFieldSafeTx, onChainSafeTxHash } from './safeTxOnChain.js';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => chain?.stop());

describe('safeTxHash against the real contract', () => {
  for (const version of LEGACY_SAFE_VERSIONS) {
    it(`equals getTransactionHash and domainSeparator of a real Safe ${version}`, async () => {
      const safe = await createLegacySafe(chain, version, { owners: [chain.wallets[0]!.address], threshold: 1 });
      expect(await safe.getFunction('VERSION')()).toBe(version);
      const tx = everyFieldSafeTx(chain.chainId, await safe.getAddress(), version);
      const hashes = safeTxHashes(tx);
      expect(hashes.safeTxHash).toBe(await onChainSafeTxHash(safe, tx));
      expect(hashes.domainHash).toBe(await safe.getFunction('domainSeparator')());
    });
  }

  it('equals getTransactionHash and domainSeparator of a Safe 1.4.1 proxy', async () => {
    const contracts = await deploySafeContracts(chain);
    const address = await createSafe(chain, contracts, { owners: [chain.wallets[0]!.address], threshold: 1 });
    const safe = safeAt(address, chain.provider);
    const tx = everyFieldSafeTx(chain.chainId, address, '1.4.1');
    const hashes = safeTxHashes(tx);
    expect(hashes.safeTxHash).toBe(await onChainSafeTxHash(safe, tx));
    expect(hashes.domainHash).toBe(await safe.getFunction('domainSeparator')());
  });

  it('differs when the hash is computed for the wrong version, so version rules matter', async () => {
    const safe = await createLegacySafe(chain, '1.2.0', { owners: [chain.wallets[0]!.address], threshold: 1 });
    const tx = everyFieldSafeTx(chain.chainId, await safe.getAddress(), '1.3.0');
    expect(safeTxHashes(tx).safeTxHash).not.toBe(await onChainSafeTxHash(safe, tx));
  });
});
