// Types for contracts/compile.mjs, which stays plain JavaScript so `npm run compile-contracts` needs no build.
export type SolcSources = Record<string, { content: string }>;
export type { ProtocolContractName } from './wantedContracts.mjs';
export { WANTED } from './wantedContracts.mjs';
export function readSources(): SolcSources;
export function cacheKey(sources?: SolcSources): string;
/** Compiles contracts/src into contracts/artifacts; returns the milliseconds solc took. */
export function compile(): number;
