import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { batchingRpc } from './batchingRpc.js';

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
              : { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: 'Method not found' } },
          ),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
});
