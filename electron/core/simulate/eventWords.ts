import type { ParamType } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';

/**
 * How one ABI word of a one-word type reads, as ethers' coders read it (abi/coders/address.js, boolean.js,
 * number.js, fixed-bytes.js): an address is refused past 160 bits and checksummed, a bool is any non-zero word,
 * an integer is masked to its width (two's complement for a signed one), bytesN is the word's first N bytes.
 * Null where ethers throws. Each ethers decode builds its coders and a Result afresh (defineProperties on every
 * coder, a keccak per address): 100 µs and more per log under load, most of a review's log decoding, for what
 * is a few BigInt reads here.
 */
export type WordReader = (word: string) => string | null;

const BYTES_N = /^bytes([1-9]|[12][0-9]|3[012])$/;
const INT_N =
  /^(u?)int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)$/;

function wordReader(type: ParamType): WordReader | null {
  const name = type.type;
  if (name === 'address') return (w) => (BigInt(w) >> 160n === 0n ? checksumAddress(`0x${w.slice(26)}`) : null);
  if (name === 'bool') return (w) => String(BigInt(w) !== 0n);
  const bytes = BYTES_N.exec(name);
  if (bytes) return (w) => `0x${w.slice(2, 2 + Number(bytes[1]) * 2).toLowerCase()}`;
  const int = INT_N.exec(name);
  if (!int) return null;
  const bits = BigInt(int[2]!);
  const signed = int[1] === '';
  return (w) => {
    const value = BigInt(w) & ((1n << bits) - 1n);
    return String(signed && value >> (bits - 1n) === 1n ? value - (1n << bits) : value);
  };
}

/** Each type's reader, or null when any of them is not one word (a string, bytes, an array, a tuple). */
export function wordReaders(types: readonly ParamType[]): WordReader[] | null {
  const readers = types.map(wordReader);
  return readers.every((r) => r !== null) ? readers : null;
}

const TOPIC = /^0x[0-9a-fA-F]{64}$/;

/**
 * An event's values read word by word: the indexed ones from the topics after the first, the rest from the data.
 * Null where ethers would refuse the log (data too short, an address too wide); undefined where this reading
 * does not apply (a topic that is not one whole word, data that is not whole bytes of hex), for ethers to
 * decode as ever. Data past the last word is ignored, as ethers' reader ignores it.
 */
export function readEventWords(
  topicReaders: readonly WordReader[],
  dataReaders: readonly WordReader[],
  topics: readonly string[],
  data: string,
): { fromTopics: string[]; fromData: string[] } | null | undefined {
  for (let i = 1; i < topics.length; i++) if (!TOPIC.test(topics[i]!)) return undefined;
  if (!isWholeByteHex(data)) return undefined;
  if ((data.length - 2) / 64 < dataReaders.length) return null;
  const fromTopics: string[] = [];
  for (let i = 0; i < topicReaders.length; i++) {
    const value = topicReaders[i]!(topics[i + 1]!);
    if (value === null) return null;
    fromTopics.push(value);
  }
  const fromData: string[] = [];
  for (let i = 0; i < dataReaders.length; i++) {
    const value = dataReaders[i]!(`0x${data.slice(2 + 64 * i, 66 + 64 * i)}`);
    if (value === null) return null;
    fromData.push(value);
  }
  return { fromTopics, fromData };
}
