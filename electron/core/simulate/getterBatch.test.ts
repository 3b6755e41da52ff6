import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOverrides, SimulationResult, StateMap } from '../primitives/simulationTypes.js';
import { startAnvil, type AnvilProcess } from './anvilProcess.js';
import { batchingRpc } from './batchingRpc.js';
import {
  askGuessedCalls,
  batchAnswers,
  GETTER_BATCH_ADDRESS,
  GETTER_BATCH_CODE,
  getterBatchCalldata,
} from './getterBatch.js';
import { guessedAnswer } from './guessedAnswer.js';
import type { RpcClient } from './simulateSafeTx.js';

const at = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const READER = at(0xa1);
const REVERTER = at(0xa2);
const COUNTER = at(0xa3);
const CALLS_ZERO = at(0xa4);
const IDLE = at(0xa5);
const STATIC_ZERO = at(0xa6);
const DELEGATES_ZERO = at(0xa7);
const BURNS_GAS = at(0xa8);
const INVALID = at(0xa9);
const FUNDED = at(0xbb);
const CODED = at(0xcc);

/**
 * Getters as small EVM programs, laid by state override: what each reads and answers is known to the byte.
 * READER answers its slot 0 plus FUNDED's balance plus CODED's code size, and its caller; REVERTER reverts with
 * 0xdead; COUNTER answers its slot 0 and then increments it (a "view" that writes); CALLS_ZERO calls the zero
 * address and answers 1; IDLE answers 7 and reads nothing else. STATIC_ZERO staticcalls the zero address (a view
 * calling a view: no state may be written there) and DELEGATES_ZERO delegates to it (a proxy with no
 * implementation set), both then answering 1; BURNS_GAS loops until its gas is gone; INVALID hits 0xfe.
 */
const state: CallOverrides = {
  [READER]: {
    code: '0x600054' + '60bb3101' + '60cc3b01' + '600052' + '33602052' + '60406000f3',
    stateDiff: { [`0x${'0'.repeat(64)}`]: `0x${'5'.padStart(64, '0')}` },
  },
  [REVERTER]: { code: '0x61dead6000526002601efd' },
  [COUNTER]: { code: '0x6000548060005260010160005560206000f3' },
  [CALLS_ZERO]: { code: '0x600080808080805af150600160005260206000f3' },
  [IDLE]: { code: '0x600760005260206000f3' },
  [STATIC_ZERO]: { code: '0x60008080808080' + '5afa50' + '600160005260206000f3' },
  [DELEGATES_ZERO]: { code: '0x60008080808080' + '5af450' + '600160005260206000f3' },
  [BURNS_GAS]: { code: '0x5b600056' },
  [INVALID]: { code: '0xfe' },
  [FUNDED]: { balance: '0x10' },
  [CODED]: { code: '0x00' },
};

let anvil: AnvilProcess;
let rpc: RpcClient;
beforeAll(async () => {
  anvil = await startAnvil();
  rpc = batchingRpc(anvil.rpcUrl);
});
afterAll(async () => anvil?.stop());

const alone = (to: string, data: string, overrides: CallOverrides) =>
  (rpc.send('eth_call', [{ to, data }, 'latest', overrides]) as Promise<string>).catch(() => null);
const readAlone = async (to: string, data: string, overrides: CallOverrides) =>
  Object.keys(
    (await rpc.send('debug_traceCall', [
      { to, data },
      'latest',
      {
        tracer: 'prestateTracer',
        tracerConfig: { disableCode: true, disableStorage: true },
        stateOverrides: overrides,
      },
    ])) as StateMap,
  );

