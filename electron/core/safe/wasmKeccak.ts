import { keccak256 } from 'ethers';

/**
 * ethers' keccak256, computed by hash-wasm's WebAssembly Keccak instead of ethers' bundled JavaScript one:
 * 14 µs instead of 163 µs for a 1.9 KB batch's calldata, and hashing was a third of a review's own time
 * (the calldata, the EIP-712 struct, every checksummed address). ethers documents `keccak256.register` for
 * exactly this. Nothing is trusted on faith: the WebAssembly one replaces the JavaScript one only after giving
 * the same digest on inputs around every block boundary, and where WebAssembly cannot load (a sandboxed
 * renderer's CSP) the JavaScript one simply stays.
 */

/** Keccak-256 absorbs 136-byte blocks: lengths on both sides of the first boundaries, and a long input. */
const CHECKED_LENGTHS = [0, 1, 31, 32, 33, 64, 135, 136, 137, 271, 272, 273, 1_900, 10_000];

function sample(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + length * 7 + 17) & 0xff;
  return bytes;
}

export type KeccakBackend = 'webassembly' | 'javascript';

let backend: KeccakBackend = 'javascript';
let settled = false;
/** The Keccak ethers' keccak256 calls, bytes to bytes: its own JavaScript one until the WebAssembly one is checked. */
let digest: (data: Uint8Array) => Uint8Array = (data) => keccak256._(data);

async function install(): Promise<KeccakBackend> {
  try {
    // Loaded here, not with this file: 270 KB to parse and a module to compile, which a single hash (guardian
    // hashes from flags) does not repay.
    const { createKeccak } = await import('hash-wasm');
    const hasher = await createKeccak(256);
    // One hasher, used from start to digest without yielding: JavaScript runs one call at a time.
    const wasm = (data: Uint8Array) => hasher.init().update(data).digest('binary');
    // Compared before registering, through ethers' public keccak256: until register() it is ethers' JavaScript one.
    const agrees = CHECKED_LENGTHS.every((length) => {
      const input = sample(length);
      return `0x${Buffer.from(wasm(input)).toString('hex')}` === keccak256(input);
    });
    if (!agrees) return backend;
    keccak256.register(wasm);
    digest = wasm;
    backend = 'webassembly';
  } catch {
    // No WebAssembly here: ethers' own implementation is correct, only slower.
  }
  settled = true;
  return backend;
}

let installing: Promise<KeccakBackend> | undefined;

/**
 * Installs the faster Keccak on first call, for work that hashes in bulk (a review, a pull); resolves once it is
 * in place (or known not to be) with the one ethers now uses. Until then ethers' JavaScript one answers.
 */
export function keccakReady(): Promise<KeccakBackend> {
  return (installing ??= install());
}

/** Whether keccakReady() has resolved: then there is nothing to wait for, not even a turn of the event loop. */
export function keccakSettled(): boolean {
  return settled;
}

/**
 * keccak256 from bytes to bytes, by the same Keccak ethers' keccak256 uses now: for hashing that builds its
 * preimages in buffers (a page of SafeTx hashes), where ethers' hex string in and out, parsed and printed in
 * JavaScript, cost more than the hash itself. The result is a fresh copy, the caller's to keep.
 */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  return digest(data);
}
