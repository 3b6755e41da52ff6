import { describe, expect, it } from 'vitest';
import type { ControlValue, ReadBack } from './predictedControls.js';
import { checkEffect } from './stepEffect.js';

const owner: ControlValue = {
  contract: '0x' + '22'.repeat(20),
  label: 'Vault (0x2222…2222)',
  what: 'owner',
  before: '0x' + '11'.repeat(20),
  after: '0x' + '33'.repeat(20),
};
/** A prediction whose read-back is what the chain answered: here, given. */
const predicted = (reads: string[]) => ({
  values: [owner],
  readBack: async (): Promise<ReadBack[]> => reads.map((r) => ({ ...owner, reads: r })),
});

describe('a drill step’s effect, checked against its review’s prediction', () => {
  it('verifies an honest step only when every predicted value reads its after', async () => {
    expect(await checkEffect('execute', 'executed', predicted([owner.after]))).toEqual({
      verifiedOnChain: true,
      reading: `owner of Vault (0x2222…2222): ${owner.before} -> ${owner.after} read back`,
    });
    expect(await checkEffect('execute', 'executed', predicted([owner.before]))).toEqual({
      verifiedOnChain: false,
      reading: `owner of Vault (0x2222…2222): predicted ${owner.before} -> ${owner.after}, reads ${owner.before}`,
    });
  });

  it('refuses to verify a trap whose value moved, naming what it reads', async () => {
    const moved = await checkEffect('refuse', 'refused', predicted([owner.after]));
    expect(moved.verifiedOnChain).toBe(false);
    expect(moved.reading).toBe(
      `owner of Vault (0x2222…2222): reads ${owner.after}, not ${owner.before} (the trap would have made it ${owner.after})`,
    );
    expect((await checkEffect('refuse', 'refused', predicted([owner.before]))).verifiedOnChain).toBe(true);
  });

  it('says so when the review predicted no control change, or could not run, instead of claiming a reading', async () => {
    const none = { values: [], readBack: async () => [] };
    const honest = await checkEffect('execute', 'executed', none);
    expect(honest.verifiedOnChain).toBe(true);
    expect(honest.reading).toMatch(/^the review predicted no change of a control value .*nothing was read back$/);
    expect(await checkEffect('refuse', 'executed', none)).toMatchObject({
      verifiedOnChain: false,
      reading: expect.stringMatching(/^executed; the review predicted no change/),
    });
    expect(await checkEffect('execute', 'executed', { failure: 'anvil did not answer' })).toMatchObject({
      reading: expect.stringContaining("the review could not predict this call's effect (anvil did not answer)"),
    });
    expect(await checkEffect('execute', 'refused', predicted([owner.after]))).toEqual({
      verifiedOnChain: false,
      reading: 'not executed',
    });
  });
});
