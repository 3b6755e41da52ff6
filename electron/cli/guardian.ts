import { enablePrivateCompileCache } from './compileCache.js';

// The CLI's entry. The compile cache serves only modules compiled after it is on, and Node compiles a module's
// whole static import graph before running any of it: so the cache goes on here, then the CLI is imported.
enablePrivateCompileCache(process.env);
await import('./main.js');
