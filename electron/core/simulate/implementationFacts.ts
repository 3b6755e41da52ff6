import { Interface, type JsonRpcProvider } from 'ethers';
import type { ImplementationFacts } from '../risk/simulationFindings.js';
import type { StorageLayout } from '../risk/storageLayoutClash.js';
import { EIP1967 } from './storageSlots.js';

export interface KnownLayout {
  deployedBytecode: string;
  storageLayout: StorageLayout;
}

const uups = new Interface(['function proxiableUUID() view returns (bytes32)']);

/**
 * Runtime code compared with an artifact's, with the contract's own address masked: OpenZeppelin's
 * UUPSUpgradeable keeps `address(this)` as an immutable, written into the code at deployment.
 */
function sameCode(onChain: string, address: string, artifact: string): boolean {
  const masked = onChain.toLowerCase().split(address.slice(2).toLowerCase()).join('0'.repeat(40));
  return masked === artifact.toLowerCase();
}

export function implementationFacts(provider: JsonRpcProvider, blockTag: string, layouts: readonly KnownLayout[]): ImplementationFacts {
  const code = (address: string) => provider.send('eth_getCode', [address, blockTag]) as Promise<string>;
  return {
    async hasCode(address) {
      return (await code(address)) !== '0x';
    },
    async isUupsUpgradeable(address) {
      try {
        const answer = (await provider.send('eth_call', [{ to: address, data: uups.encodeFunctionData('proxiableUUID') }, blockTag])) as string;
        return answer.toLowerCase() === EIP1967.implementation.toLowerCase();
      } catch {
        return false;
      }
    },
    async layoutOf(address) {
      const onChain = await code(address);
      return layouts.find((l) => sameCode(onChain, address, l.deployedBytecode))?.storageLayout ?? null;
    },
  };
}
