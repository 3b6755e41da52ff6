import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causeChain } from '../errorCauses.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import { crossCheckBlock } from './crossCheckBlock.js';

let server: Server;
let url: string;
const carried = { block: { number: '0x10', hash: `0x${'ab'.repeat(32)}` } } as unknown as CarriedState;

beforeAll(async () => {
  // A second RPC that answers every request with a JSON-RPC error, as a node that prunes old blocks does.
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const batch = JSON.parse(body) as Array<{ id: number }>;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          batch.map((r) => ({ jsonrpc: '2.0', id: r.id, error: { code: -32000, message: 'header not found' } })),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/key`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('the cross-check of a carried block with a second RPC', () => {
  it("says the second RPC answered with an error, keeping the node's error in the cause chain", async () => {
    const error = await crossCheckBlock(carried, url).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RPC_FAILED',
      message: expect.stringMatching(
        /^Cannot ask 127\.0\.0\.1:\d+ for block 16 to cross-check it: eth_getBlockByNumber: header not found$/,
      ),
    });
    expect(causeChain(error)).toEqual([
      { name: 'GuardianError', message: 'eth_getBlockByNumber: header not found', code: 'RPC_FAILED' },
      { name: 'JsonRpcError', message: 'header not found', code: -32000 },
    ]);
  });

  it('says it could not reach a second RPC where nothing listens', async () => {
    const error = await crossCheckBlock(carried, 'http://127.0.0.1:9/v2/key').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RPC_UNREACHABLE' });
    expect((error as Error).message).not.toContain('/v2/key');
  });
});
