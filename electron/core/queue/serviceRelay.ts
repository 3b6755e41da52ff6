import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GuardianError } from '../errors.js';

/**
 * api-kit 5 cannot be told how long to wait or how much to read: its sendRequest calls node-fetch with no
 * signal, no timeout and no size, then `await response.text()` of whatever arrives. A service that never
 * answers would hang a pull forever; one that streams gigabytes would exhaust the guardian's memory.
 *
 * So api-kit talks to this relay on 127.0.0.1 instead, and the relay fetches from the real service with a
 * deadline and a byte budget (counted after decompression, so a gzip bomb is bounded too). When a limit is
 * hit it aborts the upstream request, answers api-kit with a 502 and keeps the precise GuardianError for the
 * caller. A random path prefix keeps other local processes from using it while it lives (one pull).
 */
export interface ServiceRelayOptions {
  /** The service's API root, e.g. https://safe-transaction-mainnet.safe.global/api */
  serviceUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface ServiceRelay {
  /** What to give api-kit as txServiceUrl. */
  url: string;
  /** The failure of the most recent request, when it was the network's or a limit's rather than the service's answer. */
  failure(): GuardianError | null;
  close(): Promise<void>;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkFailure(serviceUrl: string, path: string, cause: unknown): GuardianError {
  const code = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as { code?: string })?.code;
  if (code && UNREACHABLE_CODES.has(code)) {
    return new GuardianError(
      'SERVICE_UNREACHABLE',
      `Cannot reach the Transaction Service at ${serviceUrl} (${code}). Stored transactions are still available offline.`,
      {
        cause,
        details: { serviceUrl, path, code },
      },
    );
  }
  return new GuardianError(
    'SERVICE_UNREACHABLE',
    `The connection to the Transaction Service at ${serviceUrl} failed (${(cause as Error)?.message ?? String(cause)}).`,
    {
      cause,
      details: { serviceUrl, path },
    },
  );
}

export async function startServiceRelay(options: ServiceRelayOptions): Promise<ServiceRelay> {
  const upstreamRoot = options.serviceUrl.replace(/\/+$/, '');
  const prefix = `/${randomBytes(16).toString('hex')}`;
  const inFlight = new Set<AbortController>();
  let lastFailure: GuardianError | null = null;

  async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').slice(prefix.length);
    const target = `${upstreamRoot}${path}`;
    const controller = new AbortController();
    inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const fail = (error: GuardianError): void => {
      lastFailure = error;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: error.message }));
    };
    const tooLarge = (bytes: string): GuardianError =>
      new GuardianError(
        'SERVICE_BAD_RESPONSE',
        `The Transaction Service sent ${bytes} for ${path.split('?')[0]}, over the ${options.maxResponseBytes}-byte limit; refused as hostile or broken.`,
        {
          details: { path, limit: options.maxResponseBytes },
        },
      );
    try {
      const response = await fetch(target, { headers: { accept: 'application/json' }, signal: controller.signal });
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > options.maxResponseBytes) {
        controller.abort();
        return fail(tooLarge(`a body of ${declared} bytes`));
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      const reader = response.body?.getReader();
      for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
        total += read.value.byteLength;
        if (total > options.maxResponseBytes) {
          controller.abort();
          return fail(tooLarge(`more than ${options.maxResponseBytes} bytes`));
        }
        chunks.push(read.value);
      }
      lastFailure = null;
      res.writeHead(response.status, {
        'content-type': response.headers.get('content-type') ?? 'application/octet-stream',
      });
      res.end(Buffer.concat(chunks));
    } catch (cause) {
      if (timedOut) {
        return fail(
          new GuardianError(
            'SERVICE_TIMEOUT',
            `The Transaction Service at ${options.serviceUrl} did not answer ${path.split('?')[0]} within ${options.timeoutMs / 1000} s.`,
            {
              cause,
              details: { path, timeoutMs: options.timeoutMs },
            },
          ),
        );
      }
      return fail(networkFailure(options.serviceUrl, path, cause));
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  const server = createServer((req, res) => {
    if (req.method !== 'GET' || !(req.url ?? '').startsWith(`${prefix}/`)) {
      res.writeHead(404).end();
      return;
    }
    relay(req, res).catch((error: unknown) => {
      lastFailure = new GuardianError(
        'SERVICE_BAD_RESPONSE',
        `Relaying to the Transaction Service failed: ${String(error)}`,
        { cause: error },
      );
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    failure: () => lastFailure,
    async close() {
      for (const controller of inFlight) controller.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
