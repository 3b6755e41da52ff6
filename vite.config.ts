import { defineConfig } from 'vite';

// The renderer is a static bundle loaded from disk by Electron: relative paths, no dev server in production.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
