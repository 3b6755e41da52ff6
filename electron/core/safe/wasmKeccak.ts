import { createRequire } from 'node:module';
import { getBytes, keccak256 } from 'ethers';

/**
 * ethers' keccak256, computed by hash-wasm's WebAssembly Keccak instead of ethers' bundled JavaScript one:
 * 14 µs instead of 163 µs for a 1.9 KB batch's calldata, and hashing was a third of a review's own time
 * (the calldata, the EIP-712 struct, every checksummed address). ethers documents `keccak256.register` for
 * exactly this. Nothing is trusted on faith: the WebAssembly one replaces the JavaScript one only after giving
 * the JavaScript one's digests on inputs around every block boundary, and where WebAssembly cannot load (a
 * sandboxed renderer's CSP) the JavaScript one simply stays.
 */

/**
 * ethers' JavaScript Keccak of knownAnswerSample(length), written down (wasmKeccak.test.ts holds the table to
 * it): computing them at each start took 15 to 50 ms of a cold JavaScript Keccak over 13 KB, for every bulk
 * hashing (a page, a review, a pull). Keccak-256 absorbs 136-byte blocks: lengths on both sides of the first
 * boundaries, and a long input.
 */
export const KNOWN_DIGESTS: ReadonlyArray<readonly [length: number, digest: string]> = [
  [0, '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
  [1, '0xf1ad5ac184f0821d8f121f0029e00f46ee673269e94fd876972913229f7570ab'],
  [31, '0x30cc131b45953589f3c093d779d1d6418b0b916fa8fad76c90726d49765f38c0'],
  [32, '0x6c62d40e6bd4b645456d293ae0a70455d395d63d72709d277bf8e4fb01cb451d'],
  [33, '0x85d8c1a9e90f4a851b7450e7615ae037ca823c4b7f3d22f03e23ce137feceb64'],
  [64, '0x9f6a5e513e814e1cd9caaaacd12ce73a692a049170fb765be35a68bc5e9696b2'],
  [135, '0xf16d39c56b8675e011b6db24843f282b051bd9e4eb32c729a0e69e2535ddb362'],
  [136, '0x48360a94880dc588b07272ab75140f0b974bffafe8c0157f79d40dbf57b6c9a6'],
  [137, '0x4e0888936f500302332b79b6f87489d6235bbe9ca41f9c46e22b3ca80848f84d'],
  [271, '0xbc5edd6ad38d99fd73463e3f07b2596ed2c4b0726c9c720818e77f331b755bad'],
  [272, '0xc43ce32fd4beea77f867151d019f2b76ee825971f260c59ac2cdd5a882215a66'],
  [273, '0x2ecad74236718e996928ad82e1aff1db2dd9b9e9c9f33c01a5da4e59abe0ddd8'],
  [1900, '0xe402393336d1f2b2c511872d1ee81526074f5616b336424ee48d9e65dfb5ec1f'],
  [10000, '0x5b1a85fcfa43fc60aa1642ab67356cc22272272ce3f92bd2777849739ee3227d'],
];

export function knownAnswerSample(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + length * 7 + 17) & 0xff;
  return bytes;
}

export type KeccakBackend = 'webassembly' | 'javascript';

/** What each digest is computed by: ethers' own JavaScript Keccak until the WebAssembly one is checked in. */
interface Keccak {
  /** Hashes `data` and writes the 32-byte digest into `into` at `offset`. */
  into(data: Uint8Array, into: Uint8Array, offset: number): void;
  /** Hashes the bytes hex digits spell (no 0x, checked to be whole bytes of hex) and writes the digest as into does. */
  ofHexInto(digits: string, into: Uint8Array, offset: number): void;
  /** The digest as lowercase hex without 0x. */
  hex(data: Uint8Array): string;
  /** The digest as a fresh copy, the caller's to keep. */
  bytes(data: Uint8Array): Uint8Array;
}

/** Through ethers' public keccak256 (hex out), which before register() is its own JavaScript Keccak. */
const javascriptBytes = (data: Uint8Array) => getBytes(keccak256(data));
const javascriptKeccak: Keccak = {
  into: (data, into, offset) => into.set(javascriptBytes(data), offset),
  ofHexInto: (digits, into, offset) => into.set(javascriptBytes(Buffer.from(digits, 'hex')), offset),
  hex: (data) => keccak256(data).slice(2),
  bytes: javascriptBytes,
};

let backend: KeccakBackend = 'javascript';
let settled = false;
let keccak: Keccak = javascriptKeccak;

/**
 * hash-wasm's Keccak through its public API, from the per-algorithm build its README documents
 * (dist/keccak.umd.min.js, 11 KB) rather than its index, which parses 270 KB of every other algorithm first.
 * One hasher, used from init to digest without yielding: JavaScript runs one call at a time.
 */
async function webAssemblyKeccak(): Promise<Keccak> {
  const require = createRequire(import.meta.url);
  const { createKeccak } = require('hash-wasm/dist/keccak.umd.min.js') as typeof import('hash-wasm');
  const hasher = await createKeccak(256);
  const bytes = (data: Uint8Array) => hasher.init().update(data).digest('binary');
  return {
    into: (data, into, offset) => into.set(bytes(data), offset),
    ofHexInto: (digits, into, offset) => into.set(bytes(Buffer.from(digits, 'hex')), offset),
    // hash-wasm writes hex straight from its memory: no copy of the digest's bytes on the way.
    hex: (data) => hasher.init().update(data).digest('hex'),
    bytes,
  };
}

async function install(): Promise<KeccakBackend> {
  try {
    const wasm = await webAssemblyKeccak();
    // Compared before registering, with the JavaScript one's digests, in every form it is used in.
    const agrees = KNOWN_DIGESTS.every(([length, expected]) => {
      const sample = knownAnswerSample(length);
      const written = new Uint8Array(33);
      wasm.into(sample, written, 1);
      const fromDigits = new Uint8Array(32);
      wasm.ofHexInto(Buffer.from(sample).toString('hex'), fromDigits, 0);
      return [
        `0x${Buffer.from(wasm.bytes(sample)).toString('hex')}`,
        `0x${wasm.hex(sample)}`,
        `0x${Buffer.from(written.subarray(1)).toString('hex')}`,
        `0x${Buffer.from(fromDigits).toString('hex')}`,
      ].every((d) => d === expected);
    });
    if (agrees) {
      keccak256.register(wasm.bytes);
      keccak = wasm;
      backend = 'webassembly';
    }
  } catch {
    // No WebAssembly here (or hash-wasm's build changed shape): ethers' own implementation is correct, only slower.
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
  return keccak.bytes(data);
}

/** The same digest written into `into` at `offset`: the next preimage, with no copy of the digest between. */
export function keccak256Into(data: Uint8Array, into: Uint8Array, offset: number): void {
  keccak.into(data, into, offset);
}

/**
 * The digest of the bytes that hex digits spell (no 0x; the caller has checked they are whole bytes of hex),
 * written into `into` at `offset`: calldata goes from its text to the Keccak without a Buffer of its own.
 */
export function keccak256OfHexInto(digits: string, into: Uint8Array, offset: number): void {
  keccak.ofHexInto(digits, into, offset);
}

/**
 * The same Keccak's digest as lowercase hex without the 0x: what a SafeTx's hashes are shown as, and what Buffer
 * writes into the next preimage, without a copy of each digest's bytes on the way.
 */
export function keccak256Hex(data: Uint8Array): string {
  return keccak.hex(data);
}
