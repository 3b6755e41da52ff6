import { PROXIABLE_UUID_CALL, UUPS_UPGRADE_SELECTORS } from '../decode/upgradeFunctions.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import type { CallFrame } from '../primitives/simulationTypes.js';

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The simulation watched the old implementation carry out a UUPS upgrade: the proxy delegated upgradeTo or
 * upgradeToAndCall to `oldImplementation`, and that code asked `newImplementation` for proxiableUUID() and
 * got the ERC-1967 slot back (OpenZeppelin's UUPS check since 4.5). Such an old implementation was UUPS; when
 * this evidence is missing, the question is asked of the chain instead.
 */
export function upgradedByUupsCode(
  callTree: CallFrame,
  proxy: string,
  oldImplementation: string,
  newImplementation: string,
): boolean {
  const upgrade = (frame: CallFrame): boolean =>
    frame.type === 'DELEGATECALL' &&
    !frame.error &&
    same(frame.from, proxy) &&
    same(frame.to, oldImplementation) &&
    UUPS_UPGRADE_SELECTORS.has(frame.input.slice(0, 10).toLowerCase()) &&
    (frame.calls ?? []).some(
      (check) =>
        !check.error &&
        same(check.from, proxy) &&
        same(check.to, newImplementation) &&
        check.input.toLowerCase() === PROXIABLE_UUID_CALL &&
        same(check.output, EIP1967.implementation),
    );
  const search = (frame: CallFrame): boolean => upgrade(frame) || (frame.calls ?? []).some(search);
  return search(callTree);
}