describe('the getter batch', () => {
  it('is getterBatch.yul as solc-js compiles it', () => {
    const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
    const source = readFileSync(new URL('./getterBatch.yul', import.meta.url), 'utf8');
    const output = JSON.parse(
      solc.compile(
        JSON.stringify({
          language: 'Yul',
          sources: { 'getterBatch.yul': { content: source } },
          settings: {
            evmVersion: 'london',
            optimizer: { enabled: true, details: { yul: true } },
            outputSelection: { '*': { '*': ['evm.deployedBytecode.object'] } },
          },
        }),
      ),
    ) as { contracts: Record<string, Record<string, { evm: { deployedBytecode: { object: string } } }>> };
    expect(`0x${output.contracts['getterBatch.yul']!['GetterBatch']!.evm.deployedBytecode.object}`).toBe(
      GETTER_BATCH_CODE,
    );
  });

  it('answers each call as eth_call answers it alone, its sender and reverts included', async () => {
    const calls = [
      { to: READER, data: '0x1234', overrides: state },
      { to: REVERTER, data: '0x', overrides: state },
      { to: READER, data: '0x', overrides: state },
      { to: IDLE, data: '0x', overrides: {} },
    ];
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', calls);
    expect(guessed.map((g) => [g.to, g.data, g.overrides])).toEqual(calls.map((c) => [c.to, c.data, c.overrides]));
    const answers = await Promise.all(calls.map((c) => alone(c.to, c.data, c.overrides)));
    expect(guessed.map((g) => g.answer)).toEqual(answers);
    // READER's answer: 5 + 16 + 1, and the zero address as its caller, as eth_call without `from` gives it.
    expect(answers[0]).toBe(`0x${'16'.padStart(64, '0')}${'0'.repeat(64)}`);
    expect(answers[1]).toBeNull();
  });

  it('undoes what one call wrote before the next runs, as separate eth_calls start from the same state', async () => {
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', [
      { to: COUNTER, data: '0x01', overrides: state },
      { to: COUNTER, data: '0x02', overrides: state },
    ]);
    const zero = `0x${'0'.repeat(64)}`;
    expect(guessed.map((g) => g.answer)).toEqual([zero, zero]);
    expect(await alone(COUNTER, '0x02', state)).toBe(zero);
  });

  it('gives no answer for a call that reached the zero address, where alone it would find no code', async () => {
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', [
      { to: CALLS_ZERO, data: '0x', overrides: state },
      { to: IDLE, data: '0x', overrides: state },
    ]);
    expect(guessed.map((g) => g.to)).toEqual([IDLE]);
  });

  it('gives no answer for a call that staticcalled the zero address, and answers the others of its batch', async () => {
    const calls = [
      { to: IDLE, data: '0x01', overrides: state },
      { to: STATIC_ZERO, data: '0x', overrides: state },
      { to: IDLE, data: '0x02', overrides: state },
    ];
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', calls);
    expect(guessed.map((g) => [g.to, g.data])).toEqual([
      [IDLE, '0x01'],
      [IDLE, '0x02'],
    ]);
    // Alone it would have answered: the zero address has no code, so the call it makes succeeds.
    expect(await alone(STATIC_ZERO, '0x', state)).toBe(`0x${'1'.padStart(64, '0')}`);
  });

  it('gives no answer for any call of a batch where one delegated to the zero address', async () => {
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', [
      { to: IDLE, data: '0x', overrides: state },
      { to: DELEGATES_ZERO, data: '0x', overrides: state },
    ]);
    expect(guessed).toEqual([]);
  });

  it('gives no answer for a call whose gas ran out or that hit an invalid instruction, where alone it has more', async () => {
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', [
      { to: BURNS_GAS, data: '0x', overrides: state },
      { to: INVALID, data: '0x', overrides: state },
      { to: REVERTER, data: '0x', overrides: state },
    ]);
    // A revert is an answer (null, as eth_call gives it); spending all the gas is not one.
    expect(guessed.map((g) => [g.to, g.answer])).toEqual([[REVERTER, null]]);
  });

  it('reads no answer from return data not shaped as the batch returns it', async () => {
    const calls = [
      { to: IDLE, data: '0x' },
      { to: READER, data: '0x' },
    ];
    const output = (await rpc.send('eth_call', [
      { to: GETTER_BATCH_ADDRESS, data: getterBatchCalldata(calls) },
      'latest',
      { ...state, [GETTER_BATCH_ADDRESS]: { code: GETTER_BATCH_CODE } },
    ])) as string;
    expect(batchAnswers(output, calls)).toEqual([await alone(IDLE, '0x', state), await alone(READER, '0x', state)]);
    // One answer short, one call too many, one call fewer: none is read.
    expect(batchAnswers(output.slice(0, -64), calls)).toEqual([undefined, undefined]);
    expect(batchAnswers(output, [...calls, calls[0]!])).toEqual([undefined, undefined, undefined]);
    expect(batchAnswers(output, [calls[0]!])).toEqual([undefined]);
  });

  it('gives every call the accounts all of the batch read: each one its own and more', async () => {
    const { calls: guessed } = await askGuessedCalls(rpc, 'latest', [
      { to: READER, data: '0x', overrides: state },
      { to: IDLE, data: '0x', overrides: state },
    ]);
    for (const to of [READER, IDLE])
      expect(guessed[0]!.read).toEqual(expect.arrayContaining(await readAlone(to, '0x', state)));
    expect(guessed[1]!.read).toEqual(guessed[0]!.read);
    expect(await readAlone(IDLE, '0x', state)).not.toContain(FUNDED);
    expect(guessed[1]!.read).toContain(FUNDED);
  });

  it("stands for a state only where it agrees on all the batch read: FUNDED's balance moved, neither answer stands", async () => {
    const { calls: guessedCalls } = await askGuessedCalls(rpc, 'latest', [
      { to: READER, data: '0x', overrides: state },
      { to: IDLE, data: '0x', overrides: state },
    ]);
    // A simulation that saw none of these accounts: the block's state is what the overrides say it is.
    const sim = {
      guessedCalls,
      preStateCalls: [],
      prestate: {},
      diff: { pre: {}, post: {} },
    } as unknown as SimulationResult;
    const moved: CallOverrides = { ...state, [FUNDED]: { balance: '0x11' } };
    expect(guessedAnswer(sim, READER, '0x', state)).toBe(guessedCalls[0]!.answer);
    expect(guessedAnswer(sim, IDLE, '0x', state)).toBe(guessedCalls[1]!.answer);
    // READER read FUNDED's balance: its answer alone changes. IDLE did not, but its batch did: asked again.
    expect(await alone(READER, '0x', moved)).not.toBe(guessedCalls[0]!.answer);
    expect(guessedAnswer(sim, READER, '0x', moved)).toBeUndefined();
    expect(guessedAnswer(sim, IDLE, '0x', moved)).toBeUndefined();
  });

  it('gives the code of every account the batch read as eth_getCode gives it, and not code laid by override', async () => {
    const deployed = at(0xd1);
    await rpc.send('anvil_setCode', [deployed, state[IDLE]!.code]);
    const { codes } = await askGuessedCalls(rpc, 'latest', [
      { to: deployed, data: '0x' },
      { to: READER, data: '0x', overrides: state },
    ]);
    expect(codes[deployed]).toBe(await rpc.send('eth_getCode', [deployed, 'latest']));
    // READER's code and CODED's are the override's, the zero address's the batch's own: none is the block's.
    expect(Object.keys(codes)).not.toContain(READER);
    expect(Object.keys(codes)).not.toContain(CODED);
    expect(Object.keys(codes)).not.toContain(`0x${'0'.repeat(40)}`);
    // FUNDED (its balance laid, not its code) was read by READER and has no code on the block.
    expect(codes[FUNDED]).toBe('0x');
  });
});
