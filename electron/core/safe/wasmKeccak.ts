import { keccak256 } from 'ethers';

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

let backend: KeccakBackend = 'javascript';
let settled = false;
/** The Keccak ethers' keccak256 calls, bytes to bytes: its own JavaScript one until the WebAssembly one is checked. */
let digest: (data: Uint8Array) => Uint8Array = (data) => keccak256._(data);
/** The same Keccak's digest as lowercase hex without 0x. */
let digestHex: (data: Uint8Array) => string = (data) => {
  const bytes = keccak256._(data);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
};

async function install(): Promise<KeccakBackend> {
  try {
    // Loaded here, not with this file: 270 KB to parse and a module to compile, which a single hash (guardian
    // hashes from flags) does not repay.
    const { createKeccak } = await import('hash-wasm');
    const hasher = await createKeccak(256);
    // One hasher, used from start to digest without yielding: JavaScript runs one call at a time.
    const wasm = (data: Uint8Array) => hasher.init().update(data).digest('binary');
    // hash-wasm writes hex straight from its memory: no copy of the digest for each of a page's thousands.
    const wasmHex = (data: Uint8Array) => hasher.init().update(data).digest('hex');
    // Compared before registering, with the JavaScript one's digests, in both forms.
    const agrees = KNOWN_DIGESTS.every(([length, digest]) => {
      const sample = knownAnswerSample(length);
      return `0x${Buffer.from(wasm(sample)).toString('hex')}` === digest && `0x${wasmHex(sample)}` === digest;
    });
    if (!agrees) return backend;
    keccak256.register(wasm);
    digest = wasm;
    digestHex = wasmHex;
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

/**
 * The same Keccak's digest as lowercase hex without the 0x: what a SafeTx's hashes are shown as, and what Buffer
 * writes into the next preimage, without a copy of each digest's bytes on the way.
 */
export function keccak256Hex(data: Uint8Array): string {
  return digestHex(data);
}
