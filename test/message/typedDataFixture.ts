import type { Eip712Message } from '../../electron/core/message/safeMessage.js';

/** A permit-style order with a nested struct and an array: typed data a dapp would ask a Safe to sign. */
export function orderTypedData(chainId: bigint, verifyingContract: string): Eip712Message {
  return {
    domain: { name: 'Guarded Exchange', version: '2', chainId: chainId.toString(), verifyingContract },
    primaryType: 'Order',
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      Order: [
        { name: 'maker', type: 'Party' },
        { name: 'amount', type: 'uint256' },
        { name: 'tags', type: 'bytes32[]' },
        { name: 'note', type: 'string' },
      ],
      Party: [
        { name: 'wallet', type: 'address' },
        { name: 'name', type: 'string' },
      ],
    },
    message: {
      maker: { wallet: verifyingContract, name: 'Treasury' },
      amount: '1000000000000000000000',
      tags: ['0x' + '01'.repeat(32), '0x' + 'ff'.repeat(32)],
      note: 'sell 1000 at market, valid one hour',
    },
  };
}
