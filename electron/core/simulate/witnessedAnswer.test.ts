import { describe, expect, it } from 'vitest';
import type { CallFrame } from '../primitives/simulationTypes.js';
import { witnessedAnswer } from './witnessedAnswer.js';

const [proxy, oldImpl, newImpl] = ['0x' + '11'.repeat(20), '0x' + '22'.repeat(20), '0x' + '33'.repeat(20)];
const ask = '0x52d1902d';
const slot = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';
const frame = (type: string, from: string, to: string, input: string, extra: Partial<CallFrame> = {}): CallFrame => ({
  type,
  from,
  to,
  input,
  ...extra,
});
const upgrade = (...checks: CallFrame[]): CallFrame =>
  frame('CALL', '0x' + '44'.repeat(20), proxy, '0x4f1ef286', {
    calls: [frame('DELEGATECALL', proxy, oldImpl, '0x4f1ef286', { calls: checks })],
  });

describe('an answer the simulation saw given', () => {
  it("is the output of a call in its own context that did not fail, whatever the address's case", () => {
    expect(
      witnessedAnswer(
        upgrade(frame('STATICCALL', proxy, newImpl.toUpperCase().replace('0X', '0x'), ask, { output: slot })),
        newImpl,
        ask,
      ),
    ).toBe(slot);
  });

  it('is empty when the call returned nothing (callTracer leaves output out)', () => {
    expect(witnessedAnswer(upgrade(frame('STATICCALL', proxy, newImpl, ask)), newImpl, ask)).toBe('0x');
  });

  it('is not taken from a failed call, a delegatecall, another address or other calldata', () => {
    expect(
      witnessedAnswer(
        upgrade(frame('STATICCALL', proxy, newImpl, ask, { output: slot, error: 'execution reverted' })),
        newImpl,
        ask,
      ),
    ).toBeUndefined();
    expect(
      witnessedAnswer(upgrade(frame('DELEGATECALL', proxy, newImpl, ask, { output: slot })), newImpl, ask),
    ).toBeUndefined();
    expect(
      witnessedAnswer(upgrade(frame('STATICCALL', proxy, oldImpl, ask, { output: slot })), newImpl, ask),
    ).toBeUndefined();
    expect(
      witnessedAnswer(upgrade(frame('STATICCALL', proxy, newImpl, '0x8da5cb5b', { output: slot })), newImpl, ask),
    ).toBeUndefined();
  });

  it('is not taken when two askings got different answers: the chain is asked instead', () => {
    const twice = upgrade(
      frame('STATICCALL', proxy, newImpl, ask, { output: slot }),
      frame('CALL', proxy, newImpl, ask, { output: '0x' + '00'.repeat(32) }),
    );
    expect(witnessedAnswer(twice, newImpl, ask)).toBeUndefined();
    const agreeing = upgrade(
      frame('STATICCALL', proxy, newImpl, ask, { output: slot }),
      frame('CALL', proxy, newImpl, ask, { output: slot.toUpperCase().replace('0X', '0x') }),
    );
    expect(witnessedAnswer(agreeing, newImpl, ask)).toBe(slot);
  });
});
