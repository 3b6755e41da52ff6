import { id } from 'ethers';

/**
 * Where each upgrade function takes its new implementation: the UUPS pair (called on the proxy, run by its
 * implementation) and OpenZeppelin's ProxyAdmin pair (the proxy first, the implementation second).
 */
export const IMPLEMENTATION_ARG: Readonly<Record<string, number>> = {
  'upgradeTo(address)': 0,
  'upgradeToAndCall(address,bytes)': 0,
  'upgradeAndCall(address,address,bytes)': 1,
  'upgrade(address,address)': 1,
};

/** The same table by 4-byte selector, for calldata not yet decoded. */
export const IMPLEMENTATION_ARG_BY_SELECTOR: ReadonlyMap<string, number> = new Map(
  Object.entries(IMPLEMENTATION_ARG).map(([signature, index]) => [id(signature).slice(0, 10), index]),
);

/** The functions a UUPS implementation is upgraded through, by selector. */
export const UUPS_UPGRADE_SELECTORS: ReadonlySet<string> = new Set(
  ['upgradeTo(address)', 'upgradeToAndCall(address,bytes)'].map((signature) => id(signature).slice(0, 10)),
);

/** proxiableUUID(): a UUPS implementation answers the ERC-1967 implementation slot (ERC-1822). */
export const PROXIABLE_UUID_CALL = id('proxiableUUID()').slice(0, 10);
