import { decodeRlp, getBytes, hexlify, keccak256, toBeHex, zeroPadValue } from 'ethers';
import { GuardianError } from '../errors.js';
import type { AccountState } from './simulationTypes.js';

/** eth_getProof's answer (EIP-1186). */
export interface AccountProof {
  address: string;
  accountProof: string[];
  balance: string;
  nonce: string;
  codeHash: string;
  storageHash: string;
  storageProof: Array<{ key: string; value: string; proof: string[] }>;
}

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

/**
 * Walks a Merkle-Patricia proof from `root` along keccak256(key) and returns the value it proves (null when
 * it proves absence). Every node must hash to what its parent names, so a forged proof cannot pass.
 */
export function verifyTrieProof(root: string, key: string, proof: readonly string[]): string | null {
  const path = nibbles(getBytes(keccak256(key)));
  let expected = root.toLowerCase();
  let at = 0;
  if (proof.length === 0) return expected === EMPTY_TRIE_ROOT ? null : fail('the proof is empty');
  for (let i = 0; i < proof.length; i++) {
    const node = proof[i]!;
    if (keccak256(node).toLowerCase() !== expected && !(getBytes(node).length < 32 && hexlify(node) === expected)) return fail(`node ${i} does not hash to its parent's reference`);
    const items = decodeRlp(node) as Array<string | string[]>;
    if (items.length === 17) {
      if (at === path.length) return (items[16] as string) === '0x' ? null : (items[16] as string);
      const next = items[path[at]!];
      at++;
      if (next === '0x') return null;
      if (Array.isArray(next)) return fail('inline nodes are not supported');
      expected = (next as string).toLowerCase();
    } else if (items.length === 2) {
      const { path: segment, leaf } = hexPrefix(items[0] as string);
      const matches = segment.every((nib, j) => path[at + j] === nib);
      if (!matches) return null;
      at += segment.length;
      if (leaf) return at === path.length ? (items[1] as string) : null;
      expected = (items[1] as string).toLowerCase();
    } else return fail(`node ${i} is neither a branch nor a leaf`);
  }
  return fail('the proof ends before reaching a value');
}

function fail(why: string): never {
  throw new GuardianError('SIMULATION_FAILED', `A state proof does not verify against the block's state root: ${why}.`);
}

/**
 * Asks the chain for EIP-1186 proofs of every carried account and slot at the simulated block. Returns null
 * when the RPC does not answer eth_getProof: the replay then says it is unproven rather than failing.
 */
export async function collectStateProofs(provider: { send(method: string, params: unknown[]): Promise<unknown> }, prestate: Record<string, AccountState>, block: string): Promise<AccountProof[] | null> {
  try {
    return await Promise.all(Object.entries(prestate).map(([address, account]) => provider.send('eth_getProof', [address, Object.keys(account.storage ?? {}), block]) as Promise<AccountProof>));
  } catch {
    return null;
  }
}

/**
 * Checks that a carried account state is what the chain committed to at that block: the account against the
 * state root, each carried storage slot against the account's storage root.
 */
export function verifyAccountProof(stateRoot: string, proof: AccountProof, carried: AccountState, assumedSlots: ReadonlySet<string> = new Set()): void {
  const leaf = verifyTrieProof(stateRoot, proof.address, proof.accountProof);
  if (leaf === null) {
    if (BigInt(carried.balance ?? 0) === 0n && (carried.code ?? '0x') === '0x') return;
    fail(`${proof.address} is absent from the state, yet carried with a balance or code`);
  }
  const [nonce, balance, storageRoot, codeHash] = decodeRlp(leaf) as string[];
  const num = (v: string | undefined) => (v && v !== '0x' ? BigInt(v) : 0n);
  if (carried.balance !== undefined && num(balance) !== BigInt(carried.balance)) fail(`the balance of ${proof.address} differs`);
  if (carried.nonce !== undefined && num(nonce) !== BigInt(carried.nonce)) fail(`the nonce of ${proof.address} differs`);
  if (carried.code !== undefined && keccak256(carried.code).toLowerCase() !== codeHash!.toLowerCase()) fail(`the code of ${proof.address} differs`);
  for (const [slot, value] of Object.entries(carried.storage ?? {})) {
    // Slots the simulation set itself (approved hashes, the queued nonce) are assumptions, not chain state.
    if (assumedSlots.has(slot.toLowerCase())) continue;
    const entry = proof.storageProof.find((s) => BigInt(s.key) === BigInt(slot));
    if (!entry) fail(`no proof for storage slot ${slot} of ${proof.address}`);
    const proven = verifyTrieProof(storageRoot!, zeroPadValue(toBeHex(BigInt(slot)), 32), entry.proof);
    const provenValue = proven === null ? 0n : num(decodeRlp(proven) as string);
    if (provenValue !== BigInt(value)) fail(`storage slot ${slot} of ${proof.address} differs`);
  }
}
