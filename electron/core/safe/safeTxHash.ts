import { concat, keccak256, TypedDataEncoder, type TypedDataDomain, type TypedDataField } from 'ethers';
import type { SafeTx } from './safeTx.js';
import { safeVersionRules, type SafeVersionRules } from './safeVersions.js';

/** The three hashes a guardian compares: a Ledger in blind-signing mode shows the first two. */
export interface SafeTxHashes {
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
}

/** EIP-712 typed data for a SafeTx, in the shape both ethers and a Ledger's full EIP-712 signing take. */
export interface SafeTxTypedData {
  domain: TypedDataDomain;
  primaryType: 'SafeTx';
  types: { EIP712Domain: TypedDataField[]; SafeTx: TypedDataField[] };
  message: Record<string, string | number>;
}

function safeTxFields(rules: SafeVersionRules): TypedDataField[] {
  return [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: rules.gasFieldName, type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ];
}

export function safeTxTypedData(tx: SafeTx): SafeTxTypedData {
  const rules = safeVersionRules(tx.safeVersion);
  const domain: TypedDataDomain = rules.domainHasChainId
    ? { chainId: tx.chainId, verifyingContract: tx.safe }
    : { verifyingContract: tx.safe };
  const domainFields: TypedDataField[] = rules.domainHasChainId
    ? [
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ]
    : [{ name: 'verifyingContract', type: 'address' }];
  return {
    domain,
    primaryType: 'SafeTx',
    types: { EIP712Domain: domainFields, SafeTx: safeTxFields(rules) },
    // Decimal strings, not bigints: the same object goes over IPC, into JSON files and to a Ledger.
    message: {
      to: tx.to,
      value: tx.value.toString(),
      data: tx.data,
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      [rules.gasFieldName]: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: tx.nonce.toString(),
    },
  };
}

/** EIP-712 domain separator, as the Safe's `domainSeparator()` returns it. */
export function domainHash(tx: SafeTx): string {
  return TypedDataEncoder.hashDomain(safeTxTypedData(tx).domain);
}

/** EIP-712 hashStruct of the SafeTx: what a Ledger calls the "message hash". */
export function messageHash(tx: SafeTx): string {
  const typed = safeTxTypedData(tx);
  return TypedDataEncoder.hashStruct('SafeTx', { SafeTx: typed.types.SafeTx }, typed.message);
}

/** 0x19 0x01 ‖ domainHash ‖ messageHash: the Safe's `encodeTransactionData`, what an owner contract is shown. */
export function safeTxPreimage(tx: SafeTx): string {
  return concat(['0x1901', domainHash(tx), messageHash(tx)]);
}

/** keccak256 of the preimage, as the Safe's `getTransactionHash` returns it. */
export function safeTxHashes(tx: SafeTx): SafeTxHashes {
  const d = domainHash(tx);
  const m = messageHash(tx);
  return { domainHash: d, messageHash: m, safeTxHash: keccak256(concat(['0x1901', d, m])) };
}

export function safeTxHash(tx: SafeTx): string {
  return safeTxHashes(tx).safeTxHash;
}
