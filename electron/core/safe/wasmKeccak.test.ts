import { randomBytes } from 'node:crypto';
import { keccak256, toUtf8Bytes } from 'ethers';
import { keccak256 as viemKeccak256 } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  KNOWN_DIGESTS,
  keccak256Bytes,
  keccak256Hex,
  keccak256Into,
  keccak256OfHexInto,
  keccakReady,
  knownAnswerSample,
} from './wasmKeccak.js';

// An oracle the registration cannot touch: viem's own JavaScript Keccak (noble's), a test-only dependency.
const javascriptKeccak = (input: Uint8Array): string => viemKeccak256(input);

describe('ethers keccak256 backed by WebAssembly', () => {
  it("checks the WebAssembly one against ethers' JavaScript one's digests, around every block boundary", () => {
    expect(KNOWN_DIGESTS.length).toBeGreaterThan(10);
    for (const [length, digest] of KNOWN_DIGESTS)
      expect(javascriptKeccak(knownAnswerSample(length)), `length ${length}`).toBe(digest);
  });

  // First in this file: before keccakReady() ethers' JavaScript Keccak answers, after it the WebAssembly one.
  it('gives, bytes to bytes and bytes to hex, the digest ethers gives, before and after the WebAssembly one is installed', async () => {
    const inputs = [0, 1, 66, 135, 136, 137, 352, 5_000].map((length) => randomBytes(length));
    const asHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;
    for (const input of inputs) {
      expect(asHex(keccak256Bytes(input))).toBe(javascriptKeccak(input));
      expect(`0x${keccak256Hex(input)}`).toBe(javascriptKeccak(input));
    }
    expect(await keccakReady()).toBe('webassembly');
    for (const input of inputs) {
      expect(`0x${keccak256Hex(input)}`).toBe(javascriptKeccak(input));
      const digest = keccak256Bytes(input);
      expect(asHex(digest)).toBe(javascriptKeccak(input));
      // The caller's to keep: the next hash does not overwrite it.
      keccak256Bytes(randomBytes(32));
      expect(asHex(digest)).toBe(javascriptKeccak(input));
    }
  });

  it('is installed on Node, and gives the published digests', async () => {
    expect(await keccakReady()).toBe('webassembly');
    expect(keccak256('0x')).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(keccak256(toUtf8Bytes('abc'))).toBe('0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it("agrees with viem's JavaScript Keccak on random inputs of every length up to three blocks, and a long one", async () => {
    await keccakReady();
    for (const length of [...Array.from({ length: 3 * 136 + 2 }, (_, i) => i), 100_000]) {
      const input = randomBytes(length);
      expect(keccak256(input), `length ${length}`).toBe(javascriptKeccak(input));
    }
  });

  it("writes the digest of bytes, or of the bytes hex digits spell, where it is asked, past the module's 16 KB buffer too", async () => {
    await keccakReady();
    for (const length of [0, 1, 32, 136, 16_383, 16_384, 16_385, 40_000]) {
      const input = randomBytes(length);
      const into = Buffer.alloc(40, 0xee);
      keccak256Into(input, into, 5);
      expect(`0x${into.toString('hex', 5, 37)}`, `length ${length}`).toBe(javascriptKeccak(input));
      expect(into.subarray(0, 5).every((b) => b === 0xee) && into.subarray(37).every((b) => b === 0xee)).toBe(true);
      const fromDigits = Buffer.alloc(32);
      keccak256OfHexInto(input.toString('hex'), fromDigits, 0);
      expect(`0x${fromDigits.toString('hex')}`, `length ${length}`).toBe(javascriptKeccak(input));
    }
  });
});
