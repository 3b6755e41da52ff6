import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSafeTx, type SafeTx, type SafeTxInput } from './safeTx.js';
import { TypedDataEncoder } from 'ethers';
import { safeTxHashes, safeTxTypedData } from './safeTxHash.js';
import { SAFE_VERSION_RULES } from './safeVersions.js';
import { verifyClaimedHash } from './verifyClaimedHash.js';
import { keccakReady } from './wasmKeccak.js';
import { isGuardianError } from '../errors.js';

const SAFE = '0x1234567890123456789012345678901234567890';
const ONE = '0x0000000000000000000000000000000000000001';

/** The transactions these tests start from: one Safe, calling address 1, with nothing or a pause() to send. */
const VECTORS = {
  empty130: { chainId: 1n, safe: SAFE, safeVersion: '1.3.0', to: ONE, nonce: 0n },
  empty141: { chainId: 1n, safe: SAFE, safeVersion: '1.4.1', to: ONE, nonce: 0n },
  pause141: { chainId: 1n, safe: SAFE, safeVersion: '1.4.1', to: ONE, data: '0x8456cb59', nonce: 4n },
} satisfies Record<string, SafeTxInput>;

/** A fresh transaction from the table, each call its own object (some tests change theirs in place). */
const vector = (name: keyof typeof VECTORS, fields: Partial<SafeTxInput> = {}): SafeTx =>
  createSafeTx({ ...VECTORS[name], ...fields });

/** The independent reference: ethers' own EIP-712 encoder over the typed data a Ledger is given. */
function ethersSafeTxHash(tx: SafeTx): string {
  const { domain, types, message } = safeTxTypedData(tx);
  return TypedDataEncoder.hash(domain, { SafeTx: types.SafeTx }, message);
}

