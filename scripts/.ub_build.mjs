import { build } from 'esbuild';
await build({ entryPoints: ['test/.bench/profileUpgrade.ts'], outfile: 'test/.bench/profileUpgrade.mjs', bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node22', logLevel: 'warning' });
