import type { Store } from '../store/openStore.js';
import { NESTED_SIGNATURE_KIND } from './nestedMessageSignatures.js';

/** The audit kind that records the owner Safe's Transaction Service accepting one inner owner's signature. */
export const NESTED_POSTED_KIND = 'nested-message-posted';

export interface UnpostedNestedSignature {
  outerSafeTxHash: string;
  innerSafe: string;
  owner: string;
}

/**
 * The inner owners' signatures kept here that the owner Safe's Transaction Service has not accepted yet, read from
 * the audit log as unpostedConfirmations reads the outer ones: the log only grows, so one accepted never shows
 * again, and one whose post failed stays pending until a post succeeds. They are proven again when posted.
 */
export function unpostedNestedSignatures(store: Store, outerSafeTxHash?: string): UnpostedNestedSignature[] {
  const filter = outerSafeTxHash ? { safeTxHash: outerSafeTxHash.toLowerCase() } : {};
  const key = (outer: string, inner: string, owner: string) =>
    `${outer.toLowerCase()}:${inner.toLowerCase()}:${owner.toLowerCase()}`;
  const posted = new Set(
    store
      .listAudit({ ...filter, kind: NESTED_POSTED_KIND })
      .map((e) => key(e.safeTxHash ?? '', String(e.details?.['innerSafe']), e.actor ?? '')),
  );
  const pending = new Map<string, UnpostedNestedSignature>();
  for (const e of store.listAudit({ ...filter, kind: NESTED_SIGNATURE_KIND })) {
    const innerSafe = String(e.details?.['innerSafe']);
    const owner = String(e.details?.['owner']);
    const k = key(e.safeTxHash ?? '', innerSafe, owner);
    if (!posted.has(k) && !pending.has(k))
      pending.set(k, { outerSafeTxHash: (e.safeTxHash ?? '').toLowerCase(), innerSafe, owner });
  }
  return [...pending.values()];
}
