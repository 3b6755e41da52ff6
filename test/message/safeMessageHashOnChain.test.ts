import { Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeMessageHashes } from '../../electron/core/message/safeMessageHash.js';
import type { SafeMessageContent } from '../../electron/core/message/safeMessage.js';
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
  safe141 = await createSafe(chain, contracts, { owners: [chain.wallets[0]!.address, chain.wallets[1]!.address], threshold: 1 });
});
afterAll(async () => chain?.stop());

const contents = (): Array<[string, SafeMessageContent]> => [
  ['EIP-191 text', 'I approve the Q3 treasury report.\nSigned for the guardians.'],
  ['EIP-191 text with non-ASCII characters', 'Zürich — 承認'],
  ['EIP-712 typed data', orderTypedData(chain.chainId, '0x' + '42'.repeat(20))],
];

describe('SafeMessage hashes computed here equal the Safe contracts\' getMessageHash', () => {
  it('matches Safe 1.4.1 through its CompatibilityFallbackHandler, for text and typed data', async () => {
    // The handler answers on the Safe's address (FallbackManager forwards the call with the Safe as sender).
    const viaSafe = new Contract(safe141, handlerAbi(), chain.provider);
    for (const [, content] of contents()) {
      const hashes = safeMessageHashes({ chainId: chain.chainId, safe: safe141, safeVersion: '1.4.1', content });
      expect(await viaSafe.getFunction('getMessageHash')(hashes.dataHash)).toBe(hashes.safeMessageHash);
      expect(await new Contract(safe141, safeArtifact('Safe').abi, chain.provider).getFunction('domainSeparator')()).toBe(hashes.domainHash);
    }
  });

  it('matches Safe 1.3.0 (the handler reading that Safe\'s domain) and the older singletons\' own getMessageHash', async () => {
    const handler = new Contract(contracts.fallbackHandler, handlerAbi(), chain.provider);
    const owners = [chain.wallets[0]!.address];
    for (const version of LEGACY_SAFE_VERSIONS) {
      const legacy = await createLegacySafe(chain, version, { owners, threshold: 1 });
      const address = await legacy.getAddress();
      for (const [label, content] of contents()) {
        const hashes = safeMessageHashes({ chainId: chain.chainId, safe: address, safeVersion: version, content });
        const onChain = version === '1.3.0' ? await handler.getFunction('getMessageHashForSafe')(address, hashes.dataHash) : await legacy.getFunction('getMessageHash')(hashes.dataHash);
        expect(onChain, `${version} ${label}`).toBe(hashes.safeMessageHash);
      }
    }
  });

  it('gives another hash under another chain from 1.3.0, and the same under any chain before it', () => {
    const content = 'same text';
    const at = (chainId: bigint, safeVersion: string) => safeMessageHashes({ chainId, safe: safe141, safeVersion, content }).safeMessageHash;
    expect(at(1n, '1.4.1')).not.toBe(at(10n, '1.4.1'));
    expect(at(1n, '1.2.0')).toBe(at(10n, '1.2.0'));
  });
});
