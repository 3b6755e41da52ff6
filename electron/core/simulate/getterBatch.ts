import type { CallFrame, CallOverrides, GuessedCall, StateMap } from '../primitives/simulationTypes.js';
import type { RpcClient } from './simulateSafeTx.js';

/**
 * Many calls asked as one: getterBatch.yul's runtime code, laid by state override at the zero address. A guessed
 * getter asked alone costs an eth_call and a trace of what it read; an upgrade guesses a dozen, and on a local
 * anvil each request of a batch costs about what a small trace does. Batched, a side costs two traces whatever
 * the number of getters: one call tree (each getter's answer is its frame's output) and one prestateTracer (the
 * accounts all of them read, together).
 */
export const GETTER_BATCH_CODE =
  '0x60003560e01c80639e77e4b114603357639e77e4b214601a57005b6000803660231901806024833781806004355af1600080fd5b60045b368110603e57005b634f3bf25960e11b6000528035600452604090602081013580838301602437600080826024018180305af150601f01601f19160101603656';

/**
 * Where it is laid: the zero address is the sender of an eth_call without `from`, as the state views ask, so a
 * getter asked through the batch sees the msg.sender and tx.origin it would alone.
 */
export const GETTER_BATCH_ADDRESS = '0x0000000000000000000000000000000000000000';

const BATCH_SELECTOR = '9e77e4b1';
const ONE_CALL_SELECTOR = '9e77e4b2';

/**
 * Which accounts a call read, with their code but not their storage: which accounts is all a guessed answer's
 * check needs, and the code is what the getter comparison reads next (the proxy's, its implementations' before
 * and after): asked here, it needs no owner() trace or eth_getCode of its own in the batch.
 */
const ACCOUNTS_AND_CODE = { disableStorage: true };

const wordOf = (n: number | string) =>
  (typeof n === 'number' ? n.toString(16) : n.replace(/^0x/, '').toLowerCase()).padStart(64, '0');

/** The batch's calldata: per call, its target, its length and its calldata padded to whole words. */
export function getterBatchCalldata(calls: ReadonlyArray<{ to: string; data: string }>): string {
  const entries = calls.map(({ to, data }) => {
    const bytes = data.replace(/^0x/, '').toLowerCase();
    return `${wordOf(to)}${wordOf(bytes.length / 2)}${bytes.padEnd(Math.ceil(bytes.length / 64) * 64, '0')}`;
  });
  return `0x${BATCH_SELECTOR}${entries.join('')}`;
}

const isZeroAddress = (address: string | undefined) => address !== undefined && BigInt(address) === 0n;

/** Whether a frame or any frame below it called the zero address, where the batch's own code stands. */
function callsZeroAddress(frame: CallFrame): boolean {
  return isZeroAddress(frame.to) || (frame.calls ?? []).some(callsZeroAddress);
}

/**
 * Each call's answer read from the batch's call tree: its frame's output, or null where it failed, as eth_call
 * answers. Undefined where the batch cannot stand for the call alone: a call that reached the zero address (alone
 * it finds no code there), ran out of gas (alone it has a little more), or a tree not shaped as the batch makes it.
 */
export function batchAnswers(
  tree: CallFrame,
  calls: ReadonlyArray<{ to: string; data: string }>,
): Array<string | null | undefined> {
  const frames = tree.calls ?? [];
  return calls.map(({ to, data }, i) => {
    const own = frames[i];
    const call = own?.calls?.[0];
    if (!own || !isZeroAddress(own.to) || !own.input.toLowerCase().startsWith(`0x${ONE_CALL_SELECTOR}`))
      return undefined;
    if (!call || call.to?.toLowerCase() !== to.toLowerCase() || call.input.toLowerCase() !== data.toLowerCase())
      return undefined;
    if (callsZeroAddress(call) || /gas/i.test(call.error ?? '')) return undefined;
    return call.error ? null : (call.output ?? '0x');
  });
}

/** The guessed calls answered, and the code of every account they read (lowercase, '0x' for none) at the block. */
export interface GuessedCalls {
  calls: GuessedCall[];
  codes: Record<string, string>;
}

/**
 * Asks the guessed calls in batches, one per state they are asked in (the pre-state, a predicted after-state),
 * each batch two traces sent now, in the caller's round trip. Every call of a batch is given the accounts all of
 * them read: more than its own, so an answer is used for fewer states than it could be, never for one it does not
 * hold in (guessedAnswer.ts). A batch the chain would not trace is no guess: it never fails the simulation.
 * Code laid by override (the batch's own, a predicted one) is not the block's, and is left out of `codes`.
 */
export function askGuessedCalls(
  provider: RpcClient,
  tag: string,
  guesses: ReadonlyArray<{ to: string; data: string; overrides?: CallOverrides }>,
): Promise<GuessedCalls> {
  const bySide = new Map<string, { overrides: CallOverrides; indices: number[] }>();
  guesses.forEach(({ overrides = {} }, i) => {
    const key = JSON.stringify(overrides);
    const side = bySide.get(key) ?? { overrides, indices: [] };
    side.indices.push(i);
    bySide.set(key, side);
  });
  const answered: Array<GuessedCall | undefined> = [];
  const codes: Record<string, string> = {};
  const sides = [...bySide.values()].map(async ({ overrides, indices }) => {
    const calls = indices.map((i) => ({ to: guesses[i]!.to, data: guesses[i]!.data }));
    const call = { to: GETTER_BATCH_ADDRESS, data: getterBatchCalldata(calls) };
    const stateOverrides = { ...overrides, [GETTER_BATCH_ADDRESS]: { code: GETTER_BATCH_CODE } };
    const trace = (tracer: string, tracerConfig?: object) =>
      (
        provider.send('debug_traceCall', [
          call,
          tag,
          { tracer, ...(tracerConfig ? { tracerConfig } : {}), stateOverrides },
        ]) as Promise<unknown>
      ).catch(() => null);
    const [tree, read] = (await Promise.all([trace('callTracer'), trace('prestateTracer', ACCOUNTS_AND_CODE)])) as [
      CallFrame | null,
      StateMap | null,
    ];
    if (!tree || !read) return;
    // The zero address stays among the accounts read: a call alone reads it too, as its sender.
    const accounts = Object.keys(read).map((a) => a.toLowerCase());
    const laidCode = new Set(
      Object.entries(stateOverrides)
        .filter(([, o]) => o.code !== undefined)
        .map(([a]) => a.toLowerCase()),
    );
    // prestateTracer leaves `code` out for an account without any.
    for (const [address, account] of Object.entries(read))
      if (!laidCode.has(address.toLowerCase())) codes[address.toLowerCase()] = account.code ?? '0x';
    const answers = batchAnswers(tree, calls);
    calls.forEach(({ to, data }, k) => {
      const answer = answers[k];
      if (answer !== undefined) answered[indices[k]!] = { to, data, overrides, answer, read: accounts };
    });
  });
  // In the order they were guessed, whichever batch answered first.
  return Promise.all(sides).then(() => ({
    calls: answered.filter((g): g is GuessedCall => g !== undefined),
    codes,
  }));
}
