import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { decodeTransaction } from '../decode/decodeTransaction.js';
import type { RiskDiff } from '../primitives/riskDiffTypes.js';
import { createSafeTx } from '../safe/safeTx.js';
import { pauseEffectsFindings } from './pauseEffectsFindings.js';
import { throughBeacon } from './simulationFindings.js';

const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const vault = '0x71a9d115E322467147391c4a71D85F8e1cA623EF';
const beacon = '0x93C7a6D00849c44Ef3E92E95DCEFfccd447909Ae';
const proxy = '0x3434343434343434343434343434343434343434';
const pause = createSafeTx({
  chainId: 1n,
  safe,
  safeVersion: '1.4.1',
  nonce: 0n,
  to: vault,
  data: new Interface(['function pause()']).encodeFunctionData('pause'),
});
const decoded = decodeTransaction(pause, { addressBook: new AddressBook() });
const diff = (contracts: RiskDiff['contracts']): RiskDiff => ({
  contracts,
  tokenMovements: [],
  nativeMovements: [],
  roleChanges: [],
  delayChanges: [],
  events: [],
  layoutClashes: [],
});
const paused = {
  address: vault,
  label: 'vault',
  changes: [{ what: 'paused', before: 'false', after: 'true' }],
  otherSlots: [],
};

describe('what a pause does besides pausing, from the simulation', () => {
  it('a pause and nothing else is no finding here', () => {
    expect(pauseEffectsFindings(decoded, diff([paused]))).toEqual([]);
  });

  it('a proxy behind a beacon the same transaction upgrades is evidence, as an implementation changed is', () => {
    const behind = {
      address: proxy,
      label: 'market vault',
      changes: [{ what: throughBeacon(beacon), before: vault, after: beacon }],
      otherSlots: [],
    };
    expect(pauseEffectsFindings(decoded, diff([paused, behind])).map((f) => f.code)).toEqual([
      'PAUSE_WITH_OTHER_ACTIONS',
    ]);
  });

  it('the slot of a keyed pause flag (isTargetClosed(target)) is the pause itself, not another effect', () => {
    const what = `isTargetClosed(${vault})`;
    const closed = {
      address: beacon,
      label: 'AccessManager',
      changes: [{ what, before: 'false', after: 'true' }],
      otherSlots: [{ slot: '0x01', before: '0x00', after: '0x01', variable: what }],
    };
    expect(pauseEffectsFindings(decoded, diff([closed]))).toEqual([]);
  });
});
