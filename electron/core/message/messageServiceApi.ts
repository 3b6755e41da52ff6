import SafeApiKit from '@safe-global/api-kit';
import { GuardianError } from '../errors.js';
import { serviceError } from '../queue/fetchServiceQueue.js';
import { startServiceRelay } from '../queue/serviceRelay.js';

export type ServiceCall = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/**
 * api-kit for one exchange with a Transaction Service, through the relay that bounds its time and size
 * (serviceRelay.ts explains why api-kit cannot be trusted to), with every failure turned into a GuardianError.
 */
export async function withMessageService<T>(
  options: { serviceUrl: string; chainId: bigint; timeoutMs?: number; maxResponseBytes?: number },
  use: (api: SafeApiKit, call: ServiceCall) => Promise<T>,
): Promise<T> {
  const { serviceUrl } = options;
  if (!/^https?:\/\/[^/]/.test(serviceUrl)) throw new GuardianError('INVALID_INPUT', `"${serviceUrl}" is not an http(s) URL of a Transaction Service.`);
  const relay = await startServiceRelay({ serviceUrl, timeoutMs: options.timeoutMs ?? 15_000, maxResponseBytes: options.maxResponseBytes ?? 20_000_000 });
  const call: ServiceCall = async (what, work) => {
    try {
      return await work();
    } catch (cause) {
      throw serviceError(what, serviceUrl, relay, cause);
    }
  };
  try {
    return await use(new SafeApiKit({ chainId: options.chainId, txServiceUrl: relay.url }), call);
  } finally {
    await relay.close();
  }
}
