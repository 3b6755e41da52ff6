// How long one ABI decode takes in ethers (AbiCoder.decode over ParamTypes built once) and in viem
// (decodeAbiParameters), for the shapes a review decodes itself: event topics and data (logDecoding.ts) and a
// multiSend's packed bytes (namedImplementations.ts), with the WebAssembly Keccak installed as a review installs
// it (ethers checksums every decoded address). These figures chose the library the core uses (README, "How it is
// built"); viem stays a devDependency, for this comparison and as the tests' independent oracle.
import { AbiCoder, ParamType, concat, getBytes, hexlify, randomBytes, toBeHex, zeroPadValue } from 'ethers';
import { decodeAbiParameters, type AbiParameter } from 'viem';
import { keccakReady } from '../../electron/core/safe/wasmKeccak.js';

const coder = AbiCoder.defaultAbiCoder();
const word = (x: bigint | number) => toBeHex(x, 32);
// A review sees a handful of addresses again and again (the Safe, its owners, the protocol): eight here.
const addresses = Array.from({ length: 8 }, () => hexlify(randomBytes(20)));
const topicWord = (i: number) => zeroPadValue(addresses[i % addresses.length]!, 32);

interface Shape {
  name: string;
  types: string[];
  /** Several encodings, decoded in turn. */
  data: string[];
}
const eight = <T>(make: (i: number) => T) => Array.from({ length: 8 }, (_, i) => make(i));
const shapes: Shape[] = [
  {
    name: 'Transfer topics (address, address)',
    types: ['address', 'address'],
    data: eight((i) => concat([topicWord(i), topicWord(i + 1)])),
  },
  { name: 'Transfer data (uint256)', types: ['uint256'], data: eight((i) => word(10n ** 18n * BigInt(i + 1))) },
  { name: 'Paused data (address)', types: ['address'], data: eight(topicWord) },
  {
    name: 'RoleGranted topics (bytes32, address, address)',
    types: ['bytes32', 'address', 'address'],
    data: eight((i) => concat([hexlify(randomBytes(32)), topicWord(i), topicWord(i + 3)])),
  },
  {
    name: 'CallScheduled data (address, uint256, bytes, bytes32, uint256)',
    types: ['address', 'uint256', 'bytes', 'bytes32', 'uint256'],
    data: eight((i) =>
      coder.encode(
        ['address', 'uint256', 'bytes', 'bytes32', 'uint256'],
        [addresses[i]!, 0, randomBytes(68), randomBytes(32), 86400],
      ),
    ),
  },
  {
    name: 'multiSend(bytes), a 20-action batch',
    types: ['bytes'],
    data: eight(() => coder.encode(['bytes'], [randomBytes(20 * 85)])),
  },
];

// The fastest of many short rounds: on a machine shared with other work a round that was interrupted only
// ever reads slower, never faster.
const ROUNDS = 41;
const PER_ROUND = 100;
function microseconds(decode: (bytes: Uint8Array) => unknown, inputs: Uint8Array[]): number {
  for (let i = 0; i < PER_ROUND; i++) decode(inputs[i % inputs.length]!);
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) decode(inputs[i % inputs.length]!);
    rounds.push(Number(process.hrtime.bigint() - start) / 1e3 / PER_ROUND);
  }
  return Math.min(...rounds);
}

console.log(
  `\nABI decoding: µs per decode, the fastest round (${ROUNDS} rounds of ${PER_ROUND}), Keccak: ${await keccakReady()}`,
);
console.log(`${'shape'.padEnd(64)} ethers     viem`);
let ethersTotal = 0;
let viemTotal = 0;
for (const shape of shapes) {
  const params = shape.types.map((t) => ParamType.from(t));
  const viemParams: AbiParameter[] = shape.types.map((type) => ({ type }));
  const inputs = shape.data.map((d) => getBytes(d));
  const e = microseconds((bytes) => coder.decode(params, bytes), inputs);
  const v = microseconds((bytes) => decodeAbiParameters(viemParams, bytes), inputs);
  ethersTotal += e;
  viemTotal += v;
  console.log(`${shape.name.padEnd(64)} ${e.toFixed(1).padStart(6)} ${v.toFixed(1).padStart(8)}`);
}
console.log(
  `${'each shape once'.padEnd(64)} ${ethersTotal.toFixed(1).padStart(6)} ${viemTotal.toFixed(1).padStart(8)}`,
);
