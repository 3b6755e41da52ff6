import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InterfaceAbi } from 'ethers';

export interface ContractArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
}

const require = createRequire(import.meta.url);
const artifactsRoot = join(
  dirname(require.resolve('@safe-global/safe-contracts/package.json')),
  'build',
  'artifacts',
  'contracts',
);

/** Safe v1.4.1's own hardhat artifacts, as published in @safe-global/safe-contracts. */
export function safeArtifact(pathInContracts: string): ContractArtifact {
  const name = pathInContracts.split('/').pop()!;
  const json = JSON.parse(
    readFileSync(join(artifactsRoot, `${pathInContracts}.sol`, `${name}.json`), 'utf8'),
  ) as ContractArtifact;
  return { contractName: json.contractName, abi: json.abi, bytecode: json.bytecode };
}
