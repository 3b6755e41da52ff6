import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causeChain } from '../errorCauses.js';
import { isGuardianError } from '../errors.js';
import { batchingRpc, providerWithBatchingRpc, rpcClientFor } from './batchingRpc.js';

let server: Server;
let url: string;
const bodies: unknown[] = [];

beforeAll(async () => {
  // A loopback JSON-RPC server: echoes eth_echo, refuses anything else as anvil would.
  server = createServer((request, response) => {
    if (request.url === '/gateway') {
      response.statusCode = 502;
      response.end('<html>Bad Gateway</html>');
      return;
    }
    // A rate limiter as hosted nodes answer one: HTTP 429 and one JSON-RPC error for the whole batch.
    if (request.url === '/limited') {
      response.statusCode = 429;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32005, message: 'rate limit exceeded' } }),
      );
      return;
    }
    if (request.url === '/not-rpc') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    // Takes the request and never answers.
    if (request.url === '/silent') return;
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const batch = JSON.parse(body) as Array<{ id: number; method: string; params: unknown[] }>;
      bodies.push(batch);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          batch.map((r) =>
            r.method === 'eth_echo'
              ? { jsonrpc: '2.0', id: r.id, result: r.params[0] }
              : r.method === 'eth_call'
                ? { jsonrpc: '2.0', id: r.id, error: { code: 3, message: 'execution reverted', data: '0x08c379a0' } }
                : { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: 'Method not found' } },
          ),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('the batching JSON-RPC client', () => {
  it('sends requests made together as one batch and gives each its own answer or a typed JSON-RPC error', async () => {
    bodies.length = 0;
    const rpc = batchingRpc(url);
    const [a, b, c] = await Promise.allSettled([
      rpc.send('eth_echo', ['a']),
      rpc.send('eth_nope', []),
      rpc.send('eth_echo', ['c']),
    ]);
    expect(bodies).toHaveLength(1);
    expect(a).toEqual({ status: 'fulfilled', value: 'a' });
    expect(b).toMatchObject({
      status: 'rejected',
      reason: {
        message: 'eth_nope: Method not found',
        code: 'RPC_FAILED',
        details: { method: 'eth_nope', rpcCode: -32601 },
      },
    });
    expect(isGuardianError((b as PromiseRejectedResult).reason, 'RPC_FAILED')).toBe(true);
    expect(c).toEqual({ status: 'fulfilled', value: 'c' });
  });

  it('sends at once when flushed, and what is asked after that in the same turn as a batch of its own', async () => {
    bodies.length = 0;
    const rpc = batchingRpc(url);
    const first = [rpc.send('eth_echo', ['a']), rpc.send('eth_echo', ['b'])];
    rpc.flush?.();
    const later = rpc.send('eth_echo', ['c']);
    expect(await Promise.all([...first, later])).toEqual(['a', 'b', 'c']);
    expect(bodies.map((b) => (b as Array<{ params: unknown[] }>).map((r) => r.params[0]))).toEqual([['a', 'b'], ['c']]);
  });

  it('says what came back when the answer is not JSON-RPC', async () => {
    const error = await batchingRpc(`${url}/gateway`)
      .send('eth_echo', ['x'])
      .catch((e: unknown) => e);
    expect(isGuardianError(error, 'RPC_UNREACHABLE')).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 502 with a body that is not JSON: <html>Bad Gateway/);
  });

  it('says which chain did not answer when nothing listens', async () => {
    const rpc = batchingRpc('http://127.0.0.1:9', 2_000);
    const error = await rpc.send('eth_echo', ['x']).catch((e: unknown) => e);
    expect(isGuardianError(error, 'RPC_UNREACHABLE')).toBe(true);
  });

  it("keeps the node's error object as the cause of a failed request: its code and data in the chain", async () => {
    const error = await batchingRpc(url)
      .send('eth_call', [{}, 'latest'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RPC_FAILED',
      message: 'eth_call: execution reverted',
      details: { method: 'eth_call', rpcCode: 3, data: '0x08c379a0' },
    });
    expect(causeChain(error)).toEqual([{ name: 'JsonRpcError', message: 'execution reverted', code: 3 }]);
  });

  it('refuses every request of a batch the node refused as a whole, with its error as the cause', async () => {
    const rpc = batchingRpc(`${url}/limited`);
    const [a, b] = await Promise.all([
      rpc.send('eth_echo', ['a']).catch((e: unknown) => e),
      rpc.send('eth_echo', ['b']).catch((e: unknown) => e),
    ]);
    expect(a).toBe(b);
    expect(a).toMatchObject({
      code: 'RPC_FAILED',
      message: expect.stringMatching(/^The chain at 127\.0\.0\.1:\d+ refused the request: rate limit exceeded$/),
      details: { httpStatus: 429, rpcCode: -32005 },
    });
    expect(causeChain(a)).toEqual([{ name: 'JsonRpcError', message: 'rate limit exceeded', code: -32005 }]);
  });

  it('names JSON that is not a JSON-RPC answer, with the reply as the cause', async () => {
    const error = await batchingRpc(`${url}/not-rpc`)
      .send('eth_echo', ['x'])
      .catch((e: unknown) => e);
    expect(isGuardianError(error, 'RPC_UNREACHABLE')).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 200 with JSON that is not a JSON-RPC answer: \{"status":"ok"\}/);
    expect(causeChain(error)).toEqual([{ name: 'HttpAnswerError', message: '{"status":"ok"}', code: 200 }]);
  });

  it('says how long it waited for a chain that took the request and never answered', async () => {
    const error = await batchingRpc(`${url}/silent`, 300)
      .send('eth_echo', ['x'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RPC_UNREACHABLE',
      message: expect.stringMatching(/did not answer within 0\.3 s\.$/),
      details: { timeoutMs: 300 },
    });
    expect(causeChain(error).length).toBeGreaterThan(0);
  });

  it('names the host only, never the path an API key sits in', async () => {
    const error = await batchingRpc('http://127.0.0.1:9/v3/secret-key', 2_000)
      .send('eth_echo', ['x'])
      .catch((e: unknown) => e);
    expect(isGuardianError(error, 'RPC_UNREACHABLE')).toBe(true);
    expect((error as Error).message).not.toContain('secret-key');
    expect(causeChain(error)[0]).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('is what a provider made with its URL reviews through; any other provider is used as it is', async () => {
    const paired = providerWithBatchingRpc(url, 1, { staticNetwork: true });
    const plain = new JsonRpcProvider(url, 1, { staticNetwork: true });
    try {
      const client = rpcClientFor(paired);
      expect(client).not.toBe(paired);
      expect(rpcClientFor(paired)).toBe(client);
      expect(rpcClientFor(plain)).toBe(plain);
      bodies.length = 0;
      expect(await client.send('eth_echo', ['through the batch'])).toBe('through the batch');
      expect(bodies).toEqual([[{ jsonrpc: '2.0', id: 1, method: 'eth_echo', params: ['through the batch'] }]]);
    } finally {
      paired.destroy();
      plain.destroy();
    }
  });
});
