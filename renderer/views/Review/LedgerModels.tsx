import { modelSigningModes } from '../../../electron/ipc/rendererFormatting.js';

/**
 * Which screen each Ledger model will show for this transaction, read before plugging in: the fields (full
 * EIP-712) or the two hashes above (hashed). A Nano S owner learns here to compare hashes, not to wait for fields.
 */
export function LedgerModels() {
  const rows = modelSigningModes();
  return (
    <section data-testid="ledger-models">
      <h3>What each Ledger shows</h3>
      <table className="small">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">The fields (full EIP-712)</th>
            <th scope="col">The domain and message hashes (hashed)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.model} data-testid="ledger-model">
              <th scope="row">{r.model}</th>
              <td>{r.full}</td>
              <td>{r.hashed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows
        .filter((r) => r.caveat)
        .map((r) => (
          <p key={r.model} className="small muted">
            {r.caveat}
          </p>
        ))}
    </section>
  );
}
