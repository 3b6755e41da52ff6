import { homedir } from 'node:os';
import { defaultDataDir } from '../core/store/dataDir.js';
import { openStore, type Store } from '../core/store/openStore.js';
import type { CliContext } from './cliContext.js';

/** Opens the guardian's store (GUARDIAN_DATA_DIR or the platform folder), runs `use`, and always closes it. */
export async function withStore<T>(ctx: CliContext, use: (store: Store) => Promise<T> | T): Promise<T> {
  const store = openStore({ dataDir: defaultDataDir(ctx.env, process.platform, homedir()) });
  try {
    return await use(store);
  } finally {
    store.close();
  }
}
