import { toBeHex } from 'ethers';
import type { CallOverrides, StateView } from '../primitives/simulationTypes.js';
import type { RpcClient } from '../simulate/simulateSafeTx.js';

const word = (value: string) => `0x${value.replace(/^0x/, '').padStart(64, '0')}`.toLowerCase();

/**
 * The chain as it holds at `block`, asked through the same questions a review's after-state answers (a slot, a
 * code, a getter, a getter with some words set otherwise): so what a review predicted is read back from the
 * chain by the very code that predicted it, not by a second reading that could disagree with the first.
 */
export function chainStateView(rpc: RpcClient, block: bigint): StateView {
  const tag = toBeHex(block);
  return {
    async storage(address, slot) {
      return word((await rpc.send('eth_getStorageAt', [address, slot, tag])) as string);
    },
    code: (address) => rpc.send('eth_getCode', [address, tag]) as Promise<string>,
    // A getter that reverts answers nothing, as in the review's views.
    call: (to, data) => (rpc.send('eth_call', [{ to, data }, tag]) as Promise<string>).catch(() => null),
    callWithStorage(to, data, storage) {
      const overrides: CallOverrides = Object.fromEntries(
        Object.entries(storage).map(([address, words]) => [address, { stateDiff: words }]),
      );
      return (rpc.send('eth_call', [{ to, data }, tag, overrides]) as Promise<string>).catch(() => null);
    },
  };
}
