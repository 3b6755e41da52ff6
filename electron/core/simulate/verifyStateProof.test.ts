import { createMerkleProof, createMPT, verifyMerkleProof, type MerklePatriciaTrie } from '@ethereumjs/mpt';
import { decodeRlp, encodeRlp, getBytes, hexlify, keccak256, toBeHex, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { verifyAccountProof, verifyTrieProof } from './verifyStateProof.js';
import type { AccountProof } from '../primitives/simulationTypes.js';

/** Storage-trie shaped entries: 32-byte slot keys (hashed by the trie, as Ethereum's secure tries do), RLP values. */
const slot = (i: number) => zeroPadValue(toBeHex(i), 32);
const value = (i: number) => encodeRlp(toBeHex(i * 7919 + 1));

async function trieOf(keys: readonly string[]): Promise<MerklePatriciaTrie> {
  const trie = await createMPT({ useKeyHashing: true });
  for (const [i, key] of keys.entries()) await trie.put(getBytes(key), getBytes(value(i + 1)));
  return trie;
}

const proofOf = async (trie: MerklePatriciaTrie, key: string) =>
  (await createMerkleProof(trie, getBytes(key))).map((n) => hexlify(n));
const rootOf = (trie: MerklePatriciaTrie) => hexlify(trie.root());

/** The independent implementation's verdict: the value proven, null for absence, 'refused' when it throws. */
async function oracle(root: string, key: string, proof: string[]): Promise<string | null | 'refused'> {
  try {
    const proven = await verifyMerkleProof(
      getBytes(key),
      proof.map((n) => getBytes(n)),
      { root: getBytes(root), useKeyHashing: true },
    );
    return proven === null ? null : hexlify(proven);
  } catch {
    return 'refused';
  }
}

function ours(root: string, key: string, proof: string[]): string | null | 'refused' {
  try {
    return verifyTrieProof(root, key, proof);
  } catch (error) {
    if (isGuardianError(error, 'STATE_PROOF_INVALID')) return 'refused';
    throw error;
  }
}

/** Two slots whose hashed keys share their first nibbles: under one extension node, whatever else the trie holds. */
function sharingPrefix(nibbles: number): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 1_000; ; i++) {
    const prefix = keccak256(slot(i)).slice(2, 2 + nibbles);
    const other = seen.get(prefix);
    if (other) return [other, slot(i)];
    seen.set(prefix, slot(i));
  }
}

const isExtension = (node: string) => {
  const items = decodeRlp(node) as unknown[];
  return items.length === 2 && getBytes(items[0] as string)[0]! >> 4 < 2;
};

