import type { SafeTxView } from '../../../electron/ipc/contract.js';
import { deviceFieldRows } from '../../../electron/ipc/rendererFormatting.js';

/** What a Ledger shows in full EIP-712 signing (deviceFieldRows), to be checked on its screen one by one. */
export function DeviceFields({ tx }: { tx: SafeTxView }) {
  const rows = deviceFieldRows(tx);
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
