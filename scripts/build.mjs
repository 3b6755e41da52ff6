// Builds everything `npm start` and `guardian` run: the CLI, the Electron main process and preload, the renderer.
// Run by `npm install` (prepare), by `npm test` and by `npm start` when dist/ is missing, with the project's Node 24.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { ethersLeaves } from './esbuildEthersLeaves.mjs';
import { lazyWebCrypto } from './esbuildLazyWebCrypto.mjs';
import { zodEnglishOnly } from './esbuildZodEnglishOnly.mjs';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The CLI starts in the time of a bare Node: each verb is its own chunk, loaded when it runs (verbTable.ts), and
// the pure-JavaScript libraries a chunk uses are bundled into it, tree-shaken, instead of loaded from
// node_modules as hundreds of files (ethers alone took 0.4 s). Libraries with native parts or CommonJS-only
// builds stay external, loaded by Node as they ship.
const BUNDLED = /^(ethers|@noble|@adraffy|aes-js|tslib|zod)(\/|$)/;
const bundleOnly = {
  name: 'bundle-only-pure-libraries',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};
rmSync('dist/cli', { recursive: true, force: true });
await build({
  ...node,
  packages: undefined,
  plugins: [lazyWebCrypto(), zodEnglishOnly(), ethersLeaves(process.cwd()), bundleOnly],
  // guardian.ts turns on the private compile cache (compileCache.ts) before it imports main.ts.
  entryPoints: { guardian: 'electron/cli/guardian.ts' },
  outdir: 'dist/cli',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // @ledgerhq's ESM builds use extensionless imports that Node cannot resolve; the core loads their CJS builds.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// The Electron main process is CommonJS. The core is ESM and finds its CJS-only libraries with
// createRequire(import.meta.url), which a CJS bundle would leave empty: give it this file's own URL.
await build({
  ...node,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  format: 'cjs',
  external: ['electron'],
  define: { 'import.meta.url': '__guardianMainUrl' },
  banner: { js: "const __guardianMainUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The worker thread the main process reads a picture's QR code on (readQrPictureInWorker.ts), beside main.cjs; the
// screen tests start the same file. CommonJS with the same import.meta.url as the main bundle's.
await build({
  ...node,
  entryPoints: ['electron/core/bundle/qr/qrPictureWorker.ts'],
  outfile: 'dist/electron/qrPictureWorker.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__guardianWorkerUrl' },
  banner: { js: "const __guardianWorkerUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The preload runs sandboxed: it may require 'electron' and nothing else, so everything else is bundled in.
await build({
  ...node,
  packages: undefined,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
