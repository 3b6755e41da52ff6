import { describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { parseCarriedState } from './replaySimulation.js';

const valid = {
  version: 1,
  block: { number: '0x10', timestamp: '0x6500', baseFeePerGas: '0x7', stateRoot: '0x' + '11'.repeat(32) },
  prestate: {
    ['0x' + 'aa'.repeat(20)]: {
      balance: '0x1',
      nonce: 1,
      code: '0x60',
      storage: { ['0x' + '00'.repeat(32)]: '0x' + '00'.repeat(31) + '01' },
    },
  },
  header: null,
  proofs: null,
};

function refusal(json: unknown): string {
  try {
    parseCarriedState(json);
  } catch (error) {
    if (isGuardianError(error, 'INVALID_FILE')) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('a carried state from a file', () => {
  it('is taken when every field is what a simulation writes', () => {
    expect(parseCarriedState(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
  });

  it('drops a list of "overridden" slots a file names for itself: which slots go unproven is decided by the station', () => {
    const listed = {
      ...valid,
      overrides: {
        ['0x' + 'aa'.repeat(20)]: { stateDiff: { ['0x' + '00'.repeat(32)]: '0x' + '00'.repeat(31) + '01' } },
      },
    };
    expect(parseCarriedState(JSON.parse(JSON.stringify(listed)))).not.toHaveProperty('overrides');
  });

  it('is refused, naming the field, when a value is not hex, a version is unknown, or a part is missing', () => {
    expect(refusal({ ...valid, prestate: { ['0x' + 'aa'.repeat(20)]: { storage: { '0x0': 'one' } } } })).toMatch(
      /prestate\.0xaaaa.*storage/,
    );
    expect(refusal({ ...valid, version: 2 })).toMatch(/version/);
    expect(refusal({ ...valid, block: undefined })).toMatch(/block/);
    expect(refusal('not an object')).toMatch(/Not a carried simulation state/);
  });
});
