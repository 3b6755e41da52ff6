// Types for contracts/wantedContracts.mjs, plain JavaScript so `npm run compile-contracts` needs no build.
/** A contract the tests deploy from contracts/artifacts. */
export type ProtocolContractName = string;
export const WANTED: readonly ProtocolContractName[];
