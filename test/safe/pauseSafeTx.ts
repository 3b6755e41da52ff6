import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';

/** A stand-in vault: tests that need a plain pending transaction, not a deployed protocol, pause this address. */
export const STAND_IN_VAULT = '0x' + '12'.repeat(20);

/** `pause()` (selector 0x8456cb59) from `safe` to the stand-in vault: the plainest transaction a guardian signs. */
export function pauseSafeTx(at: { safe: string; nonce: bigint; chainId?: bigint; safeVersion?: string }): SafeTx {
  return createSafeTx({
    chainId: at.chainId ?? 1n,
    safe: at.safe,
    safeVersion: at.safeVersion ?? '1.4.1',
    to: STAND_IN_VAULT,
    data: '0x8456cb59',
    nonce: at.nonce,
  });
}
