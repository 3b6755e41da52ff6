import { isAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import type { ResolveSafe, SafeContext } from './readQueueFile.js';
import type { Store } from '../store/openStore.js';

export interface SafeContextFlags {
  chainId?: bigint;
  safeVersion?: string;
  nonce?: bigint;
  multiSendCallOnly?: string;
}

/**
 * Fills in what a file cannot say about its Safe: flags first (an air-gapped guardian types them), then what
 * the store knows from the last pull. Never guesses: a missing fact is an error that says how to supply it.
 */
export function resolveSafeContext(store: Store, flags: SafeContextFlags): ResolveSafe {
  // A page names the same Safe a thousand times: asked of the store once per Safe, chain and need.
  const known = new Map<string, ReturnType<ResolveSafe>>();
  // And the one asked last, as it was asked, answered without even building the key.
  let last: { safe: string; fileChainId: bigint | undefined; nonce: boolean; context: SafeContext } | undefined;
  return (safe, fileChainId, needs) => {
    if (last?.safe === safe && last.fileChainId === fileChainId && last.nonce === needs.nonce) return last.context;
    const key = `${safe.toLowerCase()}:${fileChainId ?? ''}:${needs.nonce}`;
    let context = known.get(key);
    if (!context) {
      context = resolve(safe, fileChainId, needs);
      known.set(key, context);
    }
    last = { safe, fileChainId, nonce: needs.nonce, context };
    return context;
  };

  function resolve(safe: string, fileChainId: bigint | undefined, needs: { nonce: boolean }): ReturnType<ResolveSafe> {
    if (!isAddress(safe)) throw new GuardianError('INVALID_FILE', `The file names no valid Safe address ("${safe}").`);
    const watched = store.readWatchedSafes().safes.filter((w) => w.address.toLowerCase() === safe.toLowerCase());
    const chainId = flags.chainId ?? fileChainId ?? (watched.length === 1 ? watched[0]!.chainId : undefined);
    if (chainId === undefined) {
      throw new GuardianError(
        'INVALID_INPUT',
        `Which chain is Safe ${safe} on? The file does not say${watched.length > 1 ? `, and it is watched on ${watched.map((w) => w.chainId).join(' and ')}` : ''}: give the chain id (--chain-id), or watch the Safe first.`,
      );
    }
    const info = store.getSafeInfo(chainId, safe);
    const safeVersion = flags.safeVersion ?? info?.version;
    const nonce = flags.nonce ?? info?.nonce;
    if (safeVersion === undefined || (needs.nonce && nonce === undefined)) {
      const missing = [
        safeVersion === undefined ? '--safe-version' : '',
        needs.nonce && nonce === undefined ? '--nonce' : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new GuardianError(
        'INVALID_INPUT',
        `Safe ${chainId}:${safe} has not been pulled on this machine: watch it and pull it first (guardian safe add, then guardian queue or the app's Pull), or give its ${missing}.`,
      );
    }
    return {
      chainId,
      safeVersion,
      ...(nonce !== undefined ? { nonce } : {}),
      ...(flags.multiSendCallOnly ? { multiSendCallOnly: flags.multiSendCallOnly } : {}),
    };
  }
}
