import { Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeMessageHashes } from '../../electron/core/safe/safeMessageHash.js';
import type { StoredSafeMessage } from '../../electron/core/store/storedSafeMessage.js';
import { verifyMessageOnChain } from '../../electron/core/message/verifyMessageOnChain.js';
import type { SafeMessageContent } from '../../electron/core/safe/safeMessage.js';
import { createLegacySafe, LEGACY_SAFE_VERSIONS } from '../chain/legacySafes.js';
import { safeArtifact } from '../chain/safeArtifacts.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { orderTypedData } from './typedDataFixture.js';

let chain: TestChain;
let contracts: SafeContracts;
let safe141: string;
const handlerAbi = () => safeArtifact('handler/CompatibilityFallbackHandler').abi;

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  safe141 = await createSafe(chain, contracts, {
    owners: [chain.wallets[0]!.address, chain.wallets[1]!.address],
    threshold: 1,
  });
});
afterAll(async () => chain?.stop());

const contents = (): Array<[string, SafeMessageContent]> => [
  ['EIP-191 text', 'I approve the Q3 treasury report.\nSigned for the guardians.'],
  ['EIP-191 text with non-ASCII characters', 'Zürich — 承認'],
  ['EIP-712 typed data', orderTypedData(chain.chainId, '0x' + '42'.repeat(20))],
];

describe("SafeMessage hashes computed here equal the Safe contracts' getMessageHash", () => {
  it('matches Safe 1.4.1 through its CompatibilityFallbackHandler, for text and typed data', async () => {
    // The handler answers on the Safe's address (FallbackManager forwards the call with the Safe as sender).
    const viaSafe = new Contract(safe141, handlerAbi(), chain.provider);
    for (const [, content] of contents()) {
      const hashes = safeMessageHashes({ chainId: chain.chainId, safe: safe141, safeVersion: '1.4.1', content });
      expect(await viaSafe.getFunction('getMessageHash')(hashes.dataHash)).toBe(hashes.safeMessageHash);
      expect(
        await new Contract(safe141, safeArtifact('Safe').abi, chain.provider).getFunction('domainSeparator')(),
      ).toBe(hashes.domainHash);
    }
  });

  it("matches Safe 1.3.0 (the handler reading that Safe's domain) and the older singletons' own getMessageHash", async () => {
    const handler = new Contract(contracts.fallbackHandler, handlerAbi(), chain.provider);
    const owners = [chain.wallets[0]!.address];
    for (const version of LEGACY_SAFE_VERSIONS) {
      const legacy = await createLegacySafe(chain, version, { owners, threshold: 1 });
      const address = await legacy.getAddress();
      for (const [label, content] of contents()) {
        const hashes = safeMessageHashes({ chainId: chain.chainId, safe: address, safeVersion: version, content });
        const onChain =
          version === '1.3.0'
            ? await handler.getFunction('getMessageHashForSafe')(address, hashes.dataHash)
            : await legacy.getFunction('getMessageHash')(hashes.dataHash);
        expect(onChain, `${version} ${label}`).toBe(hashes.safeMessageHash);
      }
    }
  });

  it('is accepted by isValidSignature once signed by the threshold, on 1.4.1 through its handler and on the older singletons themselves', async () => {
    const [a, b] = [chain.wallets[0]!, chain.wallets[1]!];
    // One after another: they are deployed from one account, and its nonces must not race.
    const legacy: Array<{ version: string; address: string }> = [];
    for (const version of ['1.0.0', '1.1.1', '1.2.0'] as const)
      legacy.push({
        version,
        address: await (
          await createLegacySafe(chain, version, { owners: [a.address, b.address], threshold: 2 })
        ).getAddress(),
      });
    const safe2of2 = await createSafe(chain, contracts, { owners: [a.address, b.address], threshold: 2 });
    for (const { version, address } of [{ version: '1.4.1', address: safe2of2 }, ...legacy]) {
      const base = { chainId: chain.chainId, safe: address, safeVersion: version, content: 'Attested by both owners.' };
      const hashes = safeMessageHashes(base);
      const message: StoredSafeMessage = {
        ...base,
        safeMessageHash: hashes.safeMessageHash,
        claimedSafeMessageHash: null,
        source: { kind: 'file', path: 'x' },
        proposedBy: null,
        createdAt: null,
        fetchedAt: 'now',
        signatures: [],
      };
      const signed = [a, b].map((w) => ({
        owner: w.address,
        signature: w.signingKey.sign(hashes.safeMessageHash).serialized,
        origin: 'local' as const,
      }));
      const verdict = await verifyMessageOnChain(chain.provider, message, {
        threshold: 2,
        signed,
        missing: [],
        refused: [],
        met: true,
      });
      expect(verdict, version).toMatchObject({
        valid: true,
        method: version === '1.4.1' ? 'isValidSignature(bytes32,bytes)' : 'isValidSignature(bytes,bytes)',
      });
      // One owner's signature twice is not two owners: the Safe itself refuses it.
      const twice = await verifyMessageOnChain(chain.provider, message, {
        threshold: 2,
        signed: [signed[0]!, { ...signed[0]!, owner: b.address }],
        missing: [],
        refused: [],
        met: true,
      });
      expect(twice.valid, version).toBe(false);
    }
  });

  it('gives another hash under another chain from 1.3.0, and the same under any chain before it', () => {
    const content = 'same text';
    const at = (chainId: bigint, safeVersion: string) =>
      safeMessageHashes({ chainId, safe: safe141, safeVersion, content }).safeMessageHash;
    expect(at(1n, '1.4.1')).not.toBe(at(10n, '1.4.1'));
    expect(at(1n, '1.2.0')).toBe(at(10n, '1.2.0'));
  });
});
