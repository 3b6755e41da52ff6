import { NESTED_SIGNATURE_KIND } from '../core/nested/nestedMessageSignatures.js';

/**
 * The kinds of entry this console writes to the audit log, for `audit list --kind`: a kind typed wrong would
 * otherwise match nothing and read as "nothing happened". test/cli/auditKinds.test.ts fails on a kind the code
 * records that is missing here.
 */
export const AUDIT_KINDS: readonly string[] = [
  'pull',
  'import',
  'review',
  'review-failed',
  'signature',
  'posted',
  'execution-sent',
  'execution',
  'bundle-refused',
  'signatures-imported',
  'signatures-refused',
  'confirmation-refused',
  'nested-approval',
  'nested-contract-signature',
  NESTED_SIGNATURE_KIND,
  `${NESTED_SIGNATURE_KIND}-refused`,
  'message-pull',
  'message-import',
  'message-signature',
  'message-signature-refused',
  'message-posted',
  'drill',
];
