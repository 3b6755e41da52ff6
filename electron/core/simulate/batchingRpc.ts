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

/**
 * A JSON-RPC client for the local anvil that sends every request made in one turn of the event loop as one
 * batch. Why not ethers' own: it decodes response bodies byte by byte in JavaScript, which costs ~10 ms per
 * review on trace-sized answers (code of every touched contract), five times the traces themselves.
 */
export function batchingRpc(url: string, timeoutMs = 60_000): RpcClient {
  let queue: Pending[] = [];
  let nextId = 1;
  const flush = async () => {
    const batch = queue;
    queue = [];
    let answers: Array<{ id: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch.map(({ id, method, params }) => ({ jsonrpc: '2.0', id, method, params }))), signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json()) as unknown;
      answers = Array.isArray(body) ? body : [body as (typeof answers)[number]];
    } catch (cause) {
      const error = new GuardianError('RPC_UNREACHABLE', `The simulation chain at ${url} did not answer: ${(cause as Error).message}`, { cause });
      for (const p of batch) p.reject(error);
      return;
    }
    const byId = new Map(answers.map((a) => [a.id, a]));
    for (const p of batch) {
      const answer = byId.get(p.id);
      if (!answer) p.reject(new Error(`${p.method}: no answer in the batch`));
      else if (answer.error) p.reject(Object.assign(new Error(`${p.method}: ${answer.error.message}`), { code: answer.error.code, data: answer.error.data }));
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
  };
}

/**
 * The fast client for an ethers provider's own URL. A provider that carries its own headers (credentials) or
 * is not plain HTTP, and anything else that speaks JSON-RPC, is used as it is.
 */
export function rpcClientFor(provider: RpcClient | JsonRpcProvider): RpcClient {
  const connection = (provider as Partial<JsonRpcProvider>)._getConnection?.();
  if (!connection || !/^https?:/.test(connection.url) || Object.keys(connection.headers).some((h) => h.toLowerCase() !== 'accept-encoding') || connection.credentials) return provider;
  return batchingRpc(connection.url);
}
