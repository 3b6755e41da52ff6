import type { CallFrame, CallOverrides, GuessedCall, StateMap } from '../primitives/simulationTypes.js';
import type { RpcClient } from './simulateSafeTx.js';

/**
 * Many calls asked as one: getterBatch.yul's runtime code, laid by state override at the zero address. A guessed
 * getter asked alone costs an eth_call and a trace of what it read; an upgrade guesses a dozen, and on a local
 * anvil each request of a batch costs about what a small trace does. Batched, a side costs two requests whatever
 * the number of getters: the batch's run, whose return data is every answer, and a prestateTracer (the accounts
 * all of them read, together). The answers used to be read out of the batch's whole call tree, each input, output
 * and gas figure twice or three times over: that cost anvil more than the rest of the side.
 */
export const GETTER_BATCH_CODE =
  '0x600030331715610110575b80639e77e4b1146100ad57639e77e4b21461004a5760003015610041575b600090819081908190600160201b600160a01b030181fa005b50600054610028565b6004356001810160005560431936018060446000376000805a9281806024355af190819060061c5a108215166100a4575b3d029160081b176000528060205280600060403e60008160400152601f80199101166040016000fd5b6002915061007b565b60008060045b3681106100bf57506000f35b8060016020604093013593634f3bf25960e11b815285600482015282356024820152848484016044830137600080866044018382305af1503d6000823e9401933d0192601f01601f191601016100b3565b5060003560e01c61000a56';

/**
 * Where it is laid: the zero address is the sender of an eth_call without `from`, as the state views ask, so a
 * getter asked through the batch sees the msg.sender and tx.origin it would alone.
 */
export const GETTER_BATCH_ADDRESS = '0x0000000000000000000000000000000000000000';

const BATCH_SELECTOR = '9e77e4b1';

/**
 * Which accounts a call read, with their code but not their storage: which accounts is all a guessed answer's
 * check needs, and the code is what the getter comparison reads next (the proxy's, its implementations' before
 * and after): asked here, it needs no owner() trace or eth_getCode of its own in the batch.
 */
const ACCOUNTS_AND_CODE = { disableStorage: true };

/**
 * The batch's return data is the top frame's output. Asked as a trace of that frame alone, not an eth_call: anvil
 * (1.7) spends a tenth to a fifth less CPU on it that way (0.43 against 0.51 ms for a repeat review's two
 * batches, 0.63 against 0.69 for a first review's, the whole call tree 0.55 and 1.08), measured in turns by
 * scripts/bench/uupsRequests.ts, for the same execution and the answers' bytes plus the calldata echoed.
 */
const TOP_FRAME_ONLY = { tracer: 'callTracer', tracerConfig: { onlyTopCall: true } };

/**
 * The account a getter that reached the zero address marks, by its call's index (getterBatch.yul's default case):
 * 0xff..ff00000000 plus the index plus one, or 0xff..ff00000000 itself, the mark of every call of its batch.
 */
const markOf = (index: number) => `0x${'f'.repeat(32)}${index.toString(16).padStart(8, '0')}`;

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

const isZeroAddress = (address: string) => BigInt(address) === 0n;

/** How the batch says a call ended (getterBatch.yul): its answer stands, it reverted, or all its gas is gone. */
const ANSWERED = 1n;
const REVERTED = 0n;

/**
 * Each call's answer read from the batch's return data: its return data, or null where it reverted, as eth_call
 * answers. Undefined where the batch cannot stand for the call alone: a call that reached the zero address (alone
 * it finds no code; `read` holds its mark), or that spent all its gas (alone it has a little more). All undefined
 * for return data not shaped as the batch makes it, one entry per call in order.
 */
export function batchAnswers(
  output: string,
  calls: ReadonlyArray<{ to: string; data: string }>,
  read: ReadonlySet<string> = new Set(),
): Array<string | null | undefined> {
  const hex = output.replace(/^0x/, '').toLowerCase();
  const answers: Array<string | null | undefined> = [];
  let at = 0;
  const wordAt = (offset: number) => (offset + 64 <= hex.length ? BigInt(`0x${hex.slice(offset, offset + 64)}`) : null);
  for (const [index, { to }] of calls.entries()) {
    const [head, length] = [wordAt(at), wordAt(at + 64)];
    if (head === null || length === null || head >> 8n !== BigInt(index)) return calls.map(() => undefined);
    const status = head & 0xffn;
    const padded = Number((length + 31n) / 32n) * 64;
    if (at + 128 + padded > hex.length || (status !== ANSWERED && length !== 0n)) return calls.map(() => undefined);
    const reached = read.has(markOf(0)) || read.has(markOf(index + 1)) || isZeroAddress(to);
    const answer = `0x${hex.slice(at + 128, at + 128 + Number(length) * 2)}`;
    answers.push(reached ? undefined : status === ANSWERED ? answer : status === REVERTED ? null : undefined);
    at += 128 + padded;
  }
  return at === hex.length ? answers : calls.map(() => undefined);
}

/** The guessed calls answered, and the code of every account they read (lowercase, '0x' for none) at the block. */
export interface GuessedCalls {
  calls: GuessedCall[];
  codes: Record<string, string>;
}

/**
 * Asks the guessed calls in batches, one per state they are asked in (the pre-state, a predicted after-state),
 * each batch two requests sent now, in the caller's round trip. Every call of a batch is given the accounts all of
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
    const [top, read] = (await Promise.all([
      provider.send('debug_traceCall', [call, tag, { ...TOP_FRAME_ONLY, stateOverrides }]),
      provider.send('debug_traceCall', [
        call,
        tag,
        { tracer: 'prestateTracer', tracerConfig: ACCOUNTS_AND_CODE, stateOverrides },
      ]),
    ]).catch(() => [null, null])) as [CallFrame | null, StateMap | null];
    // The batch itself never reverts: a frame that did is not one to read answers from.
    if (!top || top.error || typeof top.output !== 'string' || !read) return;
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
    const answers = batchAnswers(top.output, calls, new Set(accounts));
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
