import { ZeroAddress } from 'ethers';
import type { DecodedAction } from './decodedTransaction.js';

/**
 * A Safe's singleton and fallback handler run with the Safe's authority: the Bybit attacker (Feb 2025) swapped
 * the singleton for its own contract. A target that is not an official deployment on this chain is said.
 * `official` maps lowercase addresses to names from knownSafeDeployments.ts.
 */
export function officialTargetWarning(
  action: DecodedAction,
  official: ReadonlyMap<string, string>,
  chainId: bigint,
): string | null {
  const target = String(action.args[0]?.value ?? '');
  const name = official.get(target.toLowerCase()) ?? '';
  switch (action.signature) {
    case 'changeMasterCopy(address)':
      return /singleton/.test(name)
        ? null
        : `${target} is not an official Safe singleton on chain ${chainId}: the Safe would run its code, with full control of its funds.`;
    case 'setFallbackHandler(address)':
      return target === ZeroAddress || /FallbackHandler|CallbackHandler/.test(name)
        ? null
        : `${target} is not an official Safe fallback handler on chain ${chainId}: it would receive every call the Safe does not handle itself.`;
    default:
      return null;
  }
}
