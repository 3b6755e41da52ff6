import type { ImplementationFacts } from '../risk/simulationFindings.js';
import type { StorageLayout } from '../risk/storageLayoutClash.js';
import type { CallFrame, StateView } from '../primitives/simulationTypes.js';
import { witnessedAnswer } from './witnessedAnswer.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import { PROXIABLE_UUID_CALL, UUPS_UPGRADE_SELECTORS } from '../decode/upgradeFunctions.js';

export interface KnownLayout {
  contractName?: string;
  deployedBytecode: string;
  storageLayout: StorageLayout;
}

/** upgradeToAndCall(address,bytes) and upgradeTo(address), as solc's dispatcher pushes them (PUSH4 selector). */
const UPGRADE_SELECTORS = [...UUPS_UPGRADE_SELECTORS].map((selector) => `63${selector.slice(2)}`);

/**
 * Runtime code compared with an artifact's, with the contract's own address masked: OpenZeppelin's
 * UUPSUpgradeable keeps `address(this)` as an immutable, written into the code at deployment.
 */
function sameCode(onChain: string, address: string, artifact: string): boolean {
  const masked = onChain.toLowerCase().split(address.slice(2).toLowerCase()).join('0'.repeat(40));
  return masked === artifact.toLowerCase();
}

/**
 * What an implementation address is, read through a state view (the traces' pre-state first, then the chain).
 * Whether it answers proxiableUUID() is taken from the simulation's call tree where the upgrade asked it.
 */
export function implementationFacts(
  view: StateView,
  layouts: readonly KnownLayout[],
  callTree?: CallFrame,
): ImplementationFacts {
  // The calldata and the simulation both judge an upgrade's target: its code is searched once.
  const upgradeFunctions = new Map<string, Promise<boolean>>();
  return {
    async hasCode(address) {
      return (await view.code(address)) !== '0x';
    },
    async isUupsUpgradeable(address) {
      const seen = callTree ? witnessedAnswer(callTree, address, PROXIABLE_UUID_CALL) : undefined;
      const answer = seen ?? (await view.call(address, PROXIABLE_UUID_CALL));
      return answer !== null && answer.toLowerCase() === EIP1967.implementation.toLowerCase();
    },
    hasUpgradeFunction(address) {
      // A UUPS proxy upgrades through its implementation's code: without these selectors in the dispatcher
      // nothing can ever call them. Answering proxiableUUID() alone is not enough (OpenZeppelin 5 checks only that).
      const key = address.toLowerCase();
      let found = upgradeFunctions.get(key);
      if (!found)
        upgradeFunctions.set(
          key,
          (found = view
            .code(address)
            .then((code) => UPGRADE_SELECTORS.some((push) => code.toLowerCase().includes(push)))),
        );
      return found;
    },
    async layoutOf(address) {
      // No known layout to match: no need to read the code.
      if (layouts.length === 0) return null;
      const onChain = await view.code(address);
      if (onChain === '0x') return null;
      return layouts.find((l) => sameCode(onChain, address, l.deployedBytecode))?.storageLayout ?? null;
    },
  };
}
