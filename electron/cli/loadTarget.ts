import { existsSync } from 'node:fs';
import { sourceLocation } from '../core/store/queueItems.js';
import { GuardianError } from '../core/errors.js';
import type { QueueItem } from '../core/safe/queueItem.js';
import { readQueueFile, type ResolveSafe } from '../core/queue/readQueueFile.js';
import type { Store } from '../core/store/openStore.js';
import { parseAddress, parseBigint } from './parseFlags.js';
import { resolveSafeContext } from '../core/queue/resolveSafeContext.js';

/** The flags a verb accepts for what a file cannot say about its Safe. */
export interface TargetFlags {
  'chain-id'?: string | undefined;
  'safe-version'?: string | undefined;
  nonce?: string | undefined;
  'multi-send'?: string | undefined;
}

export interface LoadedTarget {
  /** "stored, from service …" or "tx-builder-file batch.json": where the transactions came from. */
  source: string;
  items: QueueItem[];
  rejected: Array<{ index: number; error: GuardianError }>;
  /** True when the target named a stored transaction, false for a file. */
  stored: boolean;
}

/**
 * What hashes, decode and review act on: a stored transaction named by its safeTxHash (or a unique prefix),
 * or every transaction in a file. A file's transactions are checked like a pull; refused ones are returned.
 */
export function loadTarget(store: Store, target: string, flags: TargetFlags): LoadedTarget {
  const hex = /^0x[0-9a-fA-F]*$/.test(target) && !existsSync(target);
  // A guardian who typed a short prefix meant a stored transaction, not a file named "0xa1b6".
  if (hex && !/^0x[0-9a-fA-F]{6,64}$/.test(target))
    throw new GuardianError(
      'INVALID_INPUT',
      `"${target}" is neither a file nor a safeTxHash or a prefix of one (at least 6 hex digits).`,
    );
  if (hex) {
    const item = store.getQueueItem(target);
    return {
      source: `stored, from ${item.source.kind} ${sourceLocation(item.source)}`,
      items: [item],
      rejected: [],
      stored: true,
    };
  }
  const file = readQueueFile(target, fileSafeContext(store, flags));
  return { source: `${file.kind} ${target}`, items: file.items, rejected: file.rejected, stored: false };
}

/** What a file cannot say about its Safe, from the flags first, then from the store. */
export function fileSafeContext(store: Store, flags: TargetFlags): ResolveSafe {
  return resolveSafeContext(store, {
    ...(flags['chain-id'] ? { chainId: parseBigint(flags['chain-id'], '--chain-id') } : {}),
    ...(flags.nonce ? { nonce: parseBigint(flags.nonce, '--nonce') } : {}),
    ...(flags['safe-version'] ? { safeVersion: flags['safe-version'] } : {}),
    ...(flags['multi-send'] ? { multiSendCallOnly: parseAddress(flags['multi-send'], '--multi-send') } : {}),
  });
}
