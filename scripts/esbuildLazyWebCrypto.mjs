// An esbuild plugin for the CLI build: @noble/hashes (under ethers' Keccak) takes its random source from
// `@noble/hashes/crypto`, whose Node build imports all of node:crypto and reads its webcrypto when loaded, and an
// ES module import of node:crypto loads every one of its parts (ciphers, keys, X.509): 10 to 15 ms of a start that
// only hashes. noble only ever calls `crypto.getRandomValues` (utils.js, randomBytes), so this gives it an object
// that asks Node's own Web Crypto (globalThis.crypto, the same one node:crypto's webcrypto is) when a random
// number is first wanted, not before. Nothing else changes: the bytes still come from the operating system.
export function lazyWebCrypto() {
  return {
    name: 'lazy-webcrypto',
    setup(build) {
      build.onResolve({ filter: /^@noble\/hashes\/crypto(\.js)?$/ }, () => ({
        path: 'noble-crypto',
        namespace: 'lazy-webcrypto',
      }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-webcrypto' }, () => ({
        contents: 'export const crypto = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };',
        loader: 'js',
      }));
    },
  };
}
