import { AbiCoder, keccak256, toBeHex, toUtf8Bytes } from 'ethers';
import { hexBytes } from './hexBytes.js';
import { GuardianError } from '../errors.js';

const coder = AbiCoder.defaultAbiCoder();
const word = (n: bigint | number) => toBeHex(n, 32);

/** ERC-1967: bytes32(uint256(keccak256(name)) - 1). */
function erc1967(name: string): string {
  return word(BigInt(keccak256(toUtf8Bytes(name))) - 1n);
}

/** ERC-7201: keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff)). */
export function erc7201(id: string): string {
  const inner = BigInt(keccak256(toUtf8Bytes(id))) - 1n;
  return word(BigInt(keccak256(coder.encode(['uint256'], [inner]))) & ~0xffn);
}

export const EIP1967 = {
  implementation: erc1967('eip1967.proxy.implementation'),
  admin: erc1967('eip1967.proxy.admin'),
  beacon: erc1967('eip1967.proxy.beacon'),
};

/** Safe 1.3.0/1.4.1 storage (SafeStorage.sol): the slots a guardian cares about, by number. */
export const SAFE_SLOTS = {
  singleton: word(0),
  modules: 1n,
  owners: 2n,
  ownerCount: word(3),
  threshold: word(4),
  nonce: word(5),
  approvedHashes: 8n,
  /** keccak256("guard_manager.guard.address") */
  guard: keccak256(toUtf8Bytes('guard_manager.guard.address')),
  /**
   * keccak256("module_manager.module_guard.address"): Safe 1.5.0's ModuleManager (MODULE_GUARD_STORAGE_SLOT), the
   * guard asked before each transaction a module executes. Empty on earlier Safes, which have no such guard.
   */
  moduleGuard: keccak256(toUtf8Bytes('module_manager.module_guard.address')),
  /** keccak256("fallback_manager.handler.address") */
  fallbackHandler: keccak256(toUtf8Bytes('fallback_manager.handler.address')),
};

/** OpenZeppelin 5's namespaced storage (ERC-7201) for the upgradeable building blocks. */
export const OZ_NAMESPACES = {
  Pausable: erc7201('openzeppelin.storage.Pausable'),
  Ownable: erc7201('openzeppelin.storage.Ownable'),
  Ownable2Step: erc7201('openzeppelin.storage.Ownable2Step'),
  AccessControl: erc7201('openzeppelin.storage.AccessControl'),
  Initializable: erc7201('openzeppelin.storage.Initializable'),
};

const WORDS = 2n ** 256n;

/**
 * Slots of mappings keyed by an address. The same few addresses (the Safe's owners, the sentinel, the accounts a
 * protocol's roles and balances are keyed by) come back in every review of a Safe, so their slots are kept; a
 * hash key (an approved hash) is met once and is not. Bounded: emptied when full.
 */
const addressKeyed = new Map<string, string>();
const ADDRESS_KEYED_KEPT = 4096;

/**
 * Solidity's slot of mapping[key] for a mapping at `slot`: keccak256(key ‖ slot), the key left-padded to a
 * word. Built in one buffer: a review derives a dozen of these, and ethers' padding helpers round-trip hex.
 */
export function mappingSlot(key: string, slot: bigint | string): string {
  const remembered = key.length === 42 ? `${key.toLowerCase()}:${slot}` : null;
  const known = remembered && addressKeyed.get(remembered);
  if (known) return known;
  const keyBytes = hexBytes(key, 'mapping key');
  const slotNumber = BigInt(slot);
  if (keyBytes.length > 32)
    throw new GuardianError('INVALID_INPUT', `A mapping key is at most 32 bytes, not ${keyBytes.length}.`);
  if (slotNumber < 0n || slotNumber >= WORDS)
    throw new GuardianError('INVALID_INPUT', `A storage slot is a 256-bit number, not ${slot}.`);
  const preimage = Buffer.alloc(64);
  keyBytes.copy(preimage, 32 - keyBytes.length);
  preimage.write(slotNumber.toString(16).padStart(64, '0'), 32, 'hex');
  const computed = keccak256(preimage);
  if (remembered) {
    if (addressKeyed.size >= ADDRESS_KEYED_KEPT) addressKeyed.clear();
    addressKeyed.set(remembered, computed);
  }
  return computed;
}

export const SENTINEL = '0x0000000000000000000000000000000000000001';

/** A human name for a slot, or null when it is not one the console knows. */
export function labelSlot(slot: string, isSafe: boolean): string | null {
  const s = slot.toLowerCase();
  if (s === EIP1967.implementation) return 'ERC-1967 implementation';
  if (s === EIP1967.admin) return 'ERC-1967 admin';
  if (s === EIP1967.beacon) return 'ERC-1967 beacon';
  for (const [name, base] of Object.entries(OZ_NAMESPACES))
    if (s === base.toLowerCase()) return `OpenZeppelin ${name} (ERC-7201)`;
  if (isSafe) {
    if (s === SAFE_SLOTS.singleton) return 'Safe singleton';
    if (s === SAFE_SLOTS.ownerCount) return 'Safe owner count';
    if (s === SAFE_SLOTS.threshold) return 'Safe threshold';
    if (s === SAFE_SLOTS.nonce) return 'Safe nonce';
    if (s === SAFE_SLOTS.guard) return 'Safe guard';
    if (s === SAFE_SLOTS.moduleGuard) return 'Safe module guard';
    if (s === SAFE_SLOTS.fallbackHandler) return 'Safe fallback handler';
  }
  return null;
}