describe('verifyTrieProof, against @ethereumjs/mpt as the oracle', () => {
  it("gives the oracle's verdict for every present and absent key of generated tries", async () => {
    for (const size of [1, 2, 17, 60]) {
      const keys = Array.from({ length: size }, (_, i) => slot(i));
      const trie = await trieOf(keys);
      const root = rootOf(trie);
      // Present keys, then absent ones: exclusion proofs end at an empty branch slot or a leaf of another key.
      for (const key of [...keys, ...Array.from({ length: 10 }, (_, i) => slot(10_000 + i))]) {
        const proof = await proofOf(trie, key);
        const expected = await oracle(root, key, proof);
        expect(expected).not.toBe('refused');
        expect(ours(root, key, proof), `size ${size}, key ${key}`).toBe(expected);
      }
    }
  });

  it('walks extension nodes as the oracle does, for the keys under one and for an absent key that leaves it', async () => {
    const [a, b] = sharingPrefix(2);
    const trie = await trieOf([a, b, slot(1), slot(2)]);
    const root = rootOf(trie);
    const proofA = await proofOf(trie, a);
    expect(proofA.some(isExtension), 'the generated trie has an extension node on the path').toBe(true);
    for (const key of [a, b, slot(1), slot(3), slot(4)])
      expect(ours(root, key, await proofOf(trie, key))).toBe(await oracle(root, key, await proofOf(trie, key)));
    // A trie of just the two: its root is the extension node itself.
    const pair = await trieOf([a, b]);
    const pairProof = await proofOf(pair, b);
    expect(isExtension(pairProof[0]!)).toBe(true);
    expect(ours(rootOf(pair), b, pairProof)).toBe(value(2));
  });

  it('proves absence in the empty trie only with an empty proof', async () => {
    const empty = await createMPT({ useKeyHashing: true });
    expect(ours(rootOf(empty), slot(1), [])).toBeNull();
    expect(ours('0x' + '11'.repeat(32), slot(1), [])).toBe('refused');
  });

  it('refuses a node altered with its parent\'s reference fixed up: only "each node hashes to its parent" stops it', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => slot(i));
    const trie = await trieOf(keys);
    const root = rootOf(trie);
    const key = keys[7]!;
    const proof = await proofOf(trie, key);
    expect(proof.length).toBeGreaterThan(1);
    // The leaf re-encoded with a value of the forger's choosing, and every reference above it rewritten to match.
    const forgedValue = encodeRlp(toBeHex(0xdead));
    const forged = [...proof];
    const leaf = decodeRlp(forged.at(-1)!) as string[];
    forged[forged.length - 1] = encodeRlp([leaf[0]!, forgedValue]);
    for (let i = forged.length - 2; i >= 0; i--) {
      const items = decodeRlp(forged[i]!) as string[];
      const oldChild = keccak256(proof[i + 1]!);
      forged[i] = encodeRlp(
        items.map((item) =>
          typeof item === 'string' && item.toLowerCase() === oldChild.toLowerCase() ? keccak256(forged[i + 1]!) : item,
        ),
      );
    }
    // Well formed all the way down: against the root of its own making it proves the forged value...
    expect(ours(keccak256(forged[0]!), key, forged)).toBe(forgedValue);
    // ...and against the chain's root the first node no longer hashes to it.
    expect(() => verifyTrieProof(root, key, forged)).toThrow(/node 0 does not hash to its parent's reference/);
    expect(await oracle(root, key, forged)).toBe('refused');
    // Fixed up only one level: the node above the altered parent names the old one.
    const shallow = [...proof.slice(0, -2), forged.at(-2)!, forged.at(-1)!];
    expect(() => verifyTrieProof(root, key, shallow)).toThrow(new RegExp(`node ${proof.length - 2} does not hash`));
  });

  it('refuses a proof with a node to spare past the end of its path', async () => {
    const trie = await trieOf(Array.from({ length: 20 }, (_, i) => slot(i)));
    const proof = await proofOf(trie, slot(3));
    expect(ours(rootOf(trie), slot(3), [...proof, proof.at(-1)!])).toBe('refused');
    const absent = await proofOf(trie, slot(9_999));
    expect(ours(rootOf(trie), slot(9_999), [...absent, proof.at(-1)!])).toBe('refused');
  });
});

describe('verifyAccountProof on an account the state does not hold', () => {
  it('accepts it carried empty, and refuses it carried with storage, a nonce or a balance', async () => {
    const state = await createMPT({ useKeyHashing: true });
    const present = '0x' + '01'.repeat(20);
    await state.put(
      getBytes(present),
      getBytes(
        encodeRlp([
          '0x01',
          '0x05',
          '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
          keccak256('0x'),
        ]),
      ),
    );
    const absent = '0x' + '02'.repeat(20);
    const accountProof = (await createMerkleProof(state, getBytes(absent))).map((n) => hexlify(n));
    const proof: AccountProof = {
      address: absent,
      accountProof,
      balance: '0x0',
      nonce: '0x0',
      codeHash: keccak256('0x'),
      storageHash: '0x' + '00'.repeat(32),
      storageProof: [],
    };
    const root = hexlify(state.root());
    expect(() => verifyAccountProof(root, proof, { balance: '0x0', code: '0x' })).not.toThrow();
    expect(() => verifyAccountProof(root, proof, { storage: { [slot(4)]: slot(1) } })).toThrow(/absent from the state/);
    expect(() => verifyAccountProof(root, proof, { nonce: 3 })).toThrow(/absent from the state/);
    expect(() => verifyAccountProof(root, proof, { balance: '0x1' })).toThrow(/absent from the state/);
  });
});
