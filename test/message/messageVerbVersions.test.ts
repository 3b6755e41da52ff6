import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, ContractFactory, HDNodeWallet, hashMessage, TypedDataEncoder, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutput } from '../../electron/cli/output.js';
import { messageVerbWith } from '../../electron/cli/verbs/message.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import type { Eip712Message } from '../../electron/core/safe/safeMessage.js';
import { deployLegacySafe, legacyArtifact } from '../chain/legacySafes.js';
import { safeArtifact } from '../chain/safeArtifacts.js';
import { createSafe150, deploySafe150 } from '../chain/safe150.js';
import { deployer, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { runGuardian } from '../cli/runGuardian.js';
import { safeAdd } from '../cli/safeAddVerb.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { orderTypedData } from './typedDataFixture.js';

const GUARDIAN = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const path0 = ledgerPath('ledger-live', 0);
const owner = HDNodeWallet.fromPhrase(GUARDIAN, undefined, `m/${path0}`).address;
const TEXT = 'We, the guardians, attest the pause of 3 December.';

let chain: TestChain;
let service: LoopbackService;
let dataDir: string;
const safes: Record<'1.3.0' | '1.5.0', { address: string; handler: string }> = {} as never;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

/** A 1.3.0 proxy set up as the Safe UI creates one: with a CompatibilityFallbackHandler answering EIP-1271. */
async function createSafe130WithHandler(handler: string): Promise<string> {
  const { singleton, contract } = await deployLegacySafe(chain, '1.3.0');
  const factoryArtifact = legacyArtifact('GnosisSafeProxyFactory', '1.3.0');
  const factory = (await (
    await new ContractFactory(factoryArtifact.abi, factoryArtifact.bytecode, deployer(chain)).deploy()
  ).waitForDeployment()) as Contract;
  const setup = contract.interface.encodeFunctionData('setup', [
    [owner],
    1,
    ZeroAddress,
    '0x',
    handler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
  const create = factory.getFunction('createProxyWithNonce');
  const address = (await create.staticCall(singleton, setup, 0)) as string;
  await (await create(singleton, setup, 0)).wait();
  return address;
}

async function signHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const verb = messageVerbWith({ openDevice: async () => new SoftwareLedger({}, GUARDIAN) });
  const code = await verb.run({ args, out: createOutput(streams, true), streams, env: env() });
  return { code, stdout, stderr };
}

/** The SafeMessage hash as an outsider computes it: ethers' EIP-712 encoder over the Safe's own domain. */
function independentSafeMessageHash(version: string, safe: string, dataHash: string): string {
  const domain = version === '1.3.0' || version === '1.5.0' ? { chainId: chain.chainId, verifyingContract: safe } : {};
  return TypedDataEncoder.hash(domain, { SafeMessage: [{ name: 'message', type: 'bytes' }] }, { message: dataHash });
}

function independentDataHash(content: string | Eip712Message): string {
  if (typeof content === 'string') return hashMessage(content);
  const { EIP712Domain: _, ...types } = content.types;
  return TypedDataEncoder.hash(content.domain, types, content.message);
}

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  safes['1.3.0'] = {
    address: await createSafe130WithHandler(contracts.fallbackHandler),
    handler: contracts.fallbackHandler,
  };
  const c150 = await deploySafe150(deployer(chain));
  const s150 = await createSafe150(deployer(chain), c150, { owners: [owner], threshold: 1 });
  safes['1.5.0'] = { address: await s150.getAddress(), handler: c150.fallbackHandler };
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-message-versions-'));
  for (const [version, { address }] of Object.entries(safes)) {
    service.setSafe({ address, owners: [owner], threshold: 1, nonce: 0n, version, chainId: chain.chainId });
    expect((await safeAdd(chain, service, address, env())).code).toBe(0);
  }
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['1.3.0', '1.5.0'] as const)('guardian message on a Safe %s', (version) => {
  it.each(['text', 'typed'] as const)(
    'lists, shows, signs and posts %s with hashes an outsider and the Safe itself agree on',
    async (kind) => {
      const { address, handler } = safes[version];
      const content = kind === 'text' ? TEXT : orderTypedData(chain.chainId, address);
      service.addMessage(address, content);
      const listed = await runGuardian(['message', 'list', '--json'], env());
      expect(listed.code, listed.stderr).toBe(0);
      const dataHash = independentDataHash(content);
      const safeMessageHash = independentSafeMessageHash(version, address, dataHash);
      const onChain = String(
        await new Contract(
          handler,
          safeArtifact('handler/CompatibilityFallbackHandler').abi,
          chain.provider,
        ).getFunction('getMessageHashForSafe')(address, dataHash),
      );
      expect(onChain).toBe(safeMessageHash);
      const messages = (JSON.parse(listed.stdout) as { messages: Array<{ safeMessageHash: string; dataHash: string }> })
        .messages;
      expect(messages.find((m) => m.safeMessageHash === safeMessageHash)).toMatchObject({ dataHash });

      const show = await runGuardian(['message', 'show', safeMessageHash, '--json'], env());
      expect(show.code, show.stderr).toBe(0);
      const signed = await signHere(['sign', safeMessageHash, '--path', path0, '--json']);
      expect(signed.code, signed.stderr).toBe(0);
      expect(JSON.parse(signed.stdout)).toMatchObject({
        signer: owner,
        posted: true,
        quorum: { met: true },
        onChain: { valid: true, returned: '0x1626ba7e' },
      });
      const shown = await runGuardian(['message', 'show', safeMessageHash, '--rpc', chain.rpcUrl], env());
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/The Safe accepts it/);
    },
  );
});
