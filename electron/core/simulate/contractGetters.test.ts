import { AbiCoder, FunctionFragment, getAddress, id, Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { loadArtifact } from '../../../test/protocol/protocolArtifacts.js';
import { contractGetters, inDispatcher, MAX_GETTERS, readAnswer } from './contractGetters.js';

const packed = loadArtifact('PackedVault');
const none = { registered: [], artifacts: [] };

describe('contractGetters', () => {
  it("finds the getters a compiled contract's dispatcher holds, by convention when no ABI is given", () => {
    const { getters, capped } = contractGetters(['0x' + '11'.repeat(20)], [packed.deployedBytecode], none, []);
    expect(getters.map((g) => g.label).sort()).toEqual(['owner', 'paused']);
    expect(capped).toBe(false);
  });

  it('takes every zero-argument view of an ABI it has, and reads keyed getters only at the keys given', () => {
    const abi = [
      'function totalDeposits() view returns (uint256)',
      'function balanceOf(address) view returns (uint256)',
      'function pause()',
    ];
    const code = '0x' + abi.map((f) => `63${FunctionFragment.from(f).selector.slice(2)}`).join('');
    const holder = '0x' + '22'.repeat(20);
    const { getters } = contractGetters(
      ['0x' + '11'.repeat(20)],
      [code],
      { registered: [], artifacts: [{ contractName: 'X', abi }] },
      [holder, '0x' + '33'.repeat(32)],
    );
    expect(getters.map((g) => g.label)).toEqual([
      'totalDeposits',
      'balanceOf(0x2222222222222222222222222222222222222222)',
    ]);
    expect(getters[1]!.data).toBe(new Interface(abi).encodeFunctionData('balanceOf', [holder]));
  });

  it("reads a mapping keyed by a number at the events' words that fit its type, shown as numbers (Uniswap's feeAmountTickSpacing)", () => {
    const abi = [
      'function feeAmountTickSpacing(uint24) view returns (int24)',
      'function tickOf(int24) view returns (uint8)',
    ];
    const code = '0x' + abi.map((f) => `63${FunctionFragment.from(f).selector.slice(2)}`).join('');
    const coder = AbiCoder.defaultAbiCoder();
    // FeeAmountEnabled(uint24 indexed fee, int24 indexed tickSpacing)'s topics, and a hash no uint24 holds.
    const fee = coder.encode(['uint24'], [100]);
    const tickSpacing = coder.encode(['int24'], [-60]);
    const hash = id('not a number');
    const { getters } = contractGetters(
      ['0x' + '11'.repeat(20)],
      [code],
      { registered: [], artifacts: [{ contractName: 'X', abi }] },
      [fee, tickSpacing, hash],
    );
    expect(getters.map((g) => g.label)).toEqual(['feeAmountTickSpacing(100)', 'tickOf(100)', 'tickOf(-60)']);
    expect(getters[0]!.data).toBe(new Interface(abi).encodeFunctionData('feeAmountTickSpacing', [100]));
    expect(getters[2]!.data).toBe(new Interface(abi).encodeFunctionData('tickOf', [-60]));
  });

  it('asks getters keyed by a number only after the rest, so that they cannot use up the cap before owner()', () => {
    const abi = [
      ...Array.from({ length: MAX_GETTERS }, (_, i) => `function tokenField${i}(uint256) view returns (uint256)`),
      'function owner() view returns (address)',
    ];
    const code = '0x' + abi.map((f) => `63${FunctionFragment.from(f).selector.slice(2)}`).join('');
    const { getters, capped } = contractGetters(
      ['0x' + '11'.repeat(20)],
      [code],
      { registered: [], artifacts: [{ contractName: 'X', abi }] },
      [AbiCoder.defaultAbiCoder().encode(['uint256'], [7])],
    );
    expect(getters[0]!.label).toBe('owner');
    expect(getters.length).toBe(MAX_GETTERS);
    expect(capped).toBe(true);
  });

  it('stops at its cap and says so', () => {
    const abi = Array.from({ length: MAX_GETTERS + 5 }, (_, i) => `function g${i}() view returns (uint256)`);
    const code = '0x' + abi.map((f) => `63${FunctionFragment.from(f).selector.slice(2)}`).join('');
    const { getters, capped } = contractGetters(
      ['0x' + '11'.repeat(20)],
      [code],
      { registered: [], artifacts: [{ contractName: 'X', abi }] },
      [],
    );
    expect(getters.length).toBe(MAX_GETTERS);
    expect(capped).toBe(true);
  });

  it('reads a public struct as one getter per word, each named by its field, and refuses one with a dynamic part', () => {
    const abi = [
      'function config() view returns (address rewardsToken, bool paused, uint16 feeBps)',
      'function reserve(address) view returns (tuple(tuple(uint256 data) configuration, uint128 index))',
      'function described() view returns (string name, uint256 id)',
    ];
    const code = '0x' + abi.map((f) => `63${FunctionFragment.from(f).selector.slice(2)}`).join('');
    const asset = '0x' + '22'.repeat(20);
    const { getters } = contractGetters(
      ['0x' + '11'.repeat(20)],
      [code],
      { registered: [], artifacts: [{ contractName: 'X', abi }] },
      [asset],
    );
    expect(getters.map((g) => g.label)).toEqual([
      'config.rewardsToken',
      'config.paused',
      'config.feeBps',
      `reserve(${getAddress(asset)}).configuration.data`,
      `reserve(${getAddress(asset)}).index`,
    ]);
    const answer = new Interface(abi).encodeFunctionResult('config', [asset, true, 30]);
    expect(getters.slice(0, 3).map((g) => readAnswer(g, answer))).toEqual([getAddress(asset), 'true', '30']);
    // The fields of one call are asked once: the same calldata.
    expect(new Set(getters.slice(0, 3).map((g) => g.data)).size).toBe(1);
  });

  it("asks a role-and-account getter at each pair the transaction's role events name, and at nothing else", () => {
    const abi = ['function hasRole(bytes32 role, address account) view returns (bool)'];
    const code = '0x' + `63${FunctionFragment.from(abi[0]!).selector.slice(2)}`;
    const role = id('PROPOSER_ROLE');
    const account = '0x' + '33'.repeat(20);
    const sources = { registered: [], artifacts: [{ contractName: 'X', abi }] };
    expect(contractGetters(['0x' + '11'.repeat(20)], [code], sources, [role, account]).getters).toEqual([]);
    const { getters } = contractGetters(['0x' + '11'.repeat(20)], [code], sources, [], [[role, account]]);
    expect(getters.map((g) => [g.label, g.keyed])).toEqual([[`hasRole(${role}, ${getAddress(account)})`, true]]);
    expect(getters[0]!.data).toBe(new Interface(abi).encodeFunctionData('hasRole', [role, account]));
  });

  it("asks a number-and-account getter (GovernorAlpha's getReceipt) at the pairs whose number fits its key type, fields by name", () => {
    const abi = [
      'function getReceipt(uint256 proposalId, address voter) view returns (tuple(bool hasVoted, bool support, uint96 votes))',
    ];
    const code = '0x' + `63${FunctionFragment.from(abi[0]!).selector.slice(2)}`;
    const voter = '0x' + '33'.repeat(20);
    const proposal = AbiCoder.defaultAbiCoder().encode(['uint256'], [5]);
    const sources = { registered: [], artifacts: [{ contractName: 'X', abi }] };
    const { getters } = contractGetters(['0x' + '11'.repeat(20)], [code], sources, [], [[proposal, voter]]);
    const receipt = `getReceipt(5, ${getAddress(voter)})`;
    expect(getters.map((g) => g.label)).toEqual([`${receipt}.hasVoted`, `${receipt}.support`, `${receipt}.votes`]);
    expect(getters[0]!.data).toBe(new Interface(abi).encodeFunctionData('getReceipt', [5, voter]));
    // A number no uint8 holds is not asked of a getter keyed by one: it would only revert.
    const small = ['function receiptOf(uint8 round, address voter) view returns (bool)'];
    const smallCode = '0x' + `63${FunctionFragment.from(small[0]!).selector.slice(2)}`;
    const wide = AbiCoder.defaultAbiCoder().encode(['uint256'], [300]);
    const asked = contractGetters(
      ['0x' + '11'.repeat(20)],
      [smallCode],
      { registered: [], artifacts: [{ contractName: 'Y', abi: small }] },
      [],
      [[wide, voter]],
    );
    expect(asked.getters).toEqual([]);
  });

  it('knows a selector with leading zero bytes as solc pushes it, with a shorter PUSH', () => {
    expect(inDispatcher('0x6200abcd', '0x0000abcd')).toBe(false);
    expect(inDispatcher('0x61abcd', '0x0000abcd')).toBe(true);
    expect(inDispatcher(`0x63${id('owner()').slice(2, 10)}`, id('owner()').slice(0, 10))).toBe(true);
  });

  it('reads an answer by its type, and no answer (a revert, empty return data, garbage) as null', () => {
    const { getters } = contractGetters(['0x' + '11'.repeat(20)], [packed.deployedBytecode], none, []);
    const owner = getters.find((g) => g.name === 'owner')!;
    const paused = getters.find((g) => g.name === 'paused')!;
    expect(readAnswer(owner, '0x' + '00'.repeat(12) + 'ab'.repeat(20))).toBe(
      '0xABaBaBaBABabABabAbAbABAbABabababaBaBABaB',
    );
    expect(readAnswer(paused, '0x' + '00'.repeat(31) + '01')).toBe('true');
    expect(readAnswer(paused, null)).toBeNull();
    expect(readAnswer(paused, '0x')).toBeNull();
    expect(readAnswer(paused, '0x1234')).toBeNull();
  });
});

describe('readAnswer', () => {
  // ethers' own decoding is the reference: a getter's answer must read the same whichever path reads it.
  const byEthers = (type: string, answer: string): string | null => {
    const fragment = FunctionFragment.from(`function g() view returns (${type})`);
    try {
      // String() reads an address checksummed, a bigint in decimal and bytes in lowercase hex, as readAnswer does.
      return String(new Interface([fragment]).decodeFunctionResult(fragment, answer)[0]);
    } catch {
      return null;
    }
  };
  const word = (hex: string) => `0x${hex.padStart(64, '0')}`;
  const answers = [
    word('1'),
    word('0'),
    word('ff'.repeat(32)),
    word('80' + '00'.repeat(31)),
    word('7f' + 'ff'.repeat(31)),
    word('ab'.repeat(20)),
    word('01' + 'ab'.repeat(20)),
    word('1234') + 'ff'.repeat(32),
    '0x1234',
    word('1') + '00',
    '0x' + 'zz'.repeat(32),
  ];
  const types = [
    'address',
    'bool',
    'uint256',
    'uint8',
    'uint160',
    'int256',
    'int8',
    'int128',
    'bytes32',
    'bytes4',
    'bytes1',
  ];
  it.each(types)('reads a %s answer as ethers decodes it, and refuses what ethers refuses', (type) => {
    const fragment = FunctionFragment.from(`function g() view returns (${type})`);
    const getter = {
      label: 'g',
      name: 'g',
      selector: fragment.selector,
      data: fragment.selector,
      fragment,
      keyed: false,
    };
    for (const answer of answers)
      expect([answer, readAnswer(getter, answer)]).toEqual([answer, byEthers(type, answer)]);
  });
});
