import type { ReviewView } from '../../../electron/ipc/contract.js';

/** Every other storage slot that changed, by its layout name where one is known, raw otherwise: never hidden. */
export function StorageChanges({ contracts }: { contracts: ReviewView['contracts'] }) {
  const rows = contracts.flatMap((c) => c.storage.map((s) => ({ contract: c.label, ...s })));
  if (rows.length === 0) return <p className="muted">No other storage changes.</p>;
  return (
    <table className="storage" data-testid="storage">
      <thead>
        <tr>
          <th scope="col">contract</th>
          <th scope="col">slot or variable</th>
          <th scope="col">before</th>
          <th scope="col">after</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="storage-row">
            <td>{r.contract}</td>
            <td>{r.what}</td>
            <td>{r.before}</td>
            <td>{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
