import type { Eip712Message } from '../../electron/core/safe/safeMessage.js';

/** The EIP712Domain of a dapp that names itself, its version, the chain and the contract: every common field. */
export const FULL_EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** A permit-style order with a nested struct and an array: typed data a dapp would ask a Safe to sign. */
export function orderTypedData(chainId: bigint, verifyingContract: string): Eip712Message {
  return {
    domain: { name: 'Guarded Exchange', version: '2', chainId: chainId.toString(), verifyingContract },
    primaryType: 'Order',
    types: {
      EIP712Domain: FULL_EIP712_DOMAIN,
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

/** Permit2's PermitSingle, the signature behind the Permit2 drains: an allowance spent with no transaction of the Safe. */
export function permit2TypedData(chainId: bigint, spender: string): Eip712Message {
  return {
    domain: {
      name: 'Permit2',
      chainId: chainId.toString(),
      verifyingContract: '0x000000000022D473030F116dDEE9F6B43aC78BA3',
    },
    primaryType: 'PermitSingle',
    types: {
      PermitSingle: [
        { name: 'details', type: 'PermitDetails' },
        { name: 'spender', type: 'address' },
        { name: 'sigDeadline', type: 'uint256' },
      ],
      PermitDetails: [
        { name: 'token', type: 'address' },
        { name: 'amount', type: 'uint160' },
        { name: 'expiration', type: 'uint48' },
        { name: 'nonce', type: 'uint48' },
      ],
    },
    message: {
      details: {
        token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
        amount: '1461501637330902918203684832716283019655932542975',
        expiration: '281474976710655',
        nonce: '0',
      },
      spender,
      sigDeadline: '281474976710655',
    },
  };
}
