import { GuardianError, type GuardianErrorCode } from './errors.js';

/** One link of a failure's cause chain, as JSON, `--verbose` and IPC show it. */
export interface CauseLink {
  name: string;
  message: string;
  /** A GuardianError's code, or a library's own (an errno, a JSON-RPC error code, ethers' CALL_EXCEPTION). */
  code?: string | number;
}

/** A chain is walked this far at most: a cause chain a library built in a loop must not hang the report. */
const MAX_DEPTH = 8;

/**
 * What caused `error`, cause by cause (its own message not repeated), as viem's `walk()` reaches the root: a
 * guardian told "the chain did not answer" can see it was ECONNREFUSED on 127.0.0.1:8545. Only names, codes and
 * messages: details a library attached (request bodies, keys in URLs) stay out of what is printed.
 */
export function causeChain(error: unknown): CauseLink[] {
  const links: CauseLink[] = [];
  const seen = new Set<unknown>([error]);
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined && cause !== null && links.length < MAX_DEPTH && !seen.has(cause)) {
    seen.add(cause);
    links.push(linkOf(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return links;
}

function linkOf(cause: unknown): CauseLink {
  if (!(cause instanceof Error)) return { name: typeof cause, message: String(cause).slice(0, 500) };
  const code = (cause as { code?: unknown }).code;
  const shortMessage = (cause as { shortMessage?: unknown }).shortMessage;
  const message = typeof shortMessage === 'string' ? shortMessage : cause.message;
  return {
    name: cause.name,
    message: message.slice(0, 500),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
  };
}

/** A GuardianError as JSON with its cause chain: `{ code, message, details?, cause? }`. */
export function guardianErrorJson(error: GuardianError): {
  code: GuardianErrorCode;
  message: string;
  details?: Record<string, unknown>;
  cause?: CauseLink[];
} {
  const causes = causeChain(error);
  return { ...error.toJSON(), ...(causes.length > 0 ? { cause: causes } : {}) };
}
