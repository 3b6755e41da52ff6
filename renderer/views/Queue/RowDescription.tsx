import type { Lookalike } from '../../../electron/ipc/rendererFormatting.js';

const ADDRESS = /(0x[0-9a-fA-F]{40})(?![0-9a-fA-F])/;

/**
 * A row's description with each full address in it marked: the decoder names every address its book knows
 * ("Vault (0x2279…eBe6)"), so one it writes out whole is one nobody here knows, and the row says so in words
 * (as the review does), or names the address it imitates; a long hex string alone reads as trusted as any other.
 */
export function RowDescription({ text, lookalikes }: { text: string; lookalikes: readonly Lookalike[] }) {
  const parts = text.split(ADDRESS);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const imitated = lookalikes.find((l) => l.address.toLowerCase() === part.toLowerCase());
        return (
          <span key={i} className="address" data-testid="row-address" data-address={part}>
            <code>{part}</code>{' '}
            {imitated ? (
              <span className="mark lookalike">look-alike of {imitated.name}</span>
            ) : (
              <span className="mark unknown" data-testid="unknown-mark">
                unknown address
              </span>
            )}
          </span>
        );
      })}
    </>
  );
}
