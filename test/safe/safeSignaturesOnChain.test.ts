import { TypedDataEncoder, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onChainSignatureChecks } from '../../electron/core/safe/onChainSignatureChecks.js';
import { encodeSafeSignatures, type SafeSignature } from '../../electron/core/safe/safeSignature.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes, safeTxPreimage, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { verifySafeSignatures } from '../../electron/core/safe/verifySafeSignatures.js';
import { createLegacySafe } from '../chain/legacySafes.js';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { eip712Signature, ethSignSignature, innerSafeSignature } from './ownerSignatures.js';
import { executeOnChain } from './safeTxOnChain.js';

let chain: TestChain;
let contracts: SafeContracts;
let owners: Wallet[];

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3);
});
afterAll(async () => chain?.stop());

describe('each Safe signature kind, checked by the real contract', () => {
  it('executes with an EIP-712 and an eth_sign signature on a 2-of-3 Safe 1.4.1', async () => {
    const address = await createSafe(chain, contracts, { owners: owners.map((o) => o.address), threshold: 2 });
    const safe = safeAt(address, chain.provider);
    await (await chain.wallets[8]!.sendTransaction({ to: address, value: 10n ** 18n })).wait();
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.4.1',
      to: chain.wallets[7]!.address,
      value: 12345n,
      nonce: 0n,
    });
    const { safeTxHash } = safeTxHashes(tx);
    const packed = encodeSafeSignatures([
      await eip712Signature(owners[0]!, tx),
      await ethSignSignature(owners[1]!, tx),
    ]);

    await safe.getFunction('checkSignatures')(safeTxHash, '0x', packed);
    const verdicts = await verifySafeSignatures(safeTxHash, packed, {
      owners: owners.map((o) => o.address),
      threshold: 2,
    });
    expect(verdicts.map((v) => v.kind).sort()).toEqual(['eip712', 'eth_sign']);

    const before = await chain.provider.getBalance(chain.wallets[7]!.address);
    await executeOnChain(safe, tx, packed, chain.wallets[8]!);
    expect(await chain.provider.getBalance(chain.wallets[7]!.address)).toBe(before + 12345n);
    expect(await safe.getFunction('nonce')()).toBe(1n);
  });

  it('accepts an approved hash (v=1) and a nested Safe contract signature (v=0) only once the chain confirms them', async () => {
    const nested = await createSafe(chain, contracts, { owners: [owners[2]!.address], threshold: 1 });
    const address = await createSafe(chain, contracts, {
      owners: [owners[0]!.address, owners[1]!.address, nested],
      threshold: 3,
    });
    const safe = safeAt(address, chain.provider);
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.4.1',
      to: address,
      data: safe.interface.encodeFunctionData('changeThreshold', [2]),
      nonce: 0n,
    });
    const { safeTxHash } = safeTxHashes(tx);
    const signatures: SafeSignature[] = [
      await eip712Signature(owners[0]!, tx),
      { signer: owners[1]!.address, kind: 'approved_hash', data: '0x' },
      // Safe 1.4.1 hands the owner contract the transaction's EIP-712 preimage, so the inner owner signs those bytes.
      await innerSafeSignature(chain.chainId, nested, owners[2]!, safeTxPreimage(tx)),
    ];
    const packed = encodeSafeSignatures(signatures);
    const safeShape = { owners: [owners[0]!.address, owners[1]!.address, nested], threshold: 3 };
    const checks = onChainSignatureChecks(chain.provider, tx);

    // Not yet approved on-chain: both the contract and this code refuse.
    await expect(safe.getFunction('checkSignatures')(safeTxHash, safeTxPreimage(tx), packed)).rejects.toThrow(/GS025/);
    await expect(verifySafeSignatures(safeTxHash, packed, safeShape, checks)).rejects.toThrow(/approved_hash/);

    await (await safe.connect(owners[1]!).getFunction('approveHash')(safeTxHash)).wait();
    await safe.getFunction('checkSignatures')(safeTxHash, safeTxPreimage(tx), packed);
    const verdicts = await verifySafeSignatures(safeTxHash, packed, safeShape, checks);
    expect(verdicts.every((v) => v.proven)).toBe(true);

    await executeOnChain(safe, tx, packed, chain.wallets[8]!);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
  });

  it('refuses, with the contract, a signature over another hash', async () => {
    const address = await createSafe(chain, contracts, { owners: [owners[0]!.address], threshold: 1 });
    const safe = safeAt(address, chain.provider);
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.4.1',
      to: owners[0]!.address,
      nonce: 0n,
    });
    const other = createSafeTx({ ...tx, nonce: 1n });
    const packed = encodeSafeSignatures([await eip712Signature(owners[0]!, other)]);
    await expect(safe.getFunction('checkSignatures')(safeTxHashes(tx).safeTxHash, '0x', packed)).rejects.toThrow();
    await expect(
      verifySafeSignatures(safeTxHashes(tx).safeTxHash, packed, { owners: [owners[0]!.address], threshold: 1 }),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
  });

  it('executes on a real Safe 1.3.0, whose domain differs from 1.4.1 only in the singleton', async () => {
    const safe = await createLegacySafe(chain, '1.3.0', { owners: owners.map((o) => o.address), threshold: 2 });
    const address = await safe.getAddress();
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.3.0',
      to: address,
      data: safe.interface.encodeFunctionData('changeThreshold', [1]),
      nonce: 0n,
    });
    expect(TypedDataEncoder.hashDomain(safeTxTypedData(tx).domain)).toBe(await safe.getFunction('domainSeparator')());
    const packed = encodeSafeSignatures([
      await eip712Signature(owners[2]!, tx),
      await ethSignSignature(owners[0]!, tx),
    ]);
    await executeOnChain(safe, tx, packed, chain.wallets[8]!);
    expect(await safe.getFunction('getThreshold')()).toBe(1n);
  });
});
