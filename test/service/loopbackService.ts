import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getAddress } from 'ethers';
import { safeTxToJson } from '../../electron/core/safe/safeTxJson.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { verifyOwnerSignature } from '../../electron/core/safe/verifySafeSignatures.js';

/** A multisig transaction as the service serves it (v2 shape); tests may tamper with any field. */
export type ServiceTransactionJson = Record<string, unknown> & { safeTxHash: string; confirmations: Array<Record<string, unknown>> };

export interface ServiceSafe {
  info: Record<string, unknown>;
  transactions: ServiceTransactionJson[];
}

/** How the server misbehaves for one test: hang, fail, send garbage or send far too much. */
export type HostileMode = { kind: 'hang' } | { kind: 'status'; status: number } | { kind: 'not-json' } | { kind: 'huge'; bytes: number } | null;

export interface LoopbackService {
  /** API root to give api-kit as txServiceUrl. */
  url: string;
  safes: Map<string, ServiceSafe>;
  hostile: HostileMode;
  setSafe(info: { address: string; owners: string[]; threshold: number; nonce: bigint; version: string }): void;
  /** Adds a pending transaction whose safeTxHash is computed by the core, as the real service would. */
  addTransaction(tx: SafeTx, extra?: { confirmations?: Array<{ owner: string; signature: string; signatureType?: string }>; proposer?: string }): ServiceTransactionJson;
  /** Every request the server received, for asserting what the client sent. */
  requests: Array<{ method: string; path: string; body: unknown }>;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * Serves the Safe Transaction Service's documented response shapes on 127.0.0.1 for the endpoints api-kit 5
 * calls: GET /api/v1/safes/{address}/, GET /api/v2/safes/{address}/multisig-transactions/, GET
 * /api/v2/multisig-transactions/{hash}/, POST /api/v1/multisig-transactions/{hash}/confirmations/ and POST
 * /api/v2/safes/{address}/multisig-transactions/.
 */
export async function startLoopbackService(): Promise<LoopbackService> {
  const safes = new Map<string, ServiceSafe>();
  const requests: LoopbackService['requests'] = [];
  const hanging: ServerResponse[] = [];
  const service: LoopbackService = {
    url: '',
    safes,
    hostile: null,
    requests,
    setSafe(info) {
      const address = getAddress(info.address);
      const existing = safes.get(address.toLowerCase());
      safes.set(address.toLowerCase(), {
        info: {
          address,
          nonce: info.nonce.toString(),
          threshold: info.threshold,
          owners: info.owners.map((o) => getAddress(o)),
          masterCopy: '0x41675C099F32341bf84BFc5382aF534df5C7461a',
          modules: [],
          fallbackHandler: '0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99',
          guard: '0x0000000000000000000000000000000000000000',
          version: info.version,
        },
        transactions: existing?.transactions ?? [],
      });
    },
    addTransaction(tx, extra = {}) {
      const entry = safes.get(tx.safe.toLowerCase());
      if (!entry) throw new Error(`setSafe(${tx.safe}) first`);
      const json = safeTxToJson(tx);
      const served: ServiceTransactionJson = {
        safe: json.safe,
        to: json.to,
        value: json.value,
        data: json.data === '0x' ? null : json.data,
        operation: json.operation,
        gasToken: json.gasToken,
        safeTxGas: json.safeTxGas,
        baseGas: json.baseGas,
        gasPrice: json.gasPrice,
        refundReceiver: json.refundReceiver,
        nonce: json.nonce,
        executionDate: null,
        submissionDate: new Date().toISOString(),
        modified: new Date().toISOString(),
        blockNumber: null,
        transactionHash: null,
        safeTxHash: safeTxHash(tx),
        proposer: extra.proposer ?? null,
        executor: null,
        isExecuted: false,
        isSuccessful: null,
        origin: '{}',
        dataDecoded: null,
        confirmationsRequired: Number(entry.info['threshold']),
        confirmations: (extra.confirmations ?? []).map((c) => ({
          owner: getAddress(c.owner),
          submissionDate: new Date().toISOString(),
          transactionHash: null,
          signature: c.signature,
          signatureType: c.signatureType ?? 'EOA',
        })),
        trusted: true,
        signatures: null,
      };
      entry.transactions.push(served);
      return served;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = req.method === 'POST' ? await readBody(req) : null;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, body });
      const hostile = service.hostile;
      if (hostile?.kind === 'hang') return void hanging.push(res);
      if (hostile?.kind === 'status') return send(res, hostile.status, { detail: 'Internal server error' });
      if (hostile?.kind === 'not-json') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>Welcome to nginx</html>');
      }
      if (hostile?.kind === 'huge') {
        const filler = '0x' + 'ab'.repeat(Math.floor(hostile.bytes / 2));
        return send(res, 200, { count: 1, next: null, previous: null, results: [{ data: filler }], address: filler });
      }

      let m: RegExpMatchArray | null;
      if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/v1\/safes\/(0x[0-9a-fA-F]{40})\/$/))) {
        const entry = safes.get(m[1]!.toLowerCase());
        return entry ? send(res, 200, entry.info) : send(res, 404, { detail: 'Not found.' });
      }
      if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/v2\/safes\/(0x[0-9a-fA-F]{40})\/multisig-transactions\/$/))) {
        const entry = safes.get(m[1]!.toLowerCase());
        if (!entry) return send(res, 404, { detail: 'Not found.' });
        const minNonce = BigInt(url.searchParams.get('nonce__gte') ?? '0');
        const results = entry.transactions.filter((t) => !t['isExecuted'] && BigInt(String(t['nonce'] ?? 0)) >= minNonce);
        return send(res, 200, { count: results.length, next: null, previous: null, results, countUniqueNonce: results.length });
      }
      if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/v2\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/$/))) {
        const tx = [...safes.values()].flatMap((s) => s.transactions).find((t) => t.safeTxHash.toLowerCase() === m![1]!.toLowerCase());
        return tx ? send(res, 200, tx) : send(res, 404, { detail: 'Not found.' });
      }
      if (req.method === 'POST' && (m = url.pathname.match(/^\/api\/v1\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/confirmations\/$/))) {
        const tx = [...safes.values()].flatMap((s) => s.transactions).find((t) => t.safeTxHash.toLowerCase() === m![1]!.toLowerCase());
        if (!tx) return send(res, 404, { detail: 'Not found.' });
        const signature = String((body as { signature?: unknown })?.signature ?? '');
        // Like the real service: the owner is whoever the signature recovers to, and it must be an owner.
        const owners = (safes.get(String(tx['safe']).toLowerCase())?.info['owners'] as string[]) ?? [];
        const owner = owners.find((o) => {
          try {
            verifyOwnerSignature(tx.safeTxHash, signature, o);
            return true;
          } catch {
            return false;
          }
        });
        if (!owner) return send(res, 400, { signature: ['Signer is not an owner or signature is invalid'] });
        if (!tx.confirmations.some((c) => String(c['owner']).toLowerCase() === owner.toLowerCase())) {
          tx.confirmations.push({ owner, submissionDate: new Date().toISOString(), transactionHash: null, signature, signatureType: 'EOA' });
        }
        return send(res, 201, { signature });
      }
      return send(res, 404, { detail: `No route for ${req.method} ${url.pathname}` });
    })().catch((error: unknown) => send(res, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return service;
}
