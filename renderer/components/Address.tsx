import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ReviewView } from '../../electron/ipc/contract.js';
import { call, failureText } from '../api.js';

type Known = ReviewView['addresses'][number];

/** What the main process said of every address a review shows, and the transaction (for copying through it). */
export interface AddressDirectory {
  byAddress: ReadonlyMap<string, Known>;
  safeTxHash: string | null;
}

const Directory = createContext<AddressDirectory>({ byAddress: new Map(), safeTxHash: null });

export function AddressDirectoryProvider({
  addresses,
  safeTxHash,
  children,
}: {
  addresses: readonly Known[];
  safeTxHash: string;
  children: ReactNode;
}) {
  return (
    <Directory.Provider value={{ byAddress: new Map(addresses.map((a) => [a.address.toLowerCase(), a])), safeTxHash }}>
      {children}
    </Directory.Provider>
  );
}

const shortForm = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/**
 * An address a person can check: its name where this machine knows it, its short form, and the whole
 * checksummed address on hover or on demand (to compare character by character, or copy). An address nobody
 * here knows says so, and one that imitates a known one (same first and last characters) names the one it
 * imitates: the short form is exactly what address poisoning forges.
 */
export function Address({ address }: { address: string }) {
  const { byAddress, safeTxHash } = useContext(Directory);
  const known = byAddress.get(address.toLowerCase());
  const checksummed = known?.address ?? address;
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const name = known?.name ?? null;
  const resembles = known?.resembles ?? null;
  const spoken = `${name ? `${name}, ` : ''}${resembles ? `look-alike of ${resembles.name}, ` : name ? '' : 'unknown address, '}${checksummed}`;
  const copyIt = () => {
    if (!safeTxHash) return;
    call('clipboard.writeHash', { address: checksummed, safeTxHash })
      .then(() => setCopy({ kind: 'copied' }))
      .catch((e: unknown) => setCopy({ kind: 'failed', message: failureText(e, 'Could not copy.') }));
  };
  return (
    <span className="address" data-testid="address" data-address={checksummed}>
      <button
        type="button"
        className="addr-short"
        title={checksummed}
        aria-expanded={open}
        aria-label={spoken}
        onClick={() => setOpen(!open)}
      >
        {name ? <span className="addr-name">{name}</span> : null}
        <code>{shortForm(checksummed)}</code>
      </button>
      {resembles ? (
        <span className="mark lookalike" data-testid="lookalike-mark">
          look-alike of {resembles.name} ({shortForm(resembles.address)})
        </span>
      ) : name ? null : (
        <span className="mark unknown" data-testid="unknown-mark">
          unknown address
        </span>
      )}
      {open ? (
        <span className="addr-full">
          <code data-testid="address-full">{checksummed}</code>
          {safeTxHash ? (
            <button
              type="button"
              className="copy"
              onClick={copyIt}
              data-testid="copy-address"
              aria-label={`Copy ${checksummed}`}
            >
              {copy.kind === 'copied' ? 'Copied' : 'Copy'}
            </button>
          ) : null}
          {copy.kind === 'failed' ? (
            <span className="error" role="alert">
              {copy.message}
            </span>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}

const ADDRESS = /(0x[0-9a-fA-F]{40})(?![0-9a-fA-F])/;

/** Text from the core with every full address in it drawn as an Address, the words around it as they are. */
export function AddressText({ text }: { text: string }) {
  const parts = text.split(ADDRESS);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <Address key={i} address={part} /> : part))}</>;
}
