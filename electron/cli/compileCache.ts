import { lstatSync, mkdirSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../core/store/dataDir.js';

/**
 * Node's compile cache (V8 code cache on disk) saves the CLI ~25 ms at every start. Whoever can write the cache
 * folder can plant compiled code that this signing tool then runs, so the cache lives only in the user's own
 * data folder, never in Node's default shared os.tmpdir(): `compile-cache/` inside the data directory, used only
 * when the data directory is owned by this user and writable by nobody else, and `compile-cache/` itself is a
 * real folder (not a link) of this user's with mode 0700. Otherwise the CLI runs without the cache, only slower.
 * Node keys each entry by the module's file and checks a CRC32 of its source before using it (src/compile_cache.cc;
 * the docs: a speed-up "if the contents of the modules do not change"), so an edited or rebuilt dist file is
 * compiled afresh; a checksum guards against stale code, not against an attacker, hence the private folder.
 * Windows has no POSIX owner and mode to check: the cache stays off there.
 */
export function privateCompileCacheDir(dataDir: string): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  // The data folder is made by the first verb that opens the store; --help never creates it.
  const data = statOrUndefined(() => statSync(dataDir));
  if (!data?.isDirectory() || data.uid !== uid || (data.mode & 0o022) !== 0) return undefined;
  const dir = join(dataDir, 'compile-cache');
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  // lstat: a link planted in place of the folder could point anywhere.
  const cache = statOrUndefined(() => lstatSync(dir));
  if (!cache?.isDirectory() || cache.uid !== uid || (cache.mode & 0o077) !== 0) return undefined;
  return dir;
}

function statOrUndefined<T>(stat: () => T): T | undefined {
  try {
    return stat();
  } catch {
    return undefined;
  }
}

/**
 * Turns the compile cache on for the modules loaded from here on, where the folder check allows it; the directory
 * in use, or undefined. NODE_DISABLE_COMPILE_CACHE=1 still turns it off (Node's own switch). A NODE_COMPILE_CACHE
 * in the environment would have turned it on before this runs, wherever it points: bin/guardian unsets it.
 */
export function enablePrivateCompileCache(env: Record<string, string | undefined>): string | undefined {
  const dir = privateCompileCacheDir(defaultDataDir(env, process.platform, homedir()));
  if (dir === undefined || typeof nodeModule.enableCompileCache !== 'function') return undefined;
  return nodeModule.enableCompileCache(dir).directory;
}
