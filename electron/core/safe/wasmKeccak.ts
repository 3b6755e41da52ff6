import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const javascriptKeccak: Keccak = {
  into: (data, into, offset) => into.set(keccak256._(data), offset),
  ofHexInto: (digits, into, offset) => into.set(keccak256._(Buffer.from(digits, 'hex')), offset),
  hex: (data) => {
    const bytes = keccak256._(data);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  },
  bytes: (data) => keccak256._(data),
};

let backend: KeccakBackend = 'javascript';
let settled = false;
let keccak: Keccak = javascriptKeccak;

/** The exports of hash-wasm's Keccak/SHA-3 module (its src/sha3.c), as hash-wasm's own WASMInterface calls them. */
interface Sha3Exports {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  Hash_Init(bits: number): void;
  Hash_Update(length: number): void;
  Hash_Final(padding: number): void;
  Hash_Calculate(length: number, bits: number, padding: number): void;
}

/** hash-wasm's input buffer: it hands the module at most this many bytes a call (its MAX_HEAP). */
const CHUNK = 16 * 1024;
/** Keccak-256's padding byte, where SHA3-256 has 0x06: what hash-wasm's createKeccak passes to Hash_Final. */
const KECCAK_PADDING = 0x01;

/**
 * The module hash-wasm's keccak build carries, compiled and instantiated once here rather than through its
 * createKeccak: each digest through that API made a view, a subarray and a copy or a string of the digest, and
 * for a page's three thousand digests that garbage cost more than the Keccak (the WebAssembly runs the same).
 * The bytes are the package's own, read from its file (the one base64 string in it): loading the whole
 * hash-wasm index parsed 270 KB of every other algorithm first.
 */
function webAssemblyKeccak(): Keccak {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('hash-wasm/dist/keccak.umd.min.js'), 'utf8');
  const base64 = /data:"([A-Za-z0-9+/=]+)"/.exec(source)?.[1];
  if (base64 === undefined) throw new Error("hash-wasm's keccak build holds no module");
  const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
  const wasm = new WebAssembly.Instance(module, {}).exports as unknown as Sha3Exports;
  const at = wasm.Hash_GetBuffer();
  // Views over the module's memory, made once; remade only if the memory grew (its old buffer is then detached).
  let memory = Buffer.from(wasm.memory.buffer, at, CHUNK);
  let digest = memory.subarray(0, 32);
  const live = () => {
    if (memory.byteLength === 0) {
      memory = Buffer.from(wasm.memory.buffer, at, CHUNK);
      digest = memory.subarray(0, 32);
    }
  };
  const hash = (data: Uint8Array) => {
    live();
    if (data.byteLength <= CHUNK) {
      memory.set(data);
      wasm.Hash_Calculate(data.byteLength, 256, KECCAK_PADDING);
      return;
    }
    wasm.Hash_Init(256);
    for (let read = 0; read < data.byteLength; read += CHUNK) {
      const chunk = data.subarray(read, read + CHUNK);
      memory.set(chunk);
      wasm.Hash_Update(chunk.byteLength);
    }
    wasm.Hash_Final(KECCAK_PADDING);
  };
  return {
    into(data, into, offset) {
      hash(data);
      into.set(digest, offset);
    },
    ofHexInto(digits, into, offset) {
      live();
      if (digits.length <= 2 * CHUNK) {
        // Decoded straight into the module's memory: no Buffer of the calldata on the way.
        wasm.Hash_Calculate(memory.write(digits, 0, 'hex'), 256, KECCAK_PADDING);
      } else hash(Buffer.from(digits, 'hex'));
      into.set(digest, offset);
    },
    hex(data) {
      hash(data);
      return digest.toString('hex');
    },
    bytes(data) {
      hash(data);
      return new Uint8Array(digest);
    },
  };
}

async function install(): Promise<KeccakBackend> {
  try {
    const wasm = webAssemblyKeccak();
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
