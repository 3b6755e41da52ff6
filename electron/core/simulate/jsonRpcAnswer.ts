import { GuardianError } from '../errors.js';

/** A JSON-RPC error object as the node sent it, as an Error: it stands in a cause chain with the node's code. */
export class JsonRpcError extends Error {
  override readonly name = 'JsonRpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** An HTTP answer that carries no JSON-RPC: a gateway, a proxy or a rate limiter in the way, by its status. */
export class HttpAnswerError extends Error {
  override readonly name = 'HttpAnswerError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonRpcAnswer {
  id: unknown;
  result?: unknown;
  error?: JsonRpcError;
}

/** The host alone: an RPC URL often carries an API key in its path, and error messages are printed and logged. */
export function rpcHost(url: string): string {
  try {
    return new URL(url).host || 'the chain';
  } catch {
    return 'the chain';
  }
}

function errorOf(value: unknown): JsonRpcError | undefined {
  if (value === undefined || value === null) return undefined;
  const { code, message, data } = value as { code?: unknown; message?: unknown; data?: unknown };
  // A node that answers an error it does not describe is still answering an error.
  return new JsonRpcError(
    typeof code === 'number' ? code : 0,
    typeof message === 'string' ? message : 'an error without a message',
    data,
  );
}

function answerOf(value: unknown): JsonRpcAnswer | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, result, error } = value as { id?: unknown; result?: unknown; error?: unknown };
  if (!('result' in value) && !('error' in value)) return null;
  const failure = errorOf(error);
  return failure ? { id, error: failure } : { id, result };
}

/**
 * The answers in an HTTP reply to a JSON-RPC batch, or the typed reason there are none: RPC_UNREACHABLE when
 * what answered was not the node (an HTTP error page, a body that is not JSON-RPC), RPC_FAILED when the node
 * refused the batch as a whole (one error object with no id, as a rate limit or a batch too large is answered,
 * often with an HTTP error status). JSON-RPC answers are taken whatever the status: they say more than it does.
 * The reply or the node's error is the cause, so `--verbose` shows what came back.
 */
export function batchAnswers(url: string, status: number, text: string): JsonRpcAnswer[] {
  const host = rpcHost(url);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `The chain at ${host} answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 120)}`,
      { details: { httpStatus: status }, cause: new HttpAnswerError(status, text.slice(0, 500)) },
    );
  }
  const answers = Array.isArray(body) ? body.map(answerOf) : [answerOf(body)];
  if (answers.length === 0 || answers.some((a) => a === null))
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `The chain at ${host} answered HTTP ${status} with JSON that is not a JSON-RPC answer: ${text.slice(0, 120)}`,
      { details: { httpStatus: status }, cause: new HttpAnswerError(status, text.slice(0, 500)) },
    );
  const valid = answers as JsonRpcAnswer[];
  // One error with no id, where a batch was sent: the node refused the batch itself.
  const whole = Array.isArray(body) ? undefined : valid[0]!;
  if (whole?.error && (whole.id === null || whole.id === undefined))
    throw new GuardianError('RPC_FAILED', `The chain at ${host} refused the request: ${whole.error.message}`, {
      details: { httpStatus: status, rpcCode: whole.error.code, data: whole.error.data },
      cause: whole.error,
    });
  return valid;
}

/** What one request of a batch got: its result, or RPC_FAILED naming the method with the node's error as cause. */
export function answerFor(method: string, answer: JsonRpcAnswer | undefined): { result: unknown } | GuardianError {
  if (!answer) return new GuardianError('RPC_FAILED', `${method}: no answer in the batch`, { details: { method } });
  if (answer.error)
    return new GuardianError('RPC_FAILED', `${method}: ${answer.error.message}`, {
      details: { method, rpcCode: answer.error.code, data: answer.error.data },
      cause: answer.error,
    });
  return { result: answer.result };
}
