import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SafeTx } from '../safe/safeTx.js';
import {
  acceptMessage,
  acceptMessageSignature,
  addSafeMessage,
  findMessage,
  acceptProposal,
  addMultisigTx,
  findTransaction,
  servedConfirmation,
  setSafe,
  signingOwner,
  type ConfirmationSetup,
  type LoopbackState,
  type SafeSetup,
  type ServiceSafe,
  type ServiceTransactionJson,
  type ServiceMessageJson,
} from './serviceState.js';
import type { SafeMessageContent } from '../safe/safeMessage.js';

export type {
  ServiceSafe,
  ServiceTransactionJson,
  ServiceMessageJson,
  LoopbackState,
  SafeSetup,
  ConfirmationSetup,
} from './serviceState.js';

/** The endpoints a hostile mode can be limited to. */
export type Endpoint = 'safe-info' | 'multisig-transactions' | 'messages' | 'about';

/**
 * How the server misbehaves until setHostile(null). `only` limits a mode to one endpoint, so a test can let
 * the Safe info through and break the transaction list.
 * - hang: accepts the request and never answers.     - slow: answers correctly after delayMs.
 * - status: answers with that HTTP status.           - not-json: an nginx HTML page with status 200.
 * - huge: valid JSON of about `bytes` bytes.         - drop-field: serves every transaction without `field`.
 * - tamper: sets `field` to `value` on every served transaction after its hash was computed.
 * - foreign-tx: lists every other Safe's transactions (correctly hashed for their Safe) under the asked one.
 * - wrong-chain: /v1/about/ethereum-rpc/ reports `chainId`.
 * - ignore-filters: lists executed transactions and old nonces despite executed=false&nonce__gte.
 */
export type HostileMode = (
  | { kind: 'hang' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: number }
  | { kind: 'not-json' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'drop-field'; field: string }
  | { kind: 'tamper'; field: string; value: unknown }
  | { kind: 'foreign-tx' }
  | { kind: 'wrong-chain'; chainId: bigint }
  | { kind: 'ignore-filters' }
) & { only?: Endpoint };

export interface LoopbackService {
  /** API root to give api-kit as txServiceUrl (…/api). */
  url: string;
  state: LoopbackState;
  /** Same map as state.safes, kept for callers written against it. */
  safes: Map<string, ServiceSafe>;
  hostile: HostileMode | null;
  setHostile(mode: HostileMode | null): void;
  setSafe(setup: SafeSetup): ServiceSafe;
  /** Adds a pending transaction whose safeTxHash the core computes, with its confirmations, as the service serves it. */
  addMultisigTx(tx: SafeTx, extra?: { confirmations?: ConfirmationSetup[]; proposer?: string }): ServiceTransactionJson;
  /** Adds an off-chain message with its messageHash computed by the core, as the service serves it. */
  addMessage(
    safe: string,
    content: SafeMessageContent,
    extra?: { confirmations?: Array<{ owner: string; signature: string }>; proposedBy?: string },
  ): ServiceMessageJson;
  /** Alias of addMultisigTx. */
  addTransaction(
    tx: SafeTx,
    extra?: { confirmations?: ConfirmationSetup[]; proposer?: string },
  ): ServiceTransactionJson;
  /** Every request the server received, for asserting what the client sent. */
  requests: Array<{ method: string; path: string; body: unknown }>;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as unknown) : null;
}

function endpointOf(method: string, path: string): Endpoint | null {
  if (method === 'GET' && /^\/api\/v1\/safes\/[^/]+\/$/.test(path)) return 'safe-info';
  if (
    /^\/api\/v2\/safes\/[^/]+\/multisig-transactions\/$/.test(path) ||
    /^\/api\/v[12]\/multisig-transactions\//.test(path)
  )
    return 'multisig-transactions';
  if (/^\/api\/v1\/safes\/[^/]+\/messages\/$/.test(path) || path.startsWith('/api/v1/messages/')) return 'messages';
  if (path.startsWith('/api/v1/about')) return 'about';
  return null;
}

/** Applies drop-field / tamper / foreign-tx to what a listing serves, leaving the stored state honest. */
function disguise(
  mode: HostileMode | null,
  state: LoopbackState,
  safe: string,
  listed: ServiceTransactionJson[],
): ServiceTransactionJson[] {
  if (mode?.kind === 'foreign-tx') {
    const foreign = [...state.safes.entries()]
      .filter(([address]) => address !== safe.toLowerCase())
      .flatMap(([, s]) => s.transactions);
    return [...listed, ...foreign];
  }
  if (mode?.kind === 'drop-field')
    return listed.map(
      (t) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== mode.field)) as ServiceTransactionJson,
    );
  if (mode?.kind === 'tamper') return listed.map((t) => ({ ...t, [mode.field]: mode.value }));
  return listed;
}

