import type { ImplementationFacts } from '../risk/simulationFindings.js';
import type { RiskDiff } from './riskDiff.js';
import type { StateView } from './stateView.js';
import { EIP1967 } from './storageSlots.js';

/**
 * Names changed slots by the storage layout of the code that owns them: the contract's own, or for a proxy its
 * implementation's (ERC-1967), the upgraded one when this transaction upgrades it. Only whole variables at
 * their base slot are named; mapping entries stay as slots.
 */
export async function nameStorageVariables(diff: RiskDiff, after: StateView, facts: ImplementationFacts): Promise<void> {
  await Promise.all(
    diff.contracts
      .filter((c) => c.otherSlots.length > 0)
      .map(async (contract) => {
        let layout = await facts.layoutOf(contract.address);
        if (!layout) {
          const implementation = `0x${(await after.storage(contract.address, EIP1967.implementation)).slice(-40)}`;
          if (BigInt(implementation) !== 0n) layout = await facts.layoutOf(implementation);
        }
        if (!layout) return;
        for (const slot of contract.otherSlots) {
          const variable = layout.storage.find((v) => BigInt(v.slot) === BigInt(slot.slot) && v.offset === 0);
          if (variable) slot.variable = variable.label;
        }
      }),
  );
}
