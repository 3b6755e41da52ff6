import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { InterfaceAbi } from 'ethers';

const require = createRequire(import.meta.url);

/** The bedrock contracts the corpus deploys, as `@eth-optimism/contracts-bedrock` publishes them in forge-artifacts. */
export type OptimismContractName = 'Proxy' | 'SuperchainConfig' | 'SystemConfig' | 'StorageSetter';

/** A Foundry artifact: the creation bytecode as `forge build` wrote it, none of these link a library. */
export interface OptimismArtifact {
  abi: InterfaceAbi;
  bytecode: string;
  /** The runtime code: what the chain holds at a deployment of it (none of these has immutables). */
  deployedBytecode: string;
}

/** The published artifact, unmodified: the bytecode deployed is the bytecode Optimism built. */
export function optimismArtifact(name: OptimismContractName): OptimismArtifact {
  const path = require.resolve(`@eth-optimism/contracts-bedrock/forge-artifacts/${name}.sol/${name}.json`);
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as {
    abi: InterfaceAbi;
    bytecode: { object: string };
    deployedBytecode: { object: string };
  };
  return { abi: artifact.abi, bytecode: artifact.bytecode.object, deployedBytecode: artifact.deployedBytecode.object };
}
