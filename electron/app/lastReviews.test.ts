import { describe, expect, it } from 'vitest';
import { tempStores } from '../../test/store/tempStores.js';
import { lastReviews } from './lastReviews.js';

const stores = tempStores('last-reviews');
const [a, b, c] = ['0x' + 'aa'.repeat(32), '0x' + 'bb'.repeat(32), '0x' + 'cc'.repeat(32)];

describe('the latest review of each queued transaction', () => {
  it('takes the last review recorded for each hash, and passes over entries that carry no verdict', () => {
    const store = stores.store();
    store.appendAudit({
      kind: 'review',
      safeTxHash: a,
      details: { worst: 'critical', findings: ['CONTROL_TO_UNKNOWN_ADDRESS'], block: '0x15', replayed: false },
    });
    store.appendAudit({
      kind: 'review',
      safeTxHash: a,
      details: { worst: null, headline: null, findings: [], block: '0x16', replayed: true },
    });
    // A signing's acknowledgement of the findings is a review entry too, but without a verdict or a block.
    store.appendAudit({
      kind: 'review',
      safeTxHash: b,
      actor: '0x' + '01'.repeat(20),
      details: { findings: [{ code: 'PROTOCOL_PAUSED', severity: 'info' }], acknowledged: [] },
    });
    store.appendAudit({ kind: 'review', safeTxHash: c, details: { worst: 'catastrophic', block: '0x1' } });
    store.appendAudit({ kind: 'signature', safeTxHash: c, details: { worst: 'info', block: '0x1' } });
    // Acknowledged when signed, after the review: the verdict stays the one shown.
    store.appendAudit({
      kind: 'review',
      safeTxHash: a,
      actor: '0x' + '01'.repeat(20),
      details: { findings: [], acknowledged: [] },
    });
    const latest = lastReviews(store);
    expect(latest.get(a)).toEqual({
      worst: null,
      headline: null,
      contradictions: null,
      at: expect.any(String),
      block: '22',
    });
    expect(latest.has(b)).toBe(false);
    // A review recorded before headlines were kept still shows its verdict, with no headline made up for it.
    store.appendAudit({
      kind: 'review',
      safeTxHash: b,
      details: { worst: 'high', findings: ['X'], block: '0x2', replayed: false },
    });
    store.appendAudit({
      kind: 'review',
      safeTxHash: c,
      details: {
        worst: 'critical',
        headline: "DELEGATECALL rewrites this Safe's singleton",
        findings: [],
        block: '0x3',
        replayed: false,
      },
    });
    const again = lastReviews(store);
    expect(again.get(b)).toMatchObject({ worst: 'high', headline: null });
    expect(again.get(c)).toMatchObject({ worst: 'critical', headline: "DELEGATECALL rewrites this Safe's singleton" });
    expect(latest.has(c)).toBe(false);
  });

  it('keeps why the simulation contradicted the description, and says none was checked for a review recorded before', () => {
    const store = stores.store();
    store.appendAudit({
      kind: 'review',
      safeTxHash: a,
      details: {
        worst: 'critical',
        headline: 'X',
        findings: [],
        contradictions: ['The call is a DELEGATECALL to 0x01…'],
        block: '0x4',
        replayed: false,
      },
    });
    store.appendAudit({
      kind: 'review',
      safeTxHash: b,
      details: { worst: 'medium', headline: 'Y', findings: [], contradictions: [], block: '0x4', replayed: false },
    });
    store.appendAudit({
      kind: 'review',
      safeTxHash: c,
      details: { worst: 'high', headline: 'Z', findings: [], contradictions: [7], block: '0x4', replayed: false },
    });
    const latest = lastReviews(store);
    expect(latest.get(a)?.contradictions).toEqual(['The call is a DELEGATECALL to 0x01…']);
    expect(latest.get(b)?.contradictions).toEqual([]);
    // Not words: not shown as a reason, and not as a verdict either.
    expect(latest.has(c)).toBe(false);
  });
});

describe('the look-alikes of the latest review', () => {
  const vault = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
  const twin = '0x5FbDEeEEeEeeeEEEEeeEEEEEeEeEEEEeeeEe0aa3';

  it('keeps those a review recorded, says none for a review recorded before they were kept, and passes over a hand edit', () => {
    const store = stores.store();
    const verdict = { worst: 'high', headline: 'X', findings: [], contradictions: [], block: '0x5', replayed: false };
    store.appendAudit({
      kind: 'review',
      safeTxHash: a,
      details: { ...verdict, lookalikes: [{ address: twin, resembles: vault, name: 'Vault' }] },
    });
    store.appendAudit({ kind: 'review', safeTxHash: b, details: verdict });
    store.appendAudit({
      kind: 'review',
      safeTxHash: c,
      details: { ...verdict, lookalikes: [{ address: 'the vault', resembles: vault, name: 'Vault' }] },
    });
    const latest = lastReviews(store);
    expect(latest.get(a)?.lookalikes).toEqual([{ address: twin, resembles: vault, name: 'Vault' }]);
    expect(latest.get(b)).toBeDefined();
    expect(latest.get(b)).not.toHaveProperty('lookalikes');
    expect(latest.has(c)).toBe(false);
  });
});
