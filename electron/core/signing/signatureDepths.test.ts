import { describe, expect, it } from 'vitest';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { tempStores } from '../../../test/store/tempStores.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { signatureDepths } from './signatureDepths.js';
import type { VerificationDepth } from './verificationDepth.js';

const stores = tempStores('depths');
const hash = safeTxHash(pauseSafeTx());
const owner = '0x1111111111111111111111111111111111111111';
const signature = `0x${'ab'.repeat(65)}`;
const depth: VerificationDepth = {
  hashRecomputed: true,
  claimedHash: 'matched',
  decoding: { weakestSource: 'registered', calls: 1 },
  simulation: 'fork',
  deviceMode: 'hashed',
  findings: { info: 1 },
  acknowledged: [],
};

describe('signatureDepths', () => {
  it('finds the depth recorded with the exact signature this station made, whatever case it was written in', () => {
    const store = stores.store();
    store.appendAudit({
      kind: 'signature',
      safeTxHash: hash,
      actor: owner,
      details: { mode: 'hashed', signature: signature.toUpperCase().replace('0X', '0x'), depth },
    });
    const depthOf = signatureDepths(store, hash);
    expect(depthOf({ owner: owner.toUpperCase().replace('0X', '0x'), signature })).toEqual(depth);
  });

  it('credits no checks to another signature of the same owner, nor to an entry whose depth does not read', () => {
    const store = stores.store();
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor: owner, details: { signature, depth } });
    store.appendAudit({
      kind: 'signature',
      safeTxHash: hash,
      actor: '0x2222222222222222222222222222222222222222',
      details: { signature, depth: { ...depth, hashRecomputed: false } },
    });
    const depthOf = signatureDepths(store, hash);
    expect(depthOf({ owner, signature: `0x${'cd'.repeat(65)}` })).toBeNull();
    expect(depthOf({ owner: '0x2222222222222222222222222222222222222222', signature })).toBeNull();
  });
});
