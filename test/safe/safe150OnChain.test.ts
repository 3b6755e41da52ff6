import { type Contract, getBytes, hexlify, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onChainSignatureChecks } from '../../electron/core/safe/onChainSignatureChecks.js';
import { encodeSafeSignatures, type SafeSignature } from '../../electron/core/safe/safeSignature.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes, safeTxPreimage, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { verifySafeSignatures } from '../../electron/core/safe/verifySafeSignatures.js';
import { createSafe150, deploySafe150, type Safe150Contracts } from '../chain/safe150.js';
import { deployer } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';

let chain: TestChain;
let contracts: Safe150Contracts;
let owners: Wallet[];

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafe150(deployer(chain));
  owners = chain.wallets.slice(0, 3);
});
afterAll(async () => chain?.stop());

async function eip712(wallet: Wallet, tx: SafeTx): Promise<SafeSignature> {
  const typed = safeTxTypedData(tx);
  return {
    signer: wallet.address,
    kind: 'eip712',
    data: await wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message),
  };
}

async function ethSign(wallet: Wallet, tx: SafeTx): Promise<SafeSignature> {
  const raw = getBytes(await wallet.signMessage(getBytes(safeTxHashes(tx).safeTxHash)));
  raw[64] = raw[64]! + 4;
  return { signer: wallet.address, kind: 'eth_sign', data: hexlify(raw) };
}

/** The inner Safe's owner signs a SafeMessage over `message` under the inner Safe's domain. */
async function innerSafeSignature(innerSafe: string, innerOwner: Wallet, message: string): Promise<SafeSignature> {
  const domain = { chainId: chain.chainId, verifyingContract: innerSafe };
  const data = await innerOwner.signTypedData(
    domain,
    { SafeMessage: [{ name: 'message', type: 'bytes' }] },
    { message },
  );
  return { signer: innerSafe, kind: 'contract', data };
}

/** The Safe reads signatures in ascending owner order. */
const packed = (signatures: SafeSignature[]) =>
  encodeSafeSignatures([...signatures].sort((a, b) => (a.signer.toLowerCase() < b.signer.toLowerCase() ? -1 : 1)));

const exec = (safe: Contract, tx: SafeTx, signatures: string, sender: Wallet) =>
  safe
    .connect(sender)
    .getFunction('execTransaction')(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      signatures,
    )
    .then((r: { wait(): Promise<unknown> }) => r.wait());

describe('Safe 1.5.0, deployed from @safe-global/safe-smart-account', () => {
  it('has the hashes this console computes for 1.5.0: getTransactionHash and domainSeparator, every field non-zero', async () => {
    const safe = await createSafe150(deployer(chain), contracts, { owners: [owners[0]!.address], threshold: 1 });
    expect(await safe.getFunction('VERSION')()).toBe('1.5.0');
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: await safe.getAddress(),
      safeVersion: '1.5.0',
      to: '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
      value: 10n ** 18n,
      data: '0x8456cb59',
      operation: 1,
      safeTxGas: 50_000n,
      baseGas: 21_000n,
      gasPrice: 3n,
      gasToken: '0x1111111111111111111111111111111111111111',
      refundReceiver: '0x2222222222222222222222222222222222222222',
      nonce: 42n,
    });
    const hashes = safeTxHashes(tx);
    expect(hashes.safeTxHash).toBe(
      await safe.getFunction('getTransactionHash')(
        tx.to,
        tx.value,
        tx.data,
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        tx.nonce,
      ),
    );
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
    const asFor141 = await innerSafeSignature(innerAddress, owners[2]!, safeTxPreimage(tx));
    const wrong = packed([await eip712(owners[0]!, tx), await ethSign(owners[1]!, tx), asFor141]);
    // The inner Safe recovers a stranger from a signature over other bytes and refuses it (GS026), and the outer
    // Safe's call to its isValidSignature fails with that refusal.
    await expect(
      safe.getFunction('checkSignatures(address,bytes32,bytes)')(owners[0]!.address, safeTxHash, wrong),
    ).rejects.toThrow(/GS026/);
    await expect(verifySafeSignatures(safeTxHash, wrong, shape, checks)).rejects.toMatchObject({
      message: expect.stringContaining(innerAddress),
    });

    const signatures = packed([
      await eip712(owners[0]!, tx),
      await ethSign(owners[1]!, tx),
      await innerSafeSignature(innerAddress, owners[2]!, safeTxHash),
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

    await exec(safe, tx, signatures, chain.wallets[8]!);
    expect(await safe.getFunction('getThreshold')()).toBe(2n);
    expect(await safe.getFunction('nonce')()).toBe(1n);
  });
});
