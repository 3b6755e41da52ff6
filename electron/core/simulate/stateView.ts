import { toBeHex } from 'ethers';
import type { RpcClient } from './simulateSafeTx.js';
import { guessedAnswer } from './guessedAnswer.js';
import type {
  AccountState,
  CallOverrides,
  PreStateCall,
  SimulationResult,
  StateMap,
  StateView,
} from '../primitives/simulationTypes.js';

const ZERO_WORD = toBeHex(0, 32);
const word = (value: string) => `0x${value.replace(/^0x/, '').padStart(64, '0')}`.toLowerCase();
const byLowercase = (state: StateMap): Map<string, AccountState> =>
  new Map(Object.entries(state).map(([a, s]) => [a.toLowerCase(), s]));

/**
 * Reads the world as it would be after the transaction: eth_call with the simulation's post-state laid over
 * the block as state overrides. Storage the transaction cleared appears in `pre` but not in `post`.
 */
export function afterOverrides(sim: SimulationResult): CallOverrides {
  const overrides: CallOverrides = {};
  const addresses = new Set([...Object.keys(sim.diff.pre), ...Object.keys(sim.diff.post)]);
  for (const address of addresses) {
    const pre = sim.diff.pre[address] ?? {};
    const post = sim.diff.post[address] ?? {};
    const stateDiff: Record<string, string> = {};
    for (const [a, o] of Object.entries(sim.overrides))
      if (a.toLowerCase() === address.toLowerCase()) Object.assign(stateDiff, o.stateDiff);
    for (const slot of Object.keys(pre.storage ?? {})) stateDiff[slot] = post.storage?.[slot] ?? ZERO_WORD;
    for (const [slot, value] of Object.entries(post.storage ?? {})) stateDiff[slot] = value;
    overrides[address] = {
      stateDiff,
      ...(post.code ? { code: post.code } : {}),
      ...(post.balance ? { balance: post.balance } : {}),
    };
  }
  return overrides;
}

/** `base` with `storage` laid over it, leaving `base` as it was. */
function withStorage(base: CallOverrides, storage: Record<string, Record<string, string>>): CallOverrides {
  const merged: CallOverrides = { ...base };
  for (const [address, words] of Object.entries(storage)) {
    const key = Object.keys(merged).find((a) => a.toLowerCase() === address.toLowerCase()) ?? address;
    merged[key] = { ...merged[key], stateDiff: { ...merged[key]?.stateDiff, ...words } };
  }
  return merged;
}

/**
 * The simulation's own pre-state calls, by call: each answers the same call before the transaction, and after
 * it too when the transaction changed nothing the call read (no account of it in the diff or the overrides).
 */
function askedAlready(sim: SimulationResult): {
  before: Map<string, PreStateCall>;
  after: Map<string, PreStateCall>;
  codes: Map<string, string>;
} {
  const changed = new Set(
    [...Object.keys(sim.diff.pre), ...Object.keys(sim.diff.post), ...Object.keys(sim.overrides)].map((a) =>
      a.toLowerCase(),
    ),
  );
  const before = new Map<string, PreStateCall>();
  const after = new Map<string, PreStateCall>();
  const codes = new Map<string, string>();
  for (const asked of sim.preStateCalls) {
    const key = `${asked.to.toLowerCase()}:${asked.data.toLowerCase()}`;
    before.set(key, asked);
    const read = Object.keys(asked.read).map((a) => a.toLowerCase());
    if (read.every((a) => !changed.has(a))) after.set(key, asked);
    // prestateTracer leaves `code` out for an account without any.
    for (const [address, account] of Object.entries(asked.read)) codes.set(address.toLowerCase(), account.code ?? '0x');
  }
  return { before, after, codes };
}

