import SafeApiKit from '@safe-global/api-kit';
import { GuardianError } from '../errors.js';
import { serviceError } from '../queue/fetchServiceQueue.js';
import { startServiceRelay } from '../queue/serviceRelay.js';

export type ServiceCall = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/**
 * Writes go to the service directly: the relay only reads (GET), and a POST's answer is an empty 201 or a short
 * error, so only the deadline matters, raced here as postConfirmation does.
 */
export interface ServiceWriter {
  api: SafeApiKit;
  send: ServiceCall;
}

/**
 * api-kit for one exchange with a Transaction Service, through the relay that bounds its time and size
 * (serviceRelay.ts explains why api-kit cannot be trusted to), with every failure turned into a GuardianError.
 */
export async function withMessageService<T>(
  options: { serviceUrl: string; chainId: bigint; timeoutMs?: number; maxResponseBytes?: number },
  use: (api: SafeApiKit, call: ServiceCall, writer: ServiceWriter) => Promise<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { serviceUrl } = options;
  if (!/^https?:\/\/[^/]/.test(serviceUrl))
    throw new GuardianError('INVALID_INPUT', `"${serviceUrl}" is not an http(s) URL of a Transaction Service.`);
  const relay = await startServiceRelay({
    serviceUrl,
    timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 20_000_000,
  });
  const call: ServiceCall = async (what, work) => {
    try {
      return await work();
    } catch (cause) {
      throw serviceError(what, serviceUrl, relay, cause);
    }
  };
  const send: ServiceCall = async (what, work) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new GuardianError(
                  'SERVICE_TIMEOUT',
                  `The Transaction Service at ${serviceUrl} did not accept ${what} within ${timeoutMs / 1000} s; it is kept here, post it again later.`,
                ),
              ),
            timeoutMs,
          );
        }),
      ]);
    } catch (cause) {
      throw serviceError(what, serviceUrl, relay, cause);
    } finally {
      clearTimeout(timer);
    }
  };
  const writer = {
    api: new SafeApiKit({ chainId: options.chainId, txServiceUrl: serviceUrl.replace(/\/+$/, '') }),
    send,
  };
  try {
    return await use(new SafeApiKit({ chainId: options.chainId, txServiceUrl: relay.url }), call, writer);
  } finally {
    await relay.close();
  }
}
