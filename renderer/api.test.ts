import { describe, expect, it } from 'vitest';
import { ConsoleError, failureText } from './api.js';

describe('failureText', () => {
  it('says what caused a refusal, link by link, after its own words and code', () => {
    const error = new ConsoleError('RPC_UNREACHABLE', 'Cannot ask 127.0.0.1:9 for its chain id.', [
      { name: 'Error', message: 'fetch failed' },
      { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    ]);
    expect(failureText(error, 'fallback')).toBe(
      'Cannot ask 127.0.0.1:9 for its chain id. [RPC_UNREACHABLE] Caused by Error: fetch failed' +
        ' Caused by Error [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('leaves out a cause whose words the message already quotes', () => {
    const error = new ConsoleError('INVALID_FILE', 'broken.json is not valid JSON: Unexpected end of JSON input.', [
      { name: 'SyntaxError', message: 'Unexpected end of JSON input' },
    ]);
    expect(failureText(error, 'x')).toBe('broken.json is not valid JSON: Unexpected end of JSON input. [INVALID_FILE]');
  });

  it('keeps a refusal without causes to its words and code, and anything else to the fallback', () => {
    expect(failureText(new ConsoleError('NOT_FOUND', 'No such transaction.'), 'x')).toBe(
      'No such transaction. [NOT_FOUND]',
    );
    expect(failureText(new TypeError('stack detail'), 'The console failed.')).toBe('The console failed.');
  });
});
