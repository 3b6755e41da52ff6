import type { AddressBook } from '../decode/addressBook.js';
import { finding, type Finding } from './finding.js';

/** An approveHash that Safe's own code ran (simulate/ownerApprovals.ts): who approved what, in which Safe. */
export interface ApprovalMade {
  /** The outer Safe, whose approvedHashes now holds the approval. */
  safe: string;
  /** The approving owner, msg.sender of approveHash: usually the reviewed Safe itself. */
  owner: string;
  /** The outer Safe's safeTxHash. */
  hash: string;
  slot: string;
}

/**
 * One finding per approval, so the verdict of an owner Safe's approveHash says what it does: without it the review
 * of a nested approval shows no finding at all, which reads as "does nothing". The outer hash is in the evidence, to
 * be compared with the outer transaction a guardian reviews (guardian nested).
 */
export function ownerApprovalFindings(approvals: readonly ApprovalMade[], safe: string, book: AddressBook): Finding[] {
  return approvals.map(({ safe: outer, owner, hash, slot }) => {
    const name = book.nameOf(outer);
    // Another approving owner than this Safe (a contract it called) is named: the approval is that owner's.
    const by = owner.toLowerCase() === safe.toLowerCase() ? '' : ` for owner ${book.label(owner)}`;
    return finding(
      'OWNER_SAFE_APPROVAL',
      `Approves transaction ${hash} of Safe ${outer}${name ? ` (${name})` : ''}${by} (owner Safe approval).`,
      { safe: outer, owner, safeTxHash: hash, slot },
    );
  });
}
