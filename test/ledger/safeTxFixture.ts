import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';

/** A queued emergency pause as a guardian would sign it: a call to pause() on the protocol, nonce 7. */
export function pauseSafeTx(overrides: Partial<Parameters<typeof createSafeTx>[0]> = {}): SafeTx {
  return createSafeTx({
    chainId: 31337n,
    safe: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    safeVersion: '1.4.1',
    to: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    data: '0x8456cb59',
    nonce: 7n,
    ...overrides,
  });
}
