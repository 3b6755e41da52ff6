import { concat, getBytes, hexlify, toBeHex, Wallet, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { decodeSafeSignatures, encodeSafeSignatures, type SafeSignature } from './safeSignature.js';
import { createSafeTx } from './safeTx.js';
import { safeTxHashes, safeTxTypedData } from './safeTxHash.js';
import { verifyOwnerSignature, verifySafeSignatures } from './verifySafeSignatures.js';

const tx = createSafeTx({
  chainId: 31337n,
  safe: '0x' + '5a'.repeat(20),
  safeVersion: '1.4.1',
  to: '0x' + '11'.repeat(20),
  nonce: 3n,
});
const { safeTxHash } = safeTxHashes(tx);
const wallets = [1, 2, 3].map((i) => new Wallet(toBeHex(i * 7919, 32)));

async function eip712(wallet: Wallet): Promise<SafeSignature> {
  const typed = safeTxTypedData(tx);
  return {
    signer: wallet.address,
    kind: 'eip712',
    data: await wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message),
  };
}

async function ethSign(wallet: Wallet): Promise<SafeSignature> {
  const raw = getBytes(await wallet.signMessage(getBytes(safeTxHash)));
  raw[64] = raw[64]! + 4;
  return { signer: wallet.address, kind: 'eth_sign', data: hexlify(raw) };
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(isGuardianError(e) && e.code).toBe(code);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

describe('Safe signatures', () => {
  it('recovers EIP-712 and eth_sign signatures to their owners, sorted ascending as the Safe requires', async () => {
    const sigs = [await eip712(wallets[0]!), await ethSign(wallets[1]!), await eip712(wallets[2]!)];
    const packed = encodeSafeSignatures(sigs);
    const verdicts = await verifySafeSignatures(safeTxHash, packed, {
      owners: wallets.map((w) => w.address),
      threshold: 3,
    });
    const expectedOrder = wallets.map((w) => w.address).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(verdicts.map((v) => v.signer)).toEqual(expectedOrder);
    expect(verdicts.every((v) => v.proven)).toBe(true);
  });

  it('leaves approved-hash and contract signatures unproven until the chain confirms them', async () => {
    const owner = wallets[0]!.address;
    const contractOwner = '0x' + 'c0'.repeat(20);
    const packed = encodeSafeSignatures([
      { signer: owner, kind: 'approved_hash', data: '0x' },
      { signer: contractOwner, kind: 'contract', data: '0xdeadbeef' },
    ]);
    const parts = decodeSafeSignatures(packed, 2);
    expect(parts.map((p) => p.kind).sort()).toEqual(['approved_hash', 'contract']);
    expect(parts.find((p) => p.kind === 'contract')!.contractSignature).toBe('0xdeadbeef');
    const verdicts = await verifySafeSignatures(safeTxHash, packed, { owners: [owner, contractOwner], threshold: 2 });
    expect(verdicts.every((v) => !v.proven)).toBe(true);
    const refusingChain = { approvedHash: async () => true, contractSignatureValid: async () => false };
    await expect(
      verifySafeSignatures(safeTxHash, packed, { owners: [owner, contractOwner], threshold: 2 }, refusingChain),
    ).rejects.toThrow(/does not confirm/);
  });

  it('refuses a signature from a key that is not an owner', async () => {
    const stranger = new Wallet(toBeHex(424242, 32));
    const packed = encodeSafeSignatures([await eip712(stranger)]);
    await expect(
      verifySafeSignatures(safeTxHash, packed, { owners: wallets.map((w) => w.address), threshold: 1 }),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
  });

  it('refuses an owner signature made over another hash', async () => {
    const sig = await eip712(wallets[0]!);
    const otherHash = safeTxHashes({ ...tx, nonce: 4n }).safeTxHash;
    expectCode(() => verifyOwnerSignature(otherHash, sig.data, wallets[0]!.address), 'INVALID_SIGNATURE');
    expect(verifyOwnerSignature(safeTxHash, sig.data, wallets[0]!.address).signer).toBe(wallets[0]!.address);
  });

  it('refuses unsorted signatures, as checkNSignatures would', async () => {
    const [a, b] = [await eip712(wallets[0]!), await eip712(wallets[1]!)];
    const sorted = decodeSafeSignatures(encodeSafeSignatures([a, b]), 2);
    const reversed = hexlify(concat([sorted[1]!.staticPart, sorted[0]!.staticPart]));
    await expect(
      verifySafeSignatures(safeTxHash, reversed, { owners: wallets.map((w) => w.address), threshold: 2 }),
    ).rejects.toThrow(/sorted/);
  });

  it('refuses two signatures from one owner', async () => {
    const a = await eip712(wallets[0]!);
    expectCode(() => encodeSafeSignatures([a, a]), 'INVALID_SIGNATURE');
  });

  it('names the problem in hostile signature bytes instead of reading past them', () => {
    expectCode(() => decodeSafeSignatures('0x1234', 1), 'INVALID_SIGNATURE');
    expectCode(() => decodeSafeSignatures('0xzz', 1), 'INVALID_SIGNATURE');
    const badV = concat([zeroPadValue('0x01', 32), zeroPadValue('0x02', 32), '0x05']);
    expectCode(() => decodeSafeSignatures(badV, 1), 'INVALID_SIGNATURE');
    const contractPointingOutside = concat([zeroPadValue('0x01', 32), toBeHex(1_000_000, 32), '0x00']);
    expectCode(() => decodeSafeSignatures(contractPointingOutside, 1), 'INVALID_SIGNATURE');
    const contractClaimingTooMuch = concat([
      zeroPadValue('0x01', 32),
      toBeHex(65, 32),
      '0x00',
      toBeHex(500, 32),
      '0xabcd',
    ]);
    expectCode(() => decodeSafeSignatures(contractClaimingTooMuch, 1), 'INVALID_SIGNATURE');
  });
});
