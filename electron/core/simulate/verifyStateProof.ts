import { decodeRlp, getBytes, keccak256, toBeHex, zeroPadValue } from 'ethers';
import { GuardianError } from '../errors.js';
import type { AccountProof, AccountState } from '../primitives/simulationTypes.js';

const EMPTY_TRIE_ROOT = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';

function nibbles(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) out.push(b >> 4, b & 0x0f);
  return out;
}

/** Hex-prefix decoding (Yellow Paper, appendix C): the path of a leaf or extension node, and which it is. */
function hexPrefix(encoded: string): { path: number[]; leaf: boolean } {
  const n = nibbles(getBytes(encoded));
  const flag = n[0]!;
  return { path: n.slice(flag % 2 === 1 ? 1 : 2), leaf: flag >= 2 };
}

type Node = Array<string | Node>;

/**
 * Walks a Merkle-Patricia proof from `root` along keccak256(key) and returns the value it proves (null when
 * it proves absence). Every node must hash to what its parent names, so a forged proof cannot pass; a node
 * under 32 bytes sits inside its parent (Yellow Paper, appendix D) and is walked there. Every node of the proof
 * must be on the path: a proof with nodes to spare is not the one the chain gave.
 */
export function verifyTrieProof(root: string, key: string, proof: readonly string[]): string | null {
  const path = nibbles(getBytes(keccak256(key)));
  if (proof.length === 0) return root.toLowerCase() === EMPTY_TRIE_ROOT ? null : fail('the proof is empty');
  let expected: string | Node = root.toLowerCase();
  let at = 0;
  let used = 0;
  const done = (value: string | null) =>
    used === proof.length ? value : fail(`the proof has ${proof.length - used} node(s) past the end of its path`);
  for (;;) {
    let items: Node;
    if (Array.isArray(expected)) items = expected;
    else {
      const node = proof[used];
      if (node === undefined) return fail('the proof ends before reaching a value');
      if (keccak256(node).toLowerCase() !== expected)
        return fail(`node ${used} does not hash to its parent's reference`);
      used++;
      items = decodeRlp(node) as Node;
    }
    if (items.length === 17) {
      if (at === path.length) return done(items[16] === '0x' ? null : (items[16] as string));
      const next = items[path[at]!]!;
      at++;
      if (next === '0x') return done(null);
      expected = Array.isArray(next) ? next : next.toLowerCase();
    } else if (items.length === 2 && typeof items[0] === 'string') {
      const { path: segment, leaf } = hexPrefix(items[0]);
      if (!segment.every((nib, j) => path[at + j] === nib)) return done(null);
      at += segment.length;
      if (leaf) return done(at === path.length && typeof items[1] === 'string' ? items[1] : null);
      const next = items[1]!;
      expected = Array.isArray(next) ? next : next.toLowerCase();
    } else return fail(`node ${used - 1} is neither a branch nor a leaf`);
  }
}

function fail(why: string, details?: Record<string, unknown>): never {
  throw new GuardianError(
    'STATE_PROOF_INVALID',
    `A state proof does not verify against the block's state root: ${why}.`,
    details ? { details } : {},
  );
}

/**
 * Asks the chain for EIP-1186 proofs of every carried account and slot at the simulated block. Returns null
 * when the RPC does not answer eth_getProof: the replay then says it is unproven rather than failing.
 */
export async function collectStateProofs(
  provider: { send(method: string, params: unknown[]): Promise<unknown> },
  prestate: Record<string, AccountState>,
  block: string,
): Promise<AccountProof[] | null> {
  try {
    return await Promise.all(
      Object.entries(prestate).map(
        ([address, account]) =>
          provider.send('eth_getProof', [address, Object.keys(account.storage ?? {}), block]) as Promise<AccountProof>,
      ),
    );
  } catch {
    return null;
  }
}

/**
 * Checks that a carried account state is what the chain committed to at that block: the account against the
 * state root, each carried storage slot against the account's storage root. `ownSlots` are the slots the
 * replaying station itself sets by override (stationOverrides), by slot number in hex: such a slot passes
 * unproven only when it holds exactly the station's own value.
 */
export function verifyAccountProof(
  stateRoot: string,
  proof: AccountProof,
  carried: AccountState,
  ownSlots: ReadonlyMap<string, bigint> = new Map(),
): void {
  const account = proof.address;
  const leaf = provenAt({ account, proof: 'accountProof' }, () =>
    verifyTrieProof(stateRoot, account, proof.accountProof),
  );
  const storage = Object.entries(carried.storage ?? {});
  if (leaf === null) {
    // An absent account has nothing: no balance, code, nonce or storage that a replay could be handed.
    const empty =
      BigInt(carried.balance ?? 0) === 0n &&
      (carried.code ?? '0x') === '0x' &&
      (carried.nonce ?? 0) === 0 &&
      storage.every(([, v]) => BigInt(v) === 0n);
    if (empty) return;
    fail(`${account} is absent from the state, yet carried with a balance, code, nonce or storage`, { account });
  }
  const [nonce, balance, storageRoot, codeHash] = decodeRlp(leaf) as string[];
  const num = (v: string | undefined) => (v && v !== '0x' ? BigInt(v) : 0n);
  if (carried.balance !== undefined && num(balance) !== BigInt(carried.balance))
    fail(`the balance of ${account} differs`, { account, field: 'balance' });
  if (carried.nonce !== undefined && num(nonce) !== BigInt(carried.nonce))
    fail(`the nonce of ${account} differs`, { account, field: 'nonce' });
  if (carried.code !== undefined && keccak256(carried.code).toLowerCase() !== codeHash!.toLowerCase())
    fail(`the code of ${account} differs`, { account, field: 'code' });
  for (const [slot, value] of storage) {
    if (ownSlots.get(BigInt(slot).toString(16)) === BigInt(value)) continue;
    const entry = proof.storageProof.find((s) => BigInt(s.key) === BigInt(slot));
    if (!entry) fail(`no proof for storage slot ${slot} of ${account}`, { account, slot });
    const proven = provenAt({ account, slot, proof: 'storageProof' }, () =>
      verifyTrieProof(storageRoot!, zeroPadValue(toBeHex(BigInt(slot)), 32), entry.proof),
    );
    const provenValue = proven === null ? 0n : num(decodeRlp(proven) as string);
    if (provenValue !== BigInt(value))
      fail(`storage slot ${slot} of ${account} holds ${toBeHex(provenValue)} at this block, not the ${value} carried`, {
        account,
        slot,
        proven: toBeHex(provenValue),
        carried: value,
      });
  }
}

/** A trie proof's failure, told with which account's (or slot's) proof it was: the walk itself knows only nodes. */
function provenAt<T>(where: Record<string, string>, walk: () => T): T {
  try {
    return walk();
  } catch (error) {
    if (!(error instanceof GuardianError) || error.details) throw error;
    throw new GuardianError(error.code, error.message, { details: where, cause: error });
  }
}
