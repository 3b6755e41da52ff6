import http from 'node:http';
import https from 'node:https';
import { JsonRpcProvider, type JsonRpcApiProviderOptions, type Networkish } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { answerFor, batchAnswers, rpcHost, type JsonRpcAnswer } from './jsonRpcAnswer.js';
import type { RpcClient } from './simulateSafeTx.js';

interface Pending {
  id: number;
  method: string;
  params: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * One POST over Node's own HTTP client, not fetch: on a kept-alive connection the request is written before
 * the event loop turns, so the chain is already tracing while this machine decodes. Through fetch it left
 * only after the decoding (0.4 to 0.9 ms after it was asked for, measured), and the review waited for both.
 * Resolves with whatever came back; only no answer at all (refused, reset, timed out) rejects, typed.
 */
function postJson(url: URL, payload: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const signal = AbortSignal.timeout(timeoutMs);
    const unanswered = (cause: unknown) =>
      reject(
        new GuardianError(
          'RPC_UNREACHABLE',
          signal.aborted
            ? `The chain at ${url.host} did not answer within ${timeoutMs / 1000} s.`
            : `The chain at ${url.host} did not answer: ${(cause as Error).message}`,
          { details: { timeoutMs }, cause },
        ),
      );
    const request = client.request(
      url,
      { method: 'POST', headers, agent: agents[url.protocol as keyof typeof agents], signal },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', unanswered);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', unanswered);
    request.end(payload);
  });
}

/**
 * A JSON-RPC client for the local anvil that sends every request made in one turn of the event loop as one
 * batch, or sooner when told its batch is complete (flush). Why not ethers' own: it decodes response bodies
 * byte by byte in JavaScript, which costs ~10 ms per review on trace-sized answers (code of every touched
 * contract), five times the traces themselves. Every failure is a GuardianError with what caused it
 * (jsonRpcAnswer.ts): RPC_UNREACHABLE when the node's answer never came, RPC_FAILED when it said no.
 */
export function batchingRpc(url: string, timeoutMs = 60_000): RpcClient {
  let queue: Pending[] = [];
  let nextId = 1;
  const flush = async () => {
    // Sent already by an explicit flush() in the same turn.
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let answers: JsonRpcAnswer[];
    try {
      const { status, text } = await postJson(
        new URL(url),
        JSON.stringify(batch.map(({ id, method, params }) => ({ jsonrpc: '2.0', id, method, params }))),
        timeoutMs,
      );
      answers = batchAnswers(url, status, text);
    } catch (cause) {
      const error = isGuardianError(cause)
        ? cause
        : new GuardianError('RPC_UNREACHABLE', `The chain at ${rpcHost(url)} did not answer.`, { cause });
      for (const p of batch) p.reject(error);
      return;
    }
    const byId = new Map(answers.map((a) => [a.id, a]));
    for (const p of batch) {
      // Typed, so the cause chain a guardian reads names the method and the node's own error code and data.
      const answer = answerFor(p.method, byId.get(p.id));
      if (answer instanceof GuardianError) p.reject(answer);
      else p.resolve(answer.result);
    }
  };
  return {
    send(method, params) {
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(() => void flush());
        queue.push({ id: nextId++, method, params, resolve, reject });
      });
    },
    flush() {
      void flush();
    },
  };
}

/**
 * An ethers provider for a plain HTTP(S) URL, paired with the fast client for the same URL, which rpcClientFor
 * then hands out for it. ethers keeps a provider's URL to itself (only a private accessor reads it), so the pair
 * is made here, where the URL is known: for the local anvils reviews run on (a fork, a replay, a drill, tests).
 */
export function providerWithBatchingRpc(
  url: string,
  network: Networkish,
  options: JsonRpcApiProviderOptions,
): JsonRpcProvider {
  const provider = new JsonRpcProvider(url, network, options);
  if (/^https?:/i.test(url)) clients.set(provider, batchingRpc(url));
  return provider;
}

/**
 * The fast client paired with a provider (providerWithBatchingRpc), or the provider itself: one made elsewhere
 * (with headers, credentials, or for a remote chain) and anything else that speaks JSON-RPC is used as it is.
 */
export function rpcClientFor(provider: RpcClient | JsonRpcProvider): RpcClient {
  return clients.get(provider) ?? provider;
}

/** Paired clients by provider, gone with it. */
const clients = new WeakMap<object, RpcClient>();
