import type { QueueEntry } from '../../../electron/ipc/contract.js';

export interface RowNote {
  /** The badge's visible text, or what the note is about. */
  label: string;
  text: string;
  tone: 'danger' | 'warn' | 'plain';
}

/**
 * What each of a row's badges means, in words: its title on hover, and visible in the row's notes when the row
 * is focused or chosen, so a badge is never a colour and a count alone.
 */
export function rowNotes(entry: QueueEntry): RowNote[] {
  const notes: RowNote[] = [];
  if (entry.operation === 1) {
    notes.push({
      label: 'DELEGATECALL',
      tone: 'danger',
      text: "The Safe runs the target's code as its own: that code can rewrite the Safe's owners, modules and singleton.",
    });
  }
  if (entry.decoding?.delegatecallToUnknown) {
    notes.push({
      label: 'to unknown code',
      tone: 'danger',
      text: 'The delegatecall target is not a MultiSend or Safe library this station knows.',
    });
  }
  if (entry.decoding === null)
    notes.push({
      label: 'not decoded',
      tone: 'warn',
      text: 'The decoder could not read this calldata; the line says only what the bytes show.',
    });
  for (const warning of entry.decoding?.warningTexts ?? [])
    notes.push({ label: 'warning', tone: 'warn', text: warning });
  return notes;
}
