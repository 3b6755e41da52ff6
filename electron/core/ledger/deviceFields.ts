/** A SafeTx as text (safeTxToJson, or the IPC view of one): what a device's screens print. */
export interface SafeTxText {
  chainId: string;
  safe: string;
  to: string;
  value: string;
  data: string;
  operation: 0 | 1;
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  nonce: string;
}

/**
 * What a Ledger shows in full EIP-712 signing, field by field, to be checked on its screen one by one: the domain
 * (chain, the Safe) and every SafeTx field. Data longer than the device's screens is compared by its ends and length.
 * The app's sign screen and the CLI's `sign` print the same rows.
 */
export function deviceFieldRows(tx: SafeTxText): Array<[string, string]> {
  const dataBytes = (tx.data.length - 2) / 2;
  const data = dataBytes <= 32 ? tx.data : `${tx.data.slice(0, 18)}…${tx.data.slice(-8)} (${dataBytes} bytes)`;
  return [
    ['chainId', tx.chainId],
    ['verifyingContract', tx.safe],
    ['to', tx.to],
    ['value', tx.value],
    ['data', data],
    ['operation', tx.operation === 1 ? '1 (DELEGATECALL)' : '0 (CALL)'],
    ['safeTxGas', tx.safeTxGas],
    ['baseGas', tx.baseGas],
    ['gasPrice', tx.gasPrice],
    ['gasToken', tx.gasToken],
    ['refundReceiver', tx.refundReceiver],
    ['nonce', tx.nonce],
  ];
}
