import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InterfaceAbi } from 'ethers';
import { GuardianError } from '../errors.js';

export type DrillContractName = 'GuardToken' | 'Vault' | 'VaultV2' | 'VaultUpgradeDeadEnd' | 'ERC1967Proxy';

/**
 * The drill protocol's compiled contracts (contracts/artifacts, committed). Found by walking up from this
 * module, since it runs from electron/core/drill in tests and from dist/ once built.
 */
export function drillArtifact(name: DrillContractName): { abi: InterfaceAbi; bytecode: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, dir = dirname(dir)) {
    const file = join(dir, 'contracts', 'artifacts', `${name}.json`);
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { abi: InterfaceAbi; bytecode: string };
      return { abi: json.abi, bytecode: json.bytecode };
    }
  }
  throw new GuardianError(
    'NOT_FOUND',
    `The drill's contract ${name} is missing from contracts/artifacts: reinstall Guardian Console.`,
  );
}
