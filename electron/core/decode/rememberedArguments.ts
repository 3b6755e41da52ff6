import type { FunctionFragment, Result } from 'ethers';

/**
 * Calldata already decoded, per fragment: the same transaction is decoded again and again (the queue's line,
 * its review, the second reading once its tokens are known, the review for signing), and ethers builds its
 * coders, a Reader and a Result on every decode: for upgradeToAndCall(address,bytes) that was a fifth of a
 * review's own JavaScript (--cpu-prof). A Result cannot be changed, so the one decoded serves every later
 * reading of the same bytes by the same fragment. Only what decoded and read cleanly is kept: hostile calldata
 * is decoded, and refused, every time.
 */
const remembered = new Map<FunctionFragment, Map<string, Result>>();
let count = 0;

/** Bounded as the address-keyed slots are: emptied when full; long calldata (a big batch) is not kept. */
const KEPT = 512;
const LONGEST_KEPT = 16_384;

export function rememberedArguments(fragment: FunctionFragment, data: string): Result | undefined {
  return remembered.get(fragment)?.get(data);
}

export function rememberArguments(fragment: FunctionFragment, data: string, result: Result): void {
  if (data.length > LONGEST_KEPT) return;
  if (count >= KEPT) {
    remembered.clear();
    count = 0;
  }
  let byData = remembered.get(fragment);
  if (!byData) remembered.set(fragment, (byData = new Map()));
  if (byData.has(data)) return;
  byData.set(data, result);
  count++;
}
