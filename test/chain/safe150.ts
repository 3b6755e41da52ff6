import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Contract, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../../electron/core/drill/deployInOrder.js';
import { createSafeProxy, type SafeProxyParts } from '../../electron/core/drill/safeDeployment.js';

const require = createRequire(import.meta.url);
const root = join(
  dirname(require.resolve('@safe-global/safe-smart-account/package.json')),
  'build',
  'artifacts',
  'contracts',
);

/** Safe v1.5.0's own hardhat artifacts, as published in @safe-global/safe-smart-account ('examples/guards/…'). */
export function safe150Artifact(path: string): { abi: InterfaceAbi; bytecode: string } {
  const name = path.split('/').pop()!;
  const json = JSON.parse(readFileSync(join(root, `${path}.sol`, `${name}.json`), 'utf8')) as {
    abi: InterfaceAbi;
    bytecode: string;
  };
  return { abi: json.abi, bytecode: json.bytecode };
}

export const safe150Abi = (): InterfaceAbi => safe150Artifact('Safe').abi;

export type Safe150Contracts = SafeProxyParts;

/** Deploys Safe v1.5.0's singleton, proxy factory and fallback handler, byte for byte the published code. */
export async function deploySafe150(deployer: Signer): Promise<Safe150Contracts> {
  const deployed = await deployInOrder(deployer, [
    safe150Artifact('Safe'),
    safe150Artifact('proxies/SafeProxyFactory'),
    safe150Artifact('handler/CompatibilityFallbackHandler'),
  ]);
  const [singleton, proxyFactory, fallbackHandler] = await Promise.all(deployed.map((c) => c.getAddress()));
  return { singleton: singleton!, proxyFactory: proxyFactory!, fallbackHandler: fallbackHandler! };
}

/** A Safe 1.5.0 proxy set up with the fallback handler (which answers EIP-1271 for it), connected as `deployer`. */
export async function createSafe150(
  deployer: Signer,
  contracts: Safe150Contracts,
  options: { owners: string[]; threshold: number },
): Promise<Contract> {
  // 1.5.0 keeps 1.4.1's setup and factory signatures, so the core's creation makes it from these parts.
  return new Contract(await createSafeProxy(deployer, contracts, options), safe150Abi(), deployer);
}