export function stateViews(provider: RpcClient, sim: SimulationResult): { before: StateView; after: StateView } {
  const tag = sim.chainTag;
  const prestate = byLowercase(sim.prestate);
  const pre = byLowercase(sim.diff.pre);
  const post = byLowercase(sim.diff.post);
  // Only a question the traces did not answer needs the post-state as overrides: built then, once.
  let overridesAfter: CallOverrides | undefined;
  const overridesOf = (side: 'before' | 'after'): CallOverrides =>
    side === 'after' ? (overridesAfter ??= afterOverrides(sim)) : {};
  const asked = askedAlready(sim);
  // Each read the traces did not answer is asked of the chain once, however many findings ask it.
  const codes = new Map<string, Promise<string>>();
  const slots = new Map<string, Promise<string>>();
  const calls = new Map<string, Promise<string | null>>();
  const call = (side: 'before' | 'after') => (to: string, data: string) => {
    const answered = asked[side].get(`${to.toLowerCase()}:${data.toLowerCase()}`);
    if (answered) return Promise.resolve(answered.answer);
    const key = `${side}:${to.toLowerCase()}:${data}`;
    if (!calls.has(key) && sim.guessedCalls) {
      const guessed = guessedAnswer(sim, to, data, overridesOf(side));
      if (guessed !== undefined) calls.set(key, Promise.resolve(guessed));
    }
    if (!calls.has(key)) {
      const params = side === 'after' ? [{ to, data }, tag, overridesOf(side)] : [{ to, data }, tag];
      calls.set(
        key,
        (provider.send('eth_call', params) as Promise<string>).catch(() => null),
      );
    }
    return calls.get(key)!;
  };
  const callWithStorage =
    (side: 'before' | 'after') => (to: string, data: string, storage: Record<string, Record<string, string>>) => {
      const overrides = withStorage(overridesOf(side), storage);
      const guessed = sim.guessedCalls ? guessedAnswer(sim, to, data, overrides) : undefined;
      if (guessed !== undefined) return Promise.resolve(guessed);
      return (provider.send('eth_call', [{ to, data }, tag, overrides]) as Promise<string>).catch(() => null);
    };
  const before: StateView = {
    async storage(address, slot) {
      const key = address.toLowerCase();
      const known = prestate.get(key)?.storage?.[slot] ?? pre.get(key)?.storage?.[slot];
      if (known !== undefined) return word(known);
      // A slot the transaction wrote that the diff's `pre` leaves out was empty: prestateTracer omits zeros there.
      if (post.get(key)?.storage?.[slot] !== undefined) return ZERO_WORD;
      const asked = `${key}:${slot}`;
      if (!slots.has(asked))
        slots.set(asked, (provider.send('eth_getStorageAt', [address, slot, tag]) as Promise<string>).then(word));
      return slots.get(asked)!;
    },
    async code(address) {
      const key = address.toLowerCase();
      const account = prestate.get(key);
      // prestateTracer leaves `code` out for an account without any, and for all of them when told to.
      if (account && sim.carriable) return account.code ?? '0x';
      // The diff's pre-state holds the code of every account the transaction changed, as it was before.
      if (account?.code !== undefined) return account.code;
      const read = asked.codes.get(key) ?? sim.preStateCodes[key];
      if (read !== undefined) return read;
      if (!codes.has(key)) codes.set(key, provider.send('eth_getCode', [address, tag]) as Promise<string>);
      return codes.get(key)!;
    },
    call: call('before'),
    callWithStorage: callWithStorage('before'),
  };
  const after: StateView = {
    async storage(address, slot) {
      const key = address.toLowerCase();
      const written = post.get(key)?.storage?.[slot];
      if (written !== undefined) return word(written);
      if (pre.get(key)?.storage?.[slot] !== undefined) return ZERO_WORD;
      return before.storage(address, slot);
    },
    async code(address) {
      return post.get(address.toLowerCase())?.code ?? before.code(address);
    },
    call: call('after'),
    callWithStorage: callWithStorage('after'),
  };
  return { before, after };
}
