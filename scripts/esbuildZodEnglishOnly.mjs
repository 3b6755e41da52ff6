// An esbuild plugin for the CLI build: zod 4's classic API (`import { z } from 'zod'`) re-exports every locale as
// a namespace (`export * as locales` in v4/classic/external.js and v4/core/index.js), and esbuild keeps all of a
// namespace a file reaches: 53 locales, 364 KB of the 875 KB chunk `guardian hashes FILE` loads (511 KB without).
// zod's documented answers do not fit: zod/mini is another API for the 50 files that validate with zod, and
// zod/v4/core has no schemas. zod sets its messages from `en` alone (v4/classic/schemas.js imports
// ../locales/en.js and calls config(en()) itself), and nothing here reads z.locales, so the barrel is answered by
// a module that re-exports `en` from zod's own en.js: the same file, the same messages, one instance.
import { dirname, join } from 'node:path';

const LOCALES_BARREL = /^\.\.\/locales\/index\.js$/;
const INSIDE_ZOD_V4 = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/;

export function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: LOCALES_BARREL }, (args) =>
        INSIDE_ZOD_V4.test(args.importer)
          ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
        contents: 'export { default as en } from "./en.js";',
        resolveDir: dirname(args.path),
        loader: 'js',
      }));
    },
  };
}
