import { toBeHex } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { ImplementationFacts } from '../risk/simulationFindings.js';
import type { StorageLayout } from '../risk/storageLayoutClash.js';
import type { ContractDiff, RiskDiff } from '../primitives/riskDiffTypes.js';
import type { StateView } from '../primitives/simulationTypes.js';
import { EIP1967, mappingSlot } from '../primitives/storageSlots.js';

type Variable = StorageLayout['storage'][number];

/**
 * Variables a guardian knows by meaning, whatever contract declares them: a non-upgradeable Ownable keeps
 * `_owner` in a plain slot, where no ERC-7201 namespace would find it.
 */
const MEANINGS: Record<string, { what: string; read: (value: bigint) => string }> = {
  _owner: { what: 'owner', read: (v) => checksumAddress(toBeHex(v, 20)) },
  owner: { what: 'owner', read: (v) => checksumAddress(toBeHex(v, 20)) },
  _pendingOwner: { what: 'pending owner', read: (v) => checksumAddress(toBeHex(v, 20)) },
  _paused: { what: 'paused', read: (v) => String(v !== 0n) },
  paused: { what: 'paused', read: (v) => String(v !== 0n) },
};

/** A packed variable's value: `numberOfBytes` bytes at byte `offset` from the right of the word. */
function valueOf(word: string, variable: Variable, layout: StorageLayout): bigint {
  const bytes = Number(layout.types?.[variable.type]?.numberOfBytes ?? 32);
  return (BigInt(word) >> BigInt(variable.offset * 8)) & ((1n << BigInt(bytes * 8)) - 1n);
}

function nameSlot(
  contract: ContractDiff,
  slot: ContractDiff['otherSlots'][number],
  layout: StorageLayout,
  candidates: readonly string[],
): boolean {
  const inPlace = layout.storage.filter(
    (v) => BigInt(v.slot) === BigInt(slot.slot) && (layout.types?.[v.type]?.encoding ?? 'inplace') === 'inplace',
  );
  const changed = inPlace.filter((v) => valueOf(slot.before, v, layout) !== valueOf(slot.after, v, layout));
  if (changed.length > 0) {
    const plain = changed.filter((v) => !MEANINGS[v.label]);
    for (const v of changed.filter((c) => MEANINGS[c.label])) {
      const meaning = MEANINGS[v.label]!;
      contract.changes.push({
        what: meaning.what,
        before: meaning.read(valueOf(slot.before, v, layout)),
        after: meaning.read(valueOf(slot.after, v, layout)),
      });
    }
    if (plain.length === 0) return false;
    slot.variable = plain.map((v) => v.label).join(', ');
    return true;
  }
  // A mapping entry keyed by an address the review knows of: `balanceOf[0xSafe…]`.
  for (const v of layout.storage.filter(
    (m) => layout.types?.[m.type]?.encoding === 'mapping' && m.type.startsWith('t_mapping(t_address,'),
  )) {
    const key = candidates.find((c) => mappingSlot(c, BigInt(v.slot)) === slot.slot.toLowerCase());
    if (key) slot.variable = `${v.label}[${checksumAddress(key)}]`;
  }
  return true;
}

/**
 * Names changed slots by the storage layout of the code that owns them: the contract's own, or for a proxy its
 * implementation's (ERC-1967), the upgraded one when this transaction upgrades it. Packed variables are read
 * at their offsets; an owner or paused flag held in a plain variable becomes a change like any other.
 */
export async function nameStorageVariables(
  diff: RiskDiff,
  after: StateView,
  facts: ImplementationFacts,
  candidates: readonly string[],
): Promise<void> {
  await Promise.all(
    diff.contracts
      .filter((c) => c.otherSlots.length > 0)
      .map(async (contract) => {
        let layout = await facts.layoutOf(contract.address);
        if (!layout) {
          const implementation = `0x${(await after.storage(contract.address, EIP1967.implementation)).slice(-40)}`;
          if (BigInt(implementation) !== 0n) layout = await facts.layoutOf(implementation);
        }
        if (layout)
          contract.otherSlots = contract.otherSlots.filter((slot) => nameSlot(contract, slot, layout, candidates));
      }),
  );
}
