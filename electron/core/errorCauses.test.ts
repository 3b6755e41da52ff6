import { describe, expect, it } from 'vitest';
import { causeChain, guardianErrorJson } from './errorCauses.js';
import { GuardianError } from './errors.js';

describe('the cause chain of a failure', () => {
  it('walks to the root, naming each cause with its code, and keeps the short message a library gives', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const library = Object.assign(new Error('request failed (long text with the request body)', { cause: refused }), {
      shortMessage: 'request failed',
      code: 'NETWORK_ERROR',
    });
    const error = new GuardianError('RPC_UNREACHABLE', 'The chain did not answer.', { cause: library });
    expect(causeChain(error)).toEqual([
      { name: 'Error', message: 'request failed', code: 'NETWORK_ERROR' },
      { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' },
    ]);
    expect(guardianErrorJson(error)).toEqual({
      code: 'RPC_UNREACHABLE',
      message: 'The chain did not answer.',
      cause: causeChain(error),
    });
  });

  it('stops at a cycle and leaves out an error with no cause', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(causeChain(new GuardianError('SIMULATION_FAILED', 'x', { cause: a })).map((l) => l.message)).toEqual([
      'a',
      'b',
    ]);
    expect(guardianErrorJson(new GuardianError('NOT_FOUND', 'none'))).toEqual({ code: 'NOT_FOUND', message: 'none' });
  });
});
