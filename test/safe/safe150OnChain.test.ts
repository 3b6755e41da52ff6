import { type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onChainSignatureChecks } from '../../electron/core/safe/onChainSignatureChecks.js';
import { encodeSafeSignatures, type SafeSignature } from '../../electron/core/safe/safeSignature.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes, safeTxPreimage } from '../../electron/core/safe/safeTxHash.js';
import { verifySafeSignatures } from '../../electron/core/safe/verifySafeSignatures.js';
import { createSafe150, deploySafe150, type Safe150Contracts } from '../chain/safe150.js';
import { deployer } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { eip712Signature, ethSignSignature, innerSafeSignature } from './ownerSignatures.js';
import { everyFieldSafeTx, executeOnChain, onChainSafeTxHash } from './safeTxOnChain.js';

let chain: TestChain;
let contracts: Safe150Contracts;
let owners: Wallet[];

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafe150(deployer(chain));
  owners = chain.wallets.slice(0, 3);
});
afterAll(async () => chain?.stop());

/** The Safe reads signatures in ascending owner order. */
const packed = (signatures: SafeSignature[]) =>
  encodeSafeSignatures([...signatures].sort((a, b) => (a.signer.toLowerCase() < b.signer.toLowerCase() ? -1 : 1)));

describe('Safe 1.5.0, deployed from @safe-global/safe-smart-account', () => {
  it('has the hashes this console computes for 1.5.0: getTransactionHash and domainSeparator, every field non-zero', async () => {
    const safe = await createSafe150(deployer(chain), contracts, { owners: [owners[0]!.address], threshold: 1 });
    expect(await safe.getFunction('VERSION')()).toBe('1.5.0');
    const tx = everyFieldSafeTx(chain.chainId, await safe.getAddress(), '1.5.0');
    const hashes = safeTxHashes(tx);
    expect(hashes.safeTxHash).toBe(await onChainSafeTxHash(safe, tx));
    expect(hashes.domainHash).toBe(await safe.getFunction('domainSeparator')());
  });

  it('executes with an EIP-712, an eth_sign and a nested 1.5.0 Safe signature checked through EIP-1271 isValidSignature(bytes32,bytes)', async () => {
    const inner = await createSafe150(deployer(chain), contracts, { owners: [owners[2]!.address], threshold: 1 });
    const innerAddress = await inner.getAddress();
    const safe = await createSafe150(deployer(chain), contracts, {
      owners: [owners[0]!.address, owners[1]!.address, innerAddress],
      threshold: 3,
    });
    const address = await safe.getAddress();
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.5.0',
      to: address,
      data: safe.interface.encodeFunctionData('changeThreshold', [2]),
      nonce: 0n,
    });
    const { safeTxHash } = safeTxHashes(tx);
    const shape = { owners: [owners[0]!.address, owners[1]!.address, innerAddress], threshold: 3 };
    const checks = onChainSignatureChecks(chain.provider, tx);

    // 1.5.0 hands the owner contract the safeTxHash itself (EIP-1271), not the preimage 1.4.1 hands it.
    const asFor141 = await innerSafeSignature(chain.chainId, innerAddress, owners[2]!, safeTxPreimage(tx));
    const wrong = packed([await eip712Signature(owners[0]!, tx), await ethSignSignature(owners[1]!, tx), asFor141]);
    // The inner Safe recovers a stranger from a signature over other bytes and refuses it (GS026), and the outer
    // Safe's call to its isValidSignature fails with that refusal.
    await expect(
      safe.getFunction('checkSignatures(address,bytes32,bytes)')(owners[0]!.address, safeTxHash, wrong),
    ).rejects.toThrow(/GS026/);
    await expect(verifySafeSignatures(safeTxHash, wrong, shape, checks)).rejects.toMatchObject({
      message: expect.stringContaining(innerAddress),
    });

    const signatures = packed([
      await eip712Signature(owners[0]!, tx),
      await ethSignSignature(owners[1]!, tx),
      await innerSafeSignature(chain.chainId, innerAddress, owners[2]!, safeTxHash),
    ]);
    await safe.getFunction('checkSignatures(address,bytes32,bytes)')(owners[0]!.address, safeTxHash, signatures);
    const verdicts = await verifySafeSignatures(safeTxHash, signatures, shape, checks);
    expect(verdicts.map((v) => [v.kind, v.proven])).toEqual(
      expect.arrayContaining([
        ['eip712', true],
        ['eth_sign', true],
        ['contract', true],
      ]),
    );

    await executeOnChain(safe, tx, signatures, chain.wallets[8]!);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
    expect(await safe.getFunction('nonce')()).toBe(1n);
  });
});
