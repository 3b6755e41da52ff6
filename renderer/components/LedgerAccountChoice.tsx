import { derivationPath, scanCount } from '../../electron/ipc/ledgerAccountFields.js';

/** What the guardian has typed so far: both fields kept, so switching between them loses neither. */
export interface LedgerAccountDraft {
  kind: 'scan' | 'path';
  scan: string;
  path: string;
}

export const DEFAULT_LEDGER_ACCOUNT: LedgerAccountDraft = { kind: 'scan', scan: '5', path: "44'/60'/0'/0/0" };

/** The draft as the signing channel takes it, checked by the channel's own schema, or why it cannot be sent. */
export function ledgerAccountOf(
  draft: LedgerAccountDraft,
): { account: { path: string } | { scan: number }; problem: null } | { account: null; problem: string } {
  if (draft.kind === 'path') {
    const path = draft.path.trim();
    return derivationPath.safeParse(path).success
      ? { account: { path }, problem: null }
      : { account: null, problem: `"${path}" is not a derivation path; expected e.g. 44'/60'/0'/0/0.` };
  }
  const scan = /^\d{1,4}$/.test(draft.scan.trim()) ? Number(draft.scan.trim()) : Number.NaN;
  return scanCount.safeParse(scan).success
    ? { account: { scan }, problem: null }
    : { account: null, problem: 'Search a whole number of accounts of each layout, from 1 to 9999.' };
}

/**
 * Which account of the plugged Ledger signs: an owner searched for among the first accounts of each layout wallets
 * have used (Ledger Live 44'/60'/x'/0/0, legacy 44'/60'/0'/x, BIP44 44'/60'/0'/0/x), or one path typed, for an
 * owner key a wallet set up elsewhere. The CLI's --scan and --path, the same checks.
 */
export function LedgerAccountChoice({
  draft,
  onChange,
  testId,
}: {
  draft: LedgerAccountDraft;
  onChange: (draft: LedgerAccountDraft) => void;
  testId: string;
}) {
  const { problem } = ledgerAccountOf(draft);
  return (
    <fieldset className="ledger-account" data-testid={testId}>
      <legend>Ledger account</legend>
      <label>
        <input
          type="radio"
          checked={draft.kind === 'scan'}
          onChange={() => onChange({ ...draft, kind: 'scan' })}
          data-testid={`${testId}-scan`}
        />{' '}
        an owner among the first{' '}
        <input
          type="text"
          inputMode="numeric"
          size={4}
          aria-label="Accounts of each layout to search"
          value={draft.scan}
          onChange={(e) => onChange({ ...draft, kind: 'scan', scan: e.target.value })}
          data-testid={`${testId}-scan-count`}
        />{' '}
        accounts of each layout <span className="muted">(Ledger Live, legacy, BIP44)</span>
      </label>
      <label>
        <input
          type="radio"
          checked={draft.kind === 'path'}
          onChange={() => onChange({ ...draft, kind: 'path' })}
          data-testid={`${testId}-path`}
        />{' '}
        this path{' '}
        <input
          type="text"
          size={22}
          spellCheck={false}
          aria-label="Derivation path"
          value={draft.path}
          onChange={(e) => onChange({ ...draft, kind: 'path', path: e.target.value })}
          data-testid={`${testId}-path-text`}
        />
      </label>
      {problem ? (
        <p className="error small" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
