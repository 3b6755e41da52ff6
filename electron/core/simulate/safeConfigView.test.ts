import { getAddress, toBeHex, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { displaySafeConfigValue, safeConfig, safeConfigBeforeAndAfter } from './safeConfigView.js';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../primitives/storageSlots.js';
import type { StateView } from '../primitives/simulationTypes.js';

const SAFE = '0x' + '5a'.repeat(20);
const word = (address: string) => zeroPadValue(address, 32);

/** A Safe's storage as a plain map: the same view the risk diff reads, with nothing behind it. */
function storageView(slots: Record<string, string>): StateView {
  return {
    storage: async (_address, slot) => slots[slot] ?? toBeHex(0, 32),
    code: async () => '0x',
    call: async () => null,
  };
}

describe('the Safe configuration read from storage', () => {
  const [a, b] = ['0x' + '0a'.repeat(20), '0x' + '0b'.repeat(20)];

  it('walks the owners list from the sentinel and reads threshold, guard and handler', async () => {
    const view = storageView({
      [mappingSlot(SENTINEL, SAFE_SLOTS.owners)]: word(a),
      [mappingSlot(a, SAFE_SLOTS.owners)]: word(b),
      [mappingSlot(b, SAFE_SLOTS.owners)]: word(SENTINEL),
      [SAFE_SLOTS.threshold]: toBeHex(2, 32),
    });
    const config = await safeConfig(view, SAFE);
    expect(displaySafeConfigValue(config['Safe owners'])).toBe(`${getAddress(a)}, ${getAddress(b)}`);
    expect(config['Safe threshold']).toBe('2');
    expect(config['Safe modules']).toBe('(none)');
  });

  it('stops on a list that loops, and says so, instead of hanging the review', async () => {
    const view = storageView({
      [mappingSlot(SENTINEL, SAFE_SLOTS.owners)]: word(a),
      [mappingSlot(a, SAFE_SLOTS.owners)]: word(b),
      [mappingSlot(b, SAFE_SLOTS.owners)]: word(a),
    });
    expect(displaySafeConfigValue((await safeConfig(view, SAFE))['Safe owners'])).toBe(
      `${getAddress(a)}, ${getAddress(b)}, (list does not end: storage corrupted)`,
    );
  });

  it('reads nothing when only the nonce was written, and walks the after side only when a slot the before side read was written', async () => {
    const slots = {
      [mappingSlot(SENTINEL, SAFE_SLOTS.owners)]: word(a),
      [mappingSlot(a, SAFE_SLOTS.owners)]: word(SENTINEL),
      [SAFE_SLOTS.threshold]: toBeHex(1, 32),
    };
    const before = storageView(slots);
    const asked: string[] = [];
    const after: StateView = {
      ...storageView({ ...slots, [SAFE_SLOTS.threshold]: toBeHex(2, 32) }),
      storage: async (address, slot) => (
        asked.push(slot),
        storageView({ ...slots, [SAFE_SLOTS.threshold]: toBeHex(2, 32) }).storage(address, slot)
      ),
    };
    // Only the nonce written: nothing of the configuration can have changed, and nothing is read on either side.
    const beforeAsked: string[] = [];
    const recordingBefore: StateView = {
      ...before,
      storage: async (address, slot) => (beforeAsked.push(slot), before.storage(address, slot)),
    };
    expect(await safeConfigBeforeAndAfter(recordingBefore, after, SAFE, new Set([SAFE_SLOTS.nonce]))).toBeNull();
    expect([...beforeAsked, ...asked]).toEqual([]);
    // A slot written that the walk does not read (an approved hash): the before side is walked, the after side is not.
    const [, untouched] = (await safeConfigBeforeAndAfter(
      before,
      after,
      SAFE,
      new Set([SAFE_SLOTS.nonce, mappingSlot(a, SAFE_SLOTS.approvedHashes)]),
    ))!;
    expect(asked).toEqual([]);
    expect(untouched['Safe threshold']).toBe('1');
    const [was, is] = (await safeConfigBeforeAndAfter(
      before,
      after,
      SAFE,
      new Set([SAFE_SLOTS.nonce, SAFE_SLOTS.threshold]),
    ))!;
    expect([was['Safe threshold'], is['Safe threshold']]).toEqual(['1', '2']);
    expect(asked).toContain(SAFE_SLOTS.threshold);
  });
});
