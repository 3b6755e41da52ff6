import { getBytes, hexlify, type Wallet } from 'ethers';
import type { SafeSignature } from '../../electron/core/safe/safeSignature.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';

/** An owner's EIP-712 signature over the SafeTx, made by ethers itself rather than by the code under test. */
export async function eip712Signature(wallet: Wallet, tx: SafeTx): Promise<SafeSignature> {
  const typed = safeTxTypedData(tx);
  return {
    signer: wallet.address,
    kind: 'eip712',
    data: await wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message),
  };
}

/** An owner's personal_sign over the safeTxHash; the Safe tells it from EIP-712 by v + 4. */
export async function ethSignSignature(wallet: Wallet, tx: SafeTx): Promise<SafeSignature> {
  const raw = getBytes(await wallet.signMessage(getBytes(safeTxHashes(tx).safeTxHash)));
  raw[64] = raw[64]! + 4;
  return { signer: wallet.address, kind: 'eth_sign', data: hexlify(raw) };
}

/**
 * A Safe that owns another Safe signs through its fallback handler: the inner Safe's owner signs a SafeMessage
 * over `message` under the inner Safe's domain. Which bytes `message` must be depends on the outer Safe's version.
 */
export async function innerSafeSignature(
  chainId: bigint,
  innerSafe: string,
  innerOwner: Wallet,
  message: string,
): Promise<SafeSignature> {
  const data = await innerOwner.signTypedData(
    { chainId, verifyingContract: innerSafe },
    { SafeMessage: [{ name: 'message', type: 'bytes' }] },
    { message },
  );
  return { signer: innerSafe, kind: 'contract', data };
}
