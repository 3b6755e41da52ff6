import { describe, expect, it } from 'vitest';
import type { ControlValue, ReadBack } from './predictedControls.js';
import { checkEffect } from './stepEffect.js';
import { getAddress } from 'ethers';
import type { SafeConfig } from '../simulate/safeConfigView.js';

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

  describe("the Safe's own controls, read before the proposal and after the step", () => {
    const safe = '0x' + '5a'.repeat(20);
    const config: SafeConfig = {
      'Safe singleton': '0x' + '41'.repeat(20),
      'Safe owners': ['0x' + 'a1'.repeat(20), '0x' + 'a2'.repeat(20)].join(', '),
      'Safe threshold': '2',
      'Safe modules': '(none)',
      'Safe guard': '0x' + '00'.repeat(20),
      'Safe fallback handler': '0x' + 'fd'.repeat(20),
    };
    const none = { values: [], readBack: async () => [] };

    it('names each of them as before for a trap whose review predicted nothing (the DELEGATECALL trap)', async () => {
      const held = await checkEffect('refuse', 'refused', none, { safe, before: config, after: { ...config } });
      expect(held.verifiedOnChain).toBe(true);
      expect(held.reading).toMatch(/^not executed; the review predicted no change of a control value \(/);
      expect(held.reading).toContain(
        `; Safe singleton 0x4141414141414141414141414141414141414141, owners (2), threshold 2, modules (none), guard (none), fallback handler ${getAddress('0x' + 'fd'.repeat(20))}: as before`,
      );
    });

    it('fails a step that moved the singleton when no review predicted it, as Bybit’s did', async () => {
      const after = { ...config, 'Safe singleton': '0x' + 'ee'.repeat(20) };
      const moved = await checkEffect('refuse', 'refused', none, { safe, before: config, after });
      expect(moved.verifiedOnChain).toBe(false);
      expect(moved.reading).toContain(
        `Safe singleton NOT as before: 0x4141414141414141414141414141414141414141 -> ${getAddress('0x' + 'ee'.repeat(20))} (no review predicted it)`,
      );
      const honest = await checkEffect('execute', 'executed', none, { safe, before: config, after });
      expect(honest.verifiedOnChain).toBe(false);
    });

    it('leaves a Safe control the review predicted to its own read-back', async () => {
      const threshold: ControlValue = {
        contract: safe,
        label: 'this Safe',
        what: 'Safe threshold',
        before: '2',
        after: '3',
      };
      const raised = {
        values: [threshold],
        readBack: async (): Promise<ReadBack[]> => [{ ...threshold, reads: '3' }],
      };
      const after = { ...config, 'Safe threshold': '3' };
      const result = await checkEffect('execute', 'executed', raised, { safe, before: config, after });
      expect(result.verifiedOnChain).toBe(true);
      expect(result.reading).toMatch(
        /^Safe threshold of this Safe: 2 -> 3 read back; Safe singleton 0x4141.*: as before$/,
      );
      expect(result.reading).not.toContain('threshold 2');
    });
  });
});
