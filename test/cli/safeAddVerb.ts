import type { TestChain } from '../chain/testChain.js';
import type { LoopbackService } from '../service/loopbackService.js';
import { runGuardian, type GuardianRun } from './runGuardian.js';

/** `guardian safe add CHAIN:SAFE --service … --rpc …`: a guardian starts watching a test chain's Safe. */
export const safeAdd = (
  chain: Pick<TestChain, 'chainId' | 'rpcUrl'>,
  service: Pick<LoopbackService, 'url'>,
  safe: string,
  env: Record<string, string>,
): Promise<GuardianRun> =>
  runGuardian(['safe', 'add', `${chain.chainId}:${safe}`, '--service', service.url, '--rpc', chain.rpcUrl], env);