/**
 * A Safe Transaction Service on 127.0.0.1 (port 0) serving the documented response shapes for what api-kit 5
 * calls: GET /api/v1/safes/{a}/, GET and POST /api/v2/safes/{a}/multisig-transactions/ (listing honours
 * executed, nonce__gte, limit and offset, with `next` links; POST is proposeTransaction), GET
 * /api/v2/multisig-transactions/{h}/, GET and POST /api/v1/multisig-transactions/{h}/confirmations/ (POST is
 * confirmTransaction: the owner is whoever the signature recovers to, as the service does) and GET
 * /api/v1/about/ethereum-rpc/; and the message endpoints: GET and POST /api/v1/safes/{a}/messages/ (POST is
 * addMessage), GET /api/v1/messages/{h}/ and POST /api/v1/messages/{h}/signatures/ (addMessageSignature: the
 * owner is whoever the signature recovers to). Transactions and messages are hashed by the core.
 */
export async function startLoopbackService(options: { chainId?: bigint } = {}): Promise<LoopbackService> {
  const state: LoopbackState = { safes: new Map(), chainId: options.chainId };
  const requests: LoopbackService['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const service: LoopbackService = {
    url: '',
    state,
    safes: state.safes,
    hostile: null,
    requests,
    setHostile: (mode) => void (service.hostile = mode),
    setSafe: (setup) => setSafe(state, setup),
    addMultisigTx: (tx, extra) => addMultisigTx(state, tx, extra),
    addTransaction: (tx, extra) => addMultisigTx(state, tx, extra),
    addMessage: (safe, content, extra) => addSafeMessage(state, safe, content, extra),
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function route(method: string, url: URL, body: unknown, res: ServerResponse, mode: HostileMode | null): void {
    const path = url.pathname;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && (m = path.match(/^\/api\/v1\/safes\/(0x[0-9a-fA-F]{40})\/$/))) {
      const entry = state.safes.get(m[1]!.toLowerCase());
      if (!entry) return send(res, 404, { detail: 'Not found.' });
      return send(
        res,
        200,
        mode?.kind === 'drop-field'
          ? Object.fromEntries(Object.entries(entry.info).filter(([k]) => k !== mode.field))
          : entry.info,
      );
    }
    if ((m = path.match(/^\/api\/v2\/safes\/(0x[0-9a-fA-F]{40})\/multisig-transactions\/$/))) {
      if (method === 'POST') {
        const outcome = acceptProposal(state, m[1]!, (body ?? {}) as Record<string, unknown>);
        return outcome.ok ? send(res, 201, undefined) : send(res, outcome.status, outcome.body);
      }
      const entry = state.safes.get(m[1]!.toLowerCase());
      if (!entry) return send(res, 404, { detail: 'Not found.' });
      const minNonce = mode?.kind === 'ignore-filters' ? 0n : BigInt(url.searchParams.get('nonce__gte') ?? '0');
      const executed = mode?.kind === 'ignore-filters' ? null : url.searchParams.get('executed');
      const all = disguise(mode, state, m[1]!, entry.transactions)
        .filter((t) => executed === null || String(t['isExecuted'] ?? false) === executed)
        .filter((t) => BigInt(String(t['nonce'] ?? 0)) >= minNonce)
        .sort((a, b) => Number(BigInt(String(b['nonce'] ?? 0)) - BigInt(String(a['nonce'] ?? 0))));
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 200);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const nextUrl = new URL(url.href);
      nextUrl.searchParams.set('limit', String(limit));
      nextUrl.searchParams.set('offset', String(offset + limit));
      const next = offset + limit < all.length ? nextUrl.href : null;
      return send(res, 200, {
        count: all.length,
        next,
        previous: offset > 0 ? url.href : null,
        results: all.slice(offset, offset + limit),
        countUniqueNonce: new Set(all.map((t) => t['nonce'])).size,
      });
    }
    if (method === 'GET' && (m = path.match(/^\/api\/v2\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/$/))) {
      const tx = findTransaction(state, m[1]!);
      return tx
        ? send(res, 200, disguise(mode, state, String(tx['safe']), [tx])[0])
        : send(res, 404, { detail: 'Not found.' });
    }
    if ((m = path.match(/^\/api\/v1\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/confirmations\/$/))) {
      const tx = findTransaction(state, m[1]!);
      if (!tx) return send(res, 404, { detail: 'Not found.' });
      if (method === 'GET')
        return send(res, 200, {
          count: tx.confirmations.length,
          next: null,
          previous: null,
          results: tx.confirmations,
        });
      const signature = String((body as { signature?: unknown } | null)?.signature ?? '');
      if (tx['isExecuted'])
        return send(res, 400, { signature: [`Transaction with safe-tx-hash=${tx.safeTxHash} was already executed`] });
      const owner = signingOwner(state, tx, signature);
      if (!owner) return send(res, 400, { signature: ['Signer is not an owner or signature is invalid'] });
      if (!tx.confirmations.some((c) => String(c['owner']).toLowerCase() === owner.toLowerCase()))
        tx.confirmations.push(servedConfirmation({ owner, signature }));
      return send(res, 201, { signature });
    }
    if ((m = path.match(/^\/api\/v1\/safes\/(0x[0-9a-fA-F]{40})\/messages\/$/))) {
      if (method === 'POST') {
        const outcome = acceptMessage(state, m[1]!, (body ?? {}) as Record<string, unknown>);
        return outcome.ok ? send(res, 201, undefined) : send(res, outcome.status, outcome.body);
      }
      const entry = state.safes.get(m[1]!.toLowerCase());
      if (!entry) return send(res, 404, { detail: 'Not found.' });
      // Newest first, as the service orders by -created.
      const all = disguise(mode, state, m[1]!, [...entry.messages].reverse() as unknown as ServiceTransactionJson[]);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 200);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const nextUrl = new URL(url.href);
      nextUrl.searchParams.set('limit', String(limit));
      nextUrl.searchParams.set('offset', String(offset + limit));
      return send(res, 200, {
        count: all.length,
        next: offset + limit < all.length ? nextUrl.href : null,
        previous: offset > 0 ? url.href : null,
        results: all.slice(offset, offset + limit),
      });
    }
    if (method === 'GET' && (m = path.match(/^\/api\/v1\/messages\/(0x[0-9a-fA-F]{64})\/$/))) {
      const found = findMessage(state, m[1]!);
      return found
        ? send(
            res,
            200,
            disguise(mode, state, String(found.message['safe']), [
              found.message as unknown as ServiceTransactionJson,
            ])[0],
          )
        : send(res, 404, { detail: 'Not found.' });
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/messages\/(0x[0-9a-fA-F]{64})\/signatures\/$/))) {
      const outcome = acceptMessageSignature(
        state,
        m[1]!,
        String((body as { signature?: unknown } | null)?.signature ?? ''),
      );
      return outcome.ok ? send(res, 201, undefined) : send(res, outcome.status, outcome.body);
    }
    if (method === 'GET' && path === '/api/v1/about/ethereum-rpc/') {
      const chainId = mode?.kind === 'wrong-chain' ? mode.chainId : state.chainId;
      if (chainId === undefined) return send(res, 404, { detail: 'Not found.' });
      return send(res, 200, {
        version: 'loopback',
        blockNumber: 1,
        chainId: Number(chainId),
        chain: `chain ${chainId}`,
        syncing: false,
      });
    }
    return send(res, 404, { detail: `No route for ${method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = method === 'POST' ? await readBody(req) : null;
    requests.push({ method, path: url.pathname + url.search, body });
    const hostile = service.hostile;
    const mode = hostile && (!hostile.only || hostile.only === endpointOf(method, url.pathname)) ? hostile : null;
    if (mode?.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (mode?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
    if (mode?.kind === 'status') return send(res, mode.status, { detail: 'Internal server error' });
    if (mode?.kind === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>Welcome to nginx!</body></html>');
    }
    if (mode?.kind === 'huge') {
      // Streamed in pieces with no content-length, so only a client that counts bytes can stop it.
      res.writeHead(200, { 'content-type': 'application/json' });
      const piece = 'ab'.repeat(32_768);
      res.write('{"count":1,"next":null,"previous":null,"results":[],"padding":"');
      for (let sent = 0; sent < mode.bytes && !res.destroyed; sent += piece.length) {
        if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
      }
      return void res.end('"}');
    }
    route(method, url, body, res, mode);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { detail: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return service;
}
