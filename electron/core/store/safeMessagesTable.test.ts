import { DatabaseSync } from 'node:sqlite';
import { getAddress, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { safeMessageHashes } from '../safe/safeMessageHash.js';
import type { StoredSafeMessage } from './storedSafeMessage.js';

const stores = tempStores('messages');
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const owner = Wallet.createRandom();

function message(text: string): StoredSafeMessage {
  const base = { chainId: 1n, safe, safeVersion: '1.4.1', content: text };
  const { safeMessageHash } = safeMessageHashes(base);
  return {
    ...base,
    safeMessageHash,
    claimedSafeMessageHash: safeMessageHash,
    source: { kind: 'service', url: 'http://service/api' },
    proposedBy: null,
    createdAt: null,
    fetchedAt: '2026-12-02T07:00:00Z',
    signatures: [],
  };
}

describe('the safe_messages table', () => {
  it('keeps a message and its signatures, finds it by prefix, and keeps the first signature of an owner', () => {
    const store = stores.store();
    const m = message('report approved');
    const first = owner.signingKey.sign(m.safeMessageHash).serialized;
    expect(
      store.saveSafeMessages([{ ...m, signatures: [{ owner: owner.address, signature: first, origin: 'service' }] }]),
    ).toBe(1);
    expect(store.saveSafeMessages([m])).toBe(0);
    expect(
      store.addMessageSignature(m.safeMessageHash, {
        owner: owner.address,
        signature: '0x' + '1b'.repeat(65),
        origin: 'local',
      }),
    ).toBe(false);
    const read = store.getSafeMessage(m.safeMessageHash.slice(0, 10));
    expect(read).toMatchObject({
      safeMessageHash: m.safeMessageHash,
      content: 'report approved',
      safeVersion: '1.4.1',
      chainId: 1n,
    });
    expect(read.signatures).toEqual([{ owner: owner.address, signature: first.toLowerCase(), origin: 'service' }]);
  });

  it('refuses to store a message under a hash its content does not produce', () => {
    const store = stores.store();
    expect(() => store.saveSafeMessages([{ ...message('a'), safeMessageHash: message('b').safeMessageHash }])).toThrow(
      expect.objectContaining({ code: 'HASH_MISMATCH' }),
    );
    expect(store.listSafeMessages().messages).toEqual([]);
  });

  it('refuses a row whose content was edited on disk, and lists the others', () => {
    const store = stores.store();
    const edited = message('pay 1 ETH');
    const kept = message('unrelated');
    store.saveSafeMessages([edited, kept]);
    const raw = stores.keep(new DatabaseSync(store.path));
    raw
      .prepare('UPDATE safe_messages SET content_json = ? WHERE safe_message_hash = ?')
      .run(JSON.stringify('pay 1000 ETH'), edited.safeMessageHash);
    expect(() => store.getSafeMessage(edited.safeMessageHash)).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED' }),
    );
    const { messages, damaged } = store.listSafeMessages({ chainId: 1n, safe });
    expect(messages.map((m) => m.safeMessageHash)).toEqual([kept.safeMessageHash]);
    expect(damaged[0]!.message).toMatch(/safe_messages .*hashes to/);
  });
});
