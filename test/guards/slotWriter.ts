import type { TestChain } from '../chain/testChain.js';

/**
 * Deploys, from the chain's sixth wallet (not an owner), a contract whose runtime is `sstore(slot, calldataload(4))`:
 * delegatecalled by a Safe, it writes a control value (the guard, the module guard) with no setter to decode.
 */
export async function deploySlotWriter(chain: TestChain, slot: string): Promise<string> {
  // PUSH1 4 CALLDATALOAD PUSH32 slot SSTORE STOP: 38 bytes, copied out by a constructor of 11.
  const runtime = `6004357f${slot.slice(2).padStart(64, '0')}5500`;
  const initcode = `0x602680600b6000396000f3${runtime}`;
  const deployed = await (await chain.wallets[5]!.sendTransaction({ data: initcode })).wait();
  return deployed!.contractAddress!;
}
