import type { SafeTxView } from '../../../electron/ipc/contract.js';

const ZERO = '0x0000000000000000000000000000000000000000';

export const EMPTY_SAFE_TX: SafeTxView = {
  chainId: '1',
  safe: '',
  safeVersion: '1.4.1',
  to: '',
  value: '0',
  data: '0x',
  operation: 0,
  safeTxGas: '0',
  baseGas: '0',
  gasPrice: '0',
  gasToken: ZERO,
  refundReceiver: ZERO,
  nonce: '0',
};

type TextField = Exclude<keyof SafeTxView, 'operation' | 'safeVersion' | 'chainId'>;

type Width = 'third' | 'half' | 'full';

// In the order the Safe UI and the Transaction Service list them, so a guardian can read one against the other.
const FIELDS: { name: TextField; label: string; width: Width }[] = [
  { name: 'safe', label: 'Safe address', width: 'full' },
  { name: 'to', label: 'To', width: 'full' },
  { name: 'value', label: 'Value (wei)', width: 'half' },
  { name: 'nonce', label: 'Nonce', width: 'half' },
  { name: 'data', label: 'Data', width: 'full' },
  { name: 'safeTxGas', label: 'safeTxGas', width: 'third' },
  { name: 'baseGas', label: 'baseGas (dataGas before 1.0.0)', width: 'third' },
  { name: 'gasPrice', label: 'gasPrice', width: 'third' },
  { name: 'gasToken', label: 'Gas token', width: 'full' },
  { name: 'refundReceiver', label: 'Refund receiver', width: 'full' },
];

/** Every field that goes into the hash, nothing left implicit: a hidden default is where a lie would sit. */
export function SafeTxForm({
  tx,
  safeVersions,
  onChange,
}: {
  tx: SafeTxView;
  safeVersions: string[];
  onChange: (tx: SafeTxView) => void;
}) {
  return (
    <div className="tx-form">
      <label className="third">
        <span>Chain ID</span>
        <input
          value={tx.chainId}
          spellCheck={false}
          onChange={(e) => onChange({ ...tx, chainId: e.target.value.trim() })}
          data-testid="field-chainId"
        />
      </label>
      <label className="third">
        <span>Safe version</span>
        <select
          value={tx.safeVersion}
          onChange={(e) => onChange({ ...tx, safeVersion: e.target.value })}
          data-testid="field-safeVersion"
        >
          {(safeVersions.includes(tx.safeVersion) ? safeVersions : [tx.safeVersion, ...safeVersions]).map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <label className="third">
        <span>Operation</span>
        <select
          value={tx.operation}
          onChange={(e) => onChange({ ...tx, operation: e.target.value === '1' ? 1 : 0 })}
          data-testid="field-operation"
        >
          <option value="0">0 · CALL</option>
          <option value="1">1 · DELEGATECALL</option>
        </select>
      </label>
      {FIELDS.map((field) => (
        <label key={field.name} className={field.width}>
          <span>{field.label}</span>
          {field.name === 'data' ? (
            <textarea
              value={tx.data}
              rows={3}
              spellCheck={false}
              onChange={(e) => onChange({ ...tx, data: e.target.value.trim() })}
              data-testid="field-data"
            />
          ) : (
            <input
              value={tx[field.name]}
              spellCheck={false}
              onChange={(e) => onChange({ ...tx, [field.name]: e.target.value.trim() })}
              data-testid={`field-${field.name}`}
            />
          )}
        </label>
      ))}
    </div>
  );
}
