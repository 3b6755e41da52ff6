import { describe, expect, it } from 'vitest';
import { getBytes, hashMessage, recoverAddress, Signature } from 'ethers';
import { SoftwareLedger, type DeviceBehaviour } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { isGuardianError } from '../errors.js';
import { safeTxHashes } from '../safe/safeTxHash.js';
import { LedgerEthApp } from './ethApp.js';
import { ledgerHashFormat } from './ledgerHashFormat.js';
import { signSafeTx, type SigningProgress } from './signSafeTx.js';

const PATH = "44'/60'/0'/0/0";

function setup(behaviour: Partial<DeviceBehaviour> = {}) {
  const device = new SoftwareLedger(behaviour);
  return { device, app: new LedgerEthApp(device, { approvalTimeoutMs: 5_000 }), owner: device.addressAt(PATH) };
}

describe('signSafeTx', () => {
  it('signs a SafeTx with full EIP-712: the device rebuilt the same fields and its signature recovers over the core safeTxHash', async () => {
    const { device, app, owner } = setup();
    const tx = pauseSafeTx();
    const stages: SigningProgress['stage'][] = [];
    const result = await signSafeTx(app, PATH, tx, { expectedSigner: owner, onProgress: (p) => stages.push(p.stage) });
    const hashes = safeTxHashes(tx);
    expect(result.mode).toBe('full');
    expect(result.safeTxHash).toBe(hashes.safeTxHash);
    expect(recoverAddress(hashes.safeTxHash, Signature.from(result.signature))).toBe(owner);
    expect(getBytes(result.signature)[64]).toBeOneOf([27, 28]);
    expect(result.safeSignature).toEqual({ signer: owner, kind: 'eip712', data: result.signature });
    const review = device.reviews.at(-1)!;
    expect(review.kind === 'eip712-full' && review.digest).toBe(hashes.safeTxHash);
    expect(review.kind === 'eip712-full' && review.message).toMatchObject({
      to: tx.to,
      data: tx.data,
      nonce: tx.nonce,
      operation: 0n,
    });
    expect(stages).toEqual([
      'waiting-for-device',
      'checking-address',
      'streaming',
      'awaiting-approval',
      'verifying',
      'signed',
    ]);
  });

  it('shows the owner address on the device first when asked, and signs nothing if the guardian declines it', async () => {
    const { device, app, owner } = setup();
    const seen: SigningProgress[] = [];
    await signSafeTx(app, PATH, pauseSafeTx(), {
      expectedSigner: owner,
      showAddress: true,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.find((p) => p.stage === 'checking-address')).toEqual({
      stage: 'checking-address',
      path: PATH,
      onDevice: owner,
    });
    expect(device.reviews[0]).toEqual({ kind: 'address', path: `m/${PATH}`, address: owner });

    const declining = setup({ approves: (review) => review.kind !== 'address' });
    const refused = await signSafeTx(declining.app, PATH, pauseSafeTx(), {
      expectedSigner: declining.owner,
      showAddress: true,
    }).catch((e: unknown) => e);
    expect(isGuardianError(refused)).toBe(true);
    expect(declining.device.reviews.filter((r) => r.kind !== 'address')).toEqual([]);
  });

  it('streams a pre-1.3.0 Safe domain (verifying contract only) correctly', async () => {
    const { app, owner } = setup();
    const tx = pauseSafeTx({ safeVersion: '1.1.1' });
    const result = await signSafeTx(app, PATH, tx, { expectedSigner: owner });
    expect(recoverAddress(safeTxHashes(tx).safeTxHash, Signature.from(result.signature))).toBe(owner);
  });

  it('signs in hashed mode and tells the guardian the two hashes exactly as the device shows them', async () => {
    const { device, app, owner } = setup();
    const tx = pauseSafeTx();
    const progress: SigningProgress[] = [];
    const result = await signSafeTx(app, PATH, tx, {
      expectedSigner: owner,
      mode: 'hashed',
      onProgress: (p) => progress.push(p),
    });
    const hashes = safeTxHashes(tx);
    expect(result.mode).toBe('hashed');
    expect(recoverAddress(hashes.safeTxHash, Signature.from(result.signature))).toBe(owner);
    const review = device.reviews.at(-1)!;
    expect(review).toMatchObject({
      kind: 'eip712-hashed',
      domainHash: hashes.domainHash,
      messageHash: hashes.messageHash,
    });
    const shown = progress.find((p) => p.stage === 'awaiting-approval');
    expect(shown).toEqual({
      stage: 'awaiting-approval',
      mode: 'hashed',
      compare: {
        domainHash: ledgerHashFormat(review.kind === 'eip712-hashed' ? review.domainHash : ''),
        messageHash: ledgerHashFormat(review.kind === 'eip712-hashed' ? review.messageHash : ''),
      },
    });
  });

  it('signs with eth_sign only when asked, with v shifted to 31/32 and recovering over the prefixed safeTxHash', async () => {
    const { app, owner } = setup();
    const tx = pauseSafeTx();
    const result = await signSafeTx(app, PATH, tx, { expectedSigner: owner, mode: 'eth_sign' });
    const bytes = getBytes(result.signature);
    expect(bytes[64]).toBeOneOf([31, 32]);
    expect(result.safeSignature.kind).toBe('eth_sign');
    const unshifted = Signature.from({
      r: result.signature.slice(0, 66),
      s: `0x${result.signature.slice(66, 130)}`,
      v: bytes[64]! - 4,
    });
    expect(recoverAddress(hashMessage(getBytes(result.safeTxHash)), unshifted)).toBe(owner);
  });

  it('falls back to hashed on a device that lacks full EIP-712 (Nano S), and records why', async () => {
    const { device, app, owner } = setup({ eip712Full: false });
    const result = await signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: owner });
    expect(result.mode).toBe('hashed');
    expect(result.fallbacks).toHaveLength(1);
    expect(result.fallbacks[0]!.from).toBe('full');
    expect(device.reviews.map((r) => r.kind)).toEqual(['eip712-hashed']);
  });

  it('skips full EIP-712 without asking the device when the app is older than 1.9.19', async () => {
    const { device, app, owner } = setup({ appVersion: '1.9.18' });
    const result = await signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: owner });
    expect(result.mode).toBe('hashed');
    expect(device.apdus.some((a) => a[1] === 0x1a)).toBe(false);
  });

  it('refuses to fall back to hashed signing when blind signing is off, saying how to turn it on', async () => {
    const { app, owner } = setup({ eip712Full: false, blindSigning: false });
    await expect(signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: owner })).rejects.toMatchObject({
      code: 'DEVICE_BLIND_SIGNING_DISABLED',
    });
  });

  it('reaches eth_sign on an app too old for EIP-712 only when eth_sign is allowed', async () => {
    const tx = pauseSafeTx();
    const old = setup({ appVersion: '1.4.0' });
    await expect(signSafeTx(old.app, PATH, tx, { expectedSigner: old.owner })).rejects.toMatchObject({
      code: 'DEVICE_APP_TOO_OLD',
    });
    const allowed = setup({ appVersion: '1.4.0' });
    const result = await signSafeTx(allowed.app, PATH, tx, { expectedSigner: allowed.owner, allowEthSign: true });
    expect(result.mode).toBe('eth_sign');
    expect(result.fallbacks.map((f) => f.from)).toEqual(['full', 'hashed']);
  });

  it('does not try another mode when the guardian rejects on the device', async () => {
    const { device, app, owner } = setup({ decision: 'reject' });
    await expect(
      signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: owner, allowEthSign: true }),
    ).rejects.toMatchObject({ code: 'DEVICE_REJECTED' });
    expect(device.reviews).toHaveLength(1);
  });

  it('refuses before signing when the path does not hold the expected owner', async () => {
    const { device, app } = setup();
    const other = device.addressAt("44'/60'/1'/0/0");
    await expect(signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: other })).rejects.toMatchObject({
      code: 'SIGNER_NOT_OWNER',
    });
    expect(device.reviews).toHaveLength(0);
  });

  it.each(['other-key', 'other-hash'] as const)(
    'refuses a signature made with %s and keeps nothing',
    async (tamper) => {
      for (const mode of ['full', 'hashed', 'eth_sign'] as const) {
        const { app, owner } = setup({ tamper });
        const error = await signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: owner, mode }).catch(
          (e: unknown) => e,
        );
        expect(isGuardianError(error, 'INVALID_SIGNATURE'), `${mode}: ${String(error)}`).toBe(true);
      }
    },
  );
});
