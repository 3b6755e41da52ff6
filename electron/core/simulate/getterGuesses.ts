import type { SafeTx } from '../safe/safeTx.js';
import { declaredGetterCalls, MAX_GETTERS, type GetterSources } from './contractGetters.js';
import { predictedUpgrades } from './namedImplementations.js';
import type { CallOverrides } from '../primitives/simulationTypes.js';
import { EIP1967 } from '../primitives/storageSlots.js';

/**
 * How many getters one proxy is guessed: as many as its comparison asks at most, so a proxy reviewed again needs
 * none asked after. Asked in one batch per state (getterBatch.ts), each costs the chain a few thousand gas.
 */
export const MAX_GUESSED = MAX_GETTERS;
const MAX_PROXIES = 64;

/**
 * The getters the console asked of each upgraded proxy the last time it compared them, by lowercase address:
 * the proxies a station reviews are the same ones again and again. Only guesses: what is asked is chosen from
 * the code after the simulation, as ever, and a getter not guessed is asked then.
 */
const asked = new Map<string, string[]>();

export function rememberGetters(proxy: string, calls: readonly string[]): void {
  const key = proxy.toLowerCase();
  asked.delete(key);
  if (asked.size >= MAX_PROXIES) asked.delete(asked.keys().next().value!);
  asked.set(key, calls.slice(0, MAX_GUESSED));
}

/** Forgets every proxy: what a console that never reviewed them asks (the bench's first review). */
export function forgetGetters(): void {
  asked.clear();
}

const word = (address: string) => `0x${address.slice(2).toLowerCase().padStart(64, '0')}`;

/**
 * The getter calls to ask with the simulation of an upgrade, so that comparing the getters before and after
 * needs no round trip of its own: each proxy's remembered getters, or the first time every getter the ABIs known
 * now declare (`sources`; the dispatchers, read with the simulation, are not known yet) keyed by the Upgraded
 * event the upgrade will emit, at the pre-state and at the state the upgrade is predicted to leave (the new
 * implementation in the proxy's ERC-1967 slot). `askedAlready` are calls at the pre-state the simulation asks
 * anyway (owner(), with its reads).
 */
export function getterGuesses(
  tx: Pick<SafeTx, 'to' | 'data'>,
  askedAlready: ReadonlyArray<{ to: string; data: string }>,
  sources: GetterSources = { registered: [], artifacts: [] },
): Array<{ to: string; data: string; overrides?: CallOverrides }> {
  const upgrades = predictedUpgrades(tx);
  if (upgrades.length === 0) return [];
  const predicted: CallOverrides = Object.fromEntries(
    upgrades.map(({ proxy, implementation }) => [
      proxy,
      { stateDiff: { [EIP1967.implementation]: word(implementation) } },
    ]),
  );
  const already = new Set(askedAlready.map((c) => `${c.to.toLowerCase()}:${c.data.toLowerCase()}`));
  return upgrades.flatMap(({ proxy, implementation }) => {
    // ERC-1967's Upgraded(address indexed implementation), at the proxy: the key explainByGetters reads by.
    const first = () => declaredGetterCalls([proxy, implementation], sources, [implementation, word(implementation)]);
    const calls = [...new Set(asked.get(proxy.toLowerCase()) ?? first())].slice(0, MAX_GUESSED);
    return calls.flatMap((data) => [
      ...(already.has(`${proxy.toLowerCase()}:${data.toLowerCase()}`) ? [] : [{ to: proxy, data }]),
      { to: proxy, data, overrides: predicted },
    ]);
  });
}