describe('safeTxHashes', () => {
  it('computes a 1.3.0 hash with chainId in the domain', () => {
    const h = safeTxHashes(vector('empty130'));
    expect(h.safeTxHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('hashes a transaction again whenever any field differs, however recently one like it was hashed', () => {
    const tx = vector('pause141');
    const first = safeTxHashes(tx);
    first.safeTxHash = '0x' + '00'.repeat(32);
    expect(safeTxHashes(tx).safeTxHash).toBe(ethersSafeTxHash(tx));
    for (const changed of [
      { nonce: 5n },
      { data: '0x8456cb5a' },
      { value: 1n },
      { safeVersion: '1.2.0' },
      { chainId: 5n },
    ] as Array<Partial<SafeTx>>) {
      const other = { ...tx, ...changed };
      expect(
        safeTxHashes(other).safeTxHash,
        JSON.stringify(changed, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      ).toBe(ethersSafeTxHash(other));
      expect(safeTxHashes(other).safeTxHash).not.toBe(safeTxHashes(tx).safeTxHash);
    }
  });

  it('hashes the same transaction object again when any of its fields was changed in place', () => {
    const tx = vector('pause141');
    const changes: Array<(t: SafeTx) => void> = [
      (t) => (t.nonce = 5n),
      (t) => (t.data = '0x8456cb5a'),
      (t) => (t.to = '0x0000000000000000000000000000000000000002'),
      (t) => (t.operation = 1),
      (t) => (t.gasPrice = 7n),
      (t) => (t.refundReceiver = '0x0000000000000000000000000000000000000003'),
      (t) => (t.chainId = 10n),
      (t) => (t.safe = '0x0000000000000000000000000000000000000abc'),
      // Last: before 1.3.0 the domain has no chain id, and 1.3.0 hashes as 1.4.1 does.
      (t) => (t.safeVersion = '1.2.0'),
    ];
    const seen = new Set([safeTxHashes(tx).safeTxHash]);
    for (const change of changes) {
      change(tx);
      const again = safeTxHashes(tx);
      expect(again.safeTxHash, change.toString()).toBe(ethersSafeTxHash(tx));
      expect(seen.has(again.safeTxHash), change.toString()).toBe(false);
      seen.add(again.safeTxHash);
    }
  });

  it('refuses a claimed hash that does not match the fields', () => {
    const tx = vector('empty141');
    try {
      verifyClaimedHash(tx, '0x' + '11'.repeat(32), 'the Transaction Service');
      expect.unreachable();
    } catch (e) {
      expect(isGuardianError(e, 'HASH_MISMATCH')).toBe(true);
    }
  });

  it('gives each Safe, chain and version its own domain hash, however often they are hashed', () => {
    const domains = [
      { chainId: 1n, safeVersion: '1.3.0' },
      { chainId: 5n, safeVersion: '1.3.0' },
      { chainId: 1n, safeVersion: '1.2.0' },
      { chainId: 1n, safeVersion: '1.3.0', safe: '0x0000000000000000000000000000000000000abc' },
    ].map((fields) => safeTxHashes(vector('empty130', fields)).domainHash);
    expect(new Set(domains).size).toBe(4);
    // Before 1.3.0 the domain has no chain id: the same Safe on two chains shares it.
    expect(safeTxHashes(vector('empty130', { chainId: 5n, safeVersion: '1.2.0' })).domainHash).toBe(domains[2]);
    expect(safeTxHashes(vector('empty130')).domainHash).toBe(domains[0]);
  });
});

describe('the SafeTx encoding', () => {
  const address = () => `0x${randomBytes(20).toString('hex')}`;
  const uint = () =>
    [0n, 1n, (1n << 256n) - 1n, BigInt(`0x${randomBytes(1 + (randomBytes(1)[0]! % 32)).toString('hex')}`)][
      randomBytes(1)[0]! % 4
    ]!;

  function expectAgreementWithEthersOnRandomTransactions(): void {
    for (const { version } of SAFE_VERSION_RULES) {
      for (let i = 0; i < 40; i++) {
        const tx = createSafeTx({
          chainId: uint() || 1n,
          safe: address(),
          safeVersion: version,
          to: address(),
          value: uint(),
          data: `0x${randomBytes(i * 37).toString('hex')}`,
          operation: (i % 2) as 0 | 1,
          safeTxGas: uint(),
          baseGas: uint(),
          gasPrice: uint(),
          gasToken: address(),
          refundReceiver: address(),
          nonce: uint(),
        });
        const typed = safeTxTypedData(tx);
        const hashes = safeTxHashes(tx);
        expect(hashes.domainHash, `${version} #${i}`).toBe(TypedDataEncoder.hashDomain(typed.domain));
        expect(hashes.messageHash, `${version} #${i}`).toBe(
          TypedDataEncoder.hashStruct('SafeTx', { SafeTx: typed.types.SafeTx }, typed.message),
        );
        expect(hashes.safeTxHash, `${version} #${i}`).toBe(ethersSafeTxHash(tx));
      }
    }
  }

  it("agrees with ethers' EIP-712 TypedDataEncoder for every Safe version, on random transactions: domain, message and safeTxHash", () => {
    expectAgreementWithEthersOnRandomTransactions();
  });

  // The hashes are taken bytes to bytes from whichever Keccak ethers uses: the JavaScript one above, this one here.
  it('agrees with it the same way once the WebAssembly Keccak is installed', async () => {
    expect(await keccakReady()).toBe('webassembly');
    expectAgreementWithEthersOnRandomTransactions();
  });

  it('refuses an address whose checksum is wrong, as ethers does', () => {
    const tx = vector('empty141', { to: '0x52908400098527886E0F7030069857D2E4169EE7' });
    expect(() => safeTxHashes({ ...tx, to: '0x52908400098527886E0F7030069857D2E4169Ee7' })).toThrow(/checksum/i);
    expect(() => safeTxHashes({ ...tx, safe: '0x52908400098527886E0F7030069857D2E4169Ee7' })).toThrow(/checksum/i);
  });

  it('refuses a number that does not fit the uint256 the Safe hashes, naming the field', () => {
    const tx: SafeTx = {
      ...createSafeTx({ chainId: 1n, safe: address(), safeVersion: '1.4.1', to: address(), nonce: 0n }),
      gasPrice: 1n << 256n,
    };
    expect(() => safeTxHashes(tx)).toThrow(/gasPrice .* does not fit a uint256/);
  });
});
