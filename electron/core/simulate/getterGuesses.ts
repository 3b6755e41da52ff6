import { Interface } from 'ethers';
import type { SafeTx } from '../safe/safeTx.js';
import { predictedUpgrades } from './namedImplementations.js';
import type { CallOverrides } from '../primitives/simulationTypes.js';
import { EIP1967 } from '../primitives/storageSlots.js';

const conventions = new Interface(['function owner() view returns (address)', 'function paused() view returns (bool)']);
/** Asked of every upgraded proxy the first time: the control getters most contracts answer. */
const STANDARD = [conventions.encodeFunctionData('owner'), conventions.encodeFunctionData('paused')];

/** How many getters one proxy is guessed: past it, the rest wait for the getter comparison's own round trip. */
export const MAX_GUESSED = 16;
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
 * needs no round trip of its own: each proxy's remembered getters (or the standard ones), at the pre-state and
 * at the state the upgrade is predicted to leave (the new implementation in the proxy's ERC-1967 slot).
 * `askedAlready` are calls at the pre-state the simulation asks anyway (owner(), with its reads).
 */
export function getterGuesses(
  tx: Pick<SafeTx, 'to' | 'data'>,
  askedAlready: ReadonlyArray<{ to: string; data: string }>,
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
  return upgrades.flatMap(({ proxy }) => {
    const calls = [...new Set([...(asked.get(proxy.toLowerCase()) ?? STANDARD)])].slice(0, MAX_GUESSED);
    return calls.flatMap((data) => [
      ...(already.has(`${proxy.toLowerCase()}:${data.toLowerCase()}`) ? [] : [{ to: proxy, data }]),
      { to: proxy, data, overrides: predicted },
    ]);
  });
}
