import type { SafeTxView } from '../../../electron/ipc/contract.js';

/**
 * What a Ledger shows in full EIP-712 signing, field by field, to be checked on its screen one by one: the domain
 * (chain, the Safe) and every SafeTx field. Data longer than the device's screens is compared by its ends and length.
 */
export function DeviceFields({ tx }: { tx: SafeTxView }) {
  const dataBytes = (tx.data.length - 2) / 2;
  const data = dataBytes <= 32 ? tx.data : `${tx.data.slice(0, 18)}…${tx.data.slice(-8)} (${dataBytes} bytes)`;
  const rows: Array<[string, string]> = [
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
  return (
    <table className="device-fields" data-testid="device-fields">
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
