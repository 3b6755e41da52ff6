import http from 'node:http';
import https from 'node:https';
import type { JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';
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
 */
function postJson(url: URL, payload: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers,
        agent: agents[url.protocol as keyof typeof agents],
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error(`HTTP ${response.statusCode ?? '?'} with a body that is not JSON: ${text.slice(0, 120)}`));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * A JSON-RPC client for the local anvil that sends every request made in one turn of the event loop as one
 * batch, or sooner when told its batch is complete (flush). Why not ethers' own: it decodes response bodies
 * byte by byte in JavaScript, which costs ~10 ms per review on trace-sized answers (code of every touched
 * contract), five times the traces themselves.
 */
export function batchingRpc(url: string, timeoutMs = 60_000): RpcClient {
  let queue: Pending[] = [];
  let nextId = 1;
  const flush = async () => {
    // Sent already by an explicit flush() in the same turn.
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let answers: Array<{ id: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
    try {
      const body = await postJson(
        new URL(url),
        JSON.stringify(batch.map(({ id, method, params }) => ({ jsonrpc: '2.0', id, method, params }))),
        timeoutMs,
      );
      answers = Array.isArray(body) ? body : [body as (typeof answers)[number]];
    } catch (cause) {
      const error = new GuardianError(
        'RPC_UNREACHABLE',
        `The simulation chain at ${url} did not answer: ${(cause as Error).message}`,
        { cause },
      );
      for (const p of batch) p.reject(error);
      return;
    }
    const byId = new Map(answers.map((a) => [a.id, a]));
    for (const p of batch) {
      const answer = byId.get(p.id);
      // Typed, so the cause chain a guardian reads names the method and the node's own error code and data.
      if (!answer)
        p.reject(
          new GuardianError('RPC_FAILED', `${p.method}: no answer in the batch`, { details: { method: p.method } }),
        );
      else if (answer.error)
        p.reject(
          new GuardianError('RPC_FAILED', `${p.method}: ${answer.error.message}`, {
            details: { method: p.method, rpcCode: answer.error.code, data: answer.error.data },
          }),
        );
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
 * The fast client for an ethers provider's own URL. A provider that carries its own headers (credentials) or
 * is not plain HTTP, and anything else that speaks JSON-RPC, is used as it is.
 */
export function rpcClientFor(provider: RpcClient | JsonRpcProvider): RpcClient {
  const known = clients.get(provider);
  if (known) return known;
  const connection = (provider as Partial<JsonRpcProvider>)._getConnection?.();
  const client =
    !connection ||
    !/^https?:/.test(connection.url) ||
    Object.keys(connection.headers).some((h) => h.toLowerCase() !== 'accept-encoding') ||
    connection.credentials
      ? provider
      : batchingRpc(connection.url);
  clients.set(provider, client);
  return client;
}

/** One client per provider: reading a provider's connection copies its request, on every review otherwise. */
const clients = new WeakMap<object, RpcClient>();
