import { AbiCoder, Interface, ParamType, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import { readEventWords, wordReaders } from './eventWords.js';
import { decodeLog, eventIndex } from './logDecoding.js';

const coder = AbiCoder.defaultAbiCoder();
const TYPES = [
  'address',
  'bool',
  'uint8',
  'uint64',
  'uint256',
  'int8',
  'int128',
  'int256',
  'bytes1',
  'bytes4',
  'bytes32',
];
const WORDS = [
  toBeHex(0, 32),
  toBeHex(1, 32),
  toBeHex(0x7f, 32),
  toBeHex(0x80, 32),
  toBeHex(0xff, 32),
  toBeHex(0x1ff, 32),
  `0x${'00'.repeat(12)}${'ab'.repeat(20)}`,
  `0x${'00'.repeat(11)}01${'ab'.repeat(20)}`,
  `0x${'ff'.repeat(32)}`,
  `0x8${'0'.repeat(63)}`,
  `0x${'12345678'.repeat(8)}`,
  `0x${'AB'.repeat(32)}`,
];

/** What ethers' coder makes of the word, as logDecoding shows it, or null where it throws. */
function ethersReads(type: string, word: string): string | null {
  try {
    const [value] = coder.decode([type], word);
    return String(value);
  } catch {
    return null;
  }
}

describe('readEventWords', () => {
  it("reads every one-word type as ethers' AbiCoder decodes it, refusing what it refuses", () => {
    for (const type of TYPES) {
      const [reader] = wordReaders([ParamType.from(type)])!;
      for (const word of WORDS) expect([type, word, reader!(word)]).toEqual([type, word, ethersReads(type, word)]);
    }
  });

  it('leaves strings, bytes, arrays and tuples to ethers', () => {
    for (const type of ['string', 'bytes', 'uint256[]', 'address[2]', '(address,uint256)'])
      expect(wordReaders([ParamType.from('address'), ParamType.from(type)])).toBeNull();
  });

  it('refuses data too short for its words, ignores data past them, and leaves odd topics or data to ethers', () => {
    const readers = wordReaders([ParamType.from('uint256'), ParamType.from('address')])!;
    const two = `0x${toBeHex(5, 32).slice(2)}${'00'.repeat(12)}${'ab'.repeat(20)}`;
    expect(readEventWords([], readers, ['0x'], two)).toMatchObject({ fromData: ['5', expect.any(String)] });
    expect(readEventWords([], readers, ['0x'], `${two}0102`)).toMatchObject({ fromData: ['5', expect.any(String)] });
    expect(readEventWords([], readers, ['0x'], two.slice(0, -2))).toBeNull();
    expect(readEventWords([], readers, ['0x'], `${two}0`)).toBeUndefined();
    expect(readEventWords(readers.slice(0, 1), [], ['0x', '0x01'], '0x')).toBeUndefined();
  });
});

describe('decodeLog by words', () => {
  const events = new Interface([
    'event Mixed(address indexed who, int8 indexed delta, bool on, bytes4 tag, uint96 amount)',
    'event Wide(address indexed who)',
  ]);
  const index = eventIndex([events.formatJson()]);
  const who = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

  it('names and reads an event of one-word values as ethers decodes it', () => {
    const log = { address: who.toLowerCase(), ...events.encodeEventLog('Mixed', [who, -3, true, '0xdeadbeef', 7n]) };
    expect(decodeLog(log, index)).toMatchObject({
      address: who,
      name: 'Mixed',
      signature: 'Mixed(address,int8,bool,bytes4,uint96)',
      args: { who, delta: '-3', on: 'true', tag: '0xdeadbeef', amount: '7' },
    });
  });

  it('leaves undecoded an address topic wider than 160 bits, as ethers refuses it', () => {
    const topic = events.getEvent('Wide')!.topicHash;
    const log = { address: who, topics: [topic, `0x${'00'.repeat(11)}01${'ab'.repeat(20)}`], data: '0x' };
    expect(decodeLog(log, index)).toMatchObject({ name: null, args: null });
  });
});
