import type { AccountState, CallOverrides, SimulationResult, StateMap } from '../primitives/simulationTypes.js';

/** One account's state as an override sets it, with what merely restates the block's own value left out. */
interface Laid {
  storage: Map<string, bigint>;
  code?: string;
  balance?: bigint;
}

const slotKey = (slot: string) => `0x${slot.replace(/^0x/, '').toLowerCase().padStart(64, '0')}`;

function byLowercase(state: StateMap): Map<string, AccountState> {
  const map = new Map<string, AccountState>();
  for (const [address, account] of Object.entries(state)) {
    const key = address.toLowerCase();
    const storage = account.storage
      ? Object.fromEntries(Object.entries(account.storage).map(([slot, value]) => [slotKey(slot), value]))
      : undefined;
    map.set(key, { ...map.get(key), ...account, ...(storage ? { storage } : {}) });
  }
  return map;
}

/** A call asked in the simulation's round trip, in the state it was asked in, with the accounts it read. */
interface Guess {
  overrides: CallOverrides;
  answer: string | null;
  read: readonly string[];
}

/**
 * What the traces say the block holds, before the transaction: the base every override is laid over. And, worked
 * out once per simulation (a getter comparison asks two dozen calls, each of them of every guess): the guesses by
 * call, and each state's accounts as laid over the base.
 */
interface Base {
  pre: Map<string, AccountState>;
  prestate: Map<string, AccountState>;
  post: Map<string, AccountState>;
  guesses: Map<string, Guess[]>;
  laid: WeakMap<CallOverrides, Map<string, Laid>>;
}

const callKey = (to: string, data: string) => `${to.toLowerCase()}:${data.toLowerCase()}`;

function guessesByCall(sim: SimulationResult): Map<string, Guess[]> {
  const byCall = new Map<string, Guess[]>();
  const add = (to: string, data: string, guess: Guess) => {
    const key = callKey(to, data);
    byCall.set(key, [...(byCall.get(key) ?? []), guess]);
  };
  for (const g of sim.guessedCalls ?? []) add(g.to, g.data, g);
  // The pre-state calls are guesses at the pre-state too, and their reads say which accounts.
  for (const c of sim.preStateCalls)
    add(c.to, c.data, { overrides: {}, answer: c.answer, read: Object.keys(c.read).map((a) => a.toLowerCase()) });
  return byCall;
}

const bases = new WeakMap<SimulationResult, Base>();
function baseOf(sim: SimulationResult): Base {
  let base = bases.get(sim);
  if (!base)
    bases.set(
      sim,
      (base = {
        pre: byLowercase(sim.diff.pre),
        prestate: byLowercase(sim.prestate),
        post: byLowercase(sim.diff.post),
        guesses: guessesByCall(sim),
        laid: new WeakMap(),
      }),
    );
  return base;
}

/** The block's word at a slot where the traces saw it, else undefined (unknown: an override of it is kept). */
function baseWord(base: Base, address: string, slot: string): bigint | undefined {
  const seen = base.pre.get(address)?.storage?.[slot] ?? base.prestate.get(address)?.storage?.[slot];
  if (seen !== undefined) return BigInt(seen);
  // A slot the transaction wrote that the diff's `pre` leaves out was empty: prestateTracer omits zeros there.
  if (base.post.get(address)?.storage?.[slot] !== undefined) return 0n;
  return undefined;
}

function laid(base: Base, address: string, overrides: CallOverrides): Laid {
  const entry = Object.entries(overrides).find(([a]) => a.toLowerCase() === address)?.[1];
  const storage = new Map<string, bigint>();
  for (const [slot, value] of Object.entries(entry?.stateDiff ?? {})) {
    const key = slotKey(slot);
    const word = BigInt(value);
    if (baseWord(base, address, key) !== word) storage.set(key, word);
  }
  const account = base.pre.get(address) ?? base.prestate.get(address);
  const code =
    entry?.code !== undefined && entry.code.toLowerCase() !== account?.code?.toLowerCase() ? entry.code : undefined;
  const balance =
    entry?.balance !== undefined &&
    (account?.balance === undefined || BigInt(entry.balance) !== BigInt(account.balance))
      ? BigInt(entry.balance)
      : undefined;
  return {
    storage,
    ...(code !== undefined ? { code: code.toLowerCase() } : {}),
    ...(balance !== undefined ? { balance } : {}),
  };
}

/** laid(), once per state and account: the states are the guesses' own and the few a review asks in. */
function laidOnce(base: Base, address: string, overrides: CallOverrides): Laid {
  let accounts = base.laid.get(overrides);
  if (!accounts) base.laid.set(overrides, (accounts = new Map()));
  let account = accounts.get(address);
  if (!account) accounts.set(address, (account = laid(base, address, overrides)));
  return account;
}

function sameLaid(a: Laid, b: Laid): boolean {
  if (a.code !== b.code || a.balance !== b.balance || a.storage.size !== b.storage.size) return false;
  for (const [slot, word] of a.storage) if (b.storage.get(slot) !== word) return false;
  return true;
}

/**
 * The answer a call asked in the simulation's round trip gives in the state `overrides` lays over the same
 * block, or undefined when none is sure to: a call's execution depends only on the accounts it reads, so where
 * both states hold the same for each of them (the same words, code and balance set, whatever restates the
 * block's own value aside), it runs the same and answers the same. Anything unsure is asked of the chain.
 */
export function guessedAnswer(
  sim: SimulationResult,
  to: string,
  data: string,
  overrides: CallOverrides,
): string | null | undefined {
  const base = baseOf(sim);
  for (const guess of base.guesses.get(callKey(to, data)) ?? []) {
    const agrees = (account: string) =>
      sameLaid(laidOnce(base, account, guess.overrides), laidOnce(base, account, overrides));
    if (guess.read.every(agrees)) return guess.answer;
  }
  return undefined;
}
