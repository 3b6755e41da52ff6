import { AbiCoder, EventFragment, ParamType, type InterfaceAbi } from 'ethers';
import { hexBytes } from '../primitives/hexBytes.js';
import { indexAbiFragments } from '../primitives/abiFragments.js';
import { assertAbiReadBound } from '../primitives/abiReadBound.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { CallFrame, CallLog, DecodedLog } from '../primitives/simulationTypes.js';
import { readEventWords, wordReaders, type WordReader } from './eventWords.js';

/** Events a guardian must see even when no ABI was registered: the Safe's own, proxies, OpenZeppelin's, tokens. */
const STANDARD_EVENTS = [
  'event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 indexed txHash, uint256 payment)',
  // The same events as Safe 1.1.1 to 1.3.0 emit them, the hash in the data; 0.1.0 and 1.0.0 name failures only.
  'event ExecutionSuccess(bytes32 txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 txHash, uint256 payment)',
  'event ExecutionFailed(bytes32 txHash)',
  'event AddedOwner(address indexed owner)',
  'event RemovedOwner(address indexed owner)',
  'event ChangedThreshold(uint256 threshold)',
  'event EnabledModule(address indexed module)',
  'event DisabledModule(address indexed module)',
  'event ChangedGuard(address indexed guard)',
  'event ChangedFallbackHandler(address indexed handler)',
  'event ChangedMasterCopy(address singleton)',
  'event ApproveHash(bytes32 indexed approvedHash, address indexed owner)',
  'event SafeReceived(address indexed sender, uint256 value)',
  'event Upgraded(address indexed implementation)',
  'event AdminChanged(address previousAdmin, address newAdmin)',
  'event BeaconUpgraded(address indexed beacon)',
  'event Initialized(uint64 version)',
  'event Paused(address account)',
  'event Unpaused(address account)',
  'event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)',
  'event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)',
  'event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)',
  'event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)',
  'event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole)',
  'event MinDelayChange(uint256 oldDuration, uint256 newDuration)',
  'event CallScheduled(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data, bytes32 predecessor, uint256 delay)',
  'event CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data)',
  'event Cancelled(bytes32 indexed id)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
];

export type EventIndex = Map<string, EventFragment[]>;

function addEvents(index: EventIndex, abis: readonly InterfaceAbi[]): EventIndex {
  // An anonymous event has no topic to be found by.
  return indexAbiFragments(abis, {
    kind: EventFragment,
    key: 'topicHash',
    same: 'full',
    accept: (f) => !f.anonymous,
    into: index,
  });
}

// Parsing human-readable fragments is slow in ethers: the standard set is parsed once, per process.
const standardIndex = addEvents(new Map(), [STANDARD_EVENTS]);

/** Every event of the standard set and the given ABIs, by topic; same-topic events of another shape are all kept. */
export function eventIndex(abis: readonly InterfaceAbi[] = []): EventIndex {
  if (abis.length === 0) return standardIndex;
  return addEvents(new Map([...standardIndex].map(([topic, list]) => [topic, [...list]])), abis);
}

/**
 * What decoding one event needs, worked out once per fragment: ethers' decodeEventLog re-hashed the event's
 * signature and rebuilt its parameter types on every log. An event whose values are each one ABI word (the
 * Safe's, ERC-1967's, OpenZeppelin's, ERC-20's: nearly all a review sees) is read word by word as ethers' coders
 * read it (eventWords.ts); any other goes through AbiCoder.decode over the types kept here, 25 to 35 µs a log at
 * a quiet moment (viem took 4 to 5; npm run bench prints the decoders' figures), most of it ethers building its
 * coders afresh for every decode.
 */
interface EventDecoder {
  signature: string;
  /** The indexed parameters as their topics hold them: a dynamic value is only its hash there. */
  topicTypes: ParamType[];
  dataTypes: ParamType[];
  /** How each value reads from its word, where every one of them is one word; else null. */
  words: { topics: WordReader[]; data: WordReader[] } | null;
}

const coder = AbiCoder.defaultAbiCoder();
const TOPIC_HASH = ParamType.from('bytes32');
const decoders = new WeakMap<EventFragment, EventDecoder>();
function decoderOf(fragment: EventFragment): EventDecoder {
  let decoder = decoders.get(fragment);
  if (decoder) return decoder;
  const hashedInTopic = (p: ParamType) =>
    p.type === 'string' || p.type === 'bytes' || p.baseType === 'tuple' || p.baseType === 'array';
  const topicTypes = fragment.inputs.filter((p) => p.indexed).map((p) => (hashedInTopic(p) ? TOPIC_HASH : p));
  const dataTypes = fragment.inputs.filter((p) => !p.indexed);
  const [topicWords, dataWords] = [wordReaders(topicTypes), wordReaders(dataTypes)];
  decoder = {
    signature: fragment.format('sighash'),
    topicTypes,
    dataTypes,
    words: topicWords && dataWords ? { topics: topicWords, data: dataWords } : null,
  };
  decoders.set(fragment, decoder);
  return decoder;
}

/** A decoded value as one line: numbers in decimal, arrays and tuples (ethers' Results) in brackets. */
const show = (value: unknown): string => {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${Array.from(value, show).join(', ')}]`;
  return String(value);
};

/** Most events have nothing indexed, or nothing in their data: no coders are built for nothing to read. */
const decodeValues = (types: readonly ParamType[], bytes: Uint8Array): ArrayLike<unknown> =>
  types.length === 0 ? [] : coder.decode(types, bytes);

/** The arguments in declaration order, or null when the log does not have this event's shape. */
function decodeArgs(fragment: EventFragment, log: CallLog): Record<string, string> | null {
  const { topicTypes, dataTypes, words } = decoderOf(fragment);
  // A non-anonymous event has exactly one topic per indexed parameter after its own: ERC-20's Transfer and
  // ERC-721's share a topic and differ here.
  if (log.topics.length !== topicTypes.length + 1) return null;
  const read = words ? readEventWords(words.topics, words.data, log.topics, log.data) : undefined;
  if (read === null) return null;
  if (read) return argsInOrder(fragment, read.fromTopics, read.fromData);
  try {
    const fromTopics = decodeValues(
      topicTypes,
      Buffer.concat(log.topics.slice(1).map((t) => hexBytes(t, 'log topic'))),
    );
    // The data is the contract's own: a hostile one could alias its offsets as hostile calldata does.
    const data = hexBytes(log.data, 'log data');
    assertAbiReadBound(dataTypes, data);
    return argsInOrder(fragment, fromTopics, decodeValues(dataTypes, data));
  } catch {
    return null;
  }
}

/** The values by name (or position), in declaration order, each as one line. */
function argsInOrder(
  fragment: EventFragment,
  fromTopics: ArrayLike<unknown>,
  fromData: ArrayLike<unknown>,
): Record<string, string> {
  let [t, d] = [0, 0];
  return Object.fromEntries(
    fragment.inputs.map((input, i) => [input.name || String(i), show(input.indexed ? fromTopics[t++] : fromData[d++])]),
  );
}

export function decodeLog(log: CallLog, index: EventIndex): DecodedLog {
  const base = { address: checksumAddress(log.address), topics: log.topics, data: log.data };
  for (const fragment of index.get(log.topics[0]?.toLowerCase() ?? '') ?? []) {
    const args = decodeArgs(fragment, log);
    if (args) return { ...base, name: fragment.name, signature: decoderOf(fragment).signature, args };
  }
  return { ...base, name: null, signature: null, args: null };
}

/** Logs in the order they were emitted; a reverted frame's logs were never emitted and are left out. */
export function emittedLogs(frame: CallFrame, index: EventIndex): DecodedLog[] {
  const found: Array<{ order: number; log: CallLog }> = [];
  const walk = (f: CallFrame) => {
    if (f.error) return;
    for (const log of f.logs ?? []) found.push({ order: Number(log.index ?? found.length), log });
    for (const child of f.calls ?? []) walk(child);
  };
  walk(frame);
  // A batch emits the same event with the same data again and again (twenty Paused(Safe)): decoded once.
  const decoded = new Map<string, Omit<DecodedLog, 'address'>>();
  return found
    .sort((a, b) => a.order - b.order)
    .map(({ log }) => {
      const key = `${log.topics.join(',')}:${log.data}`;
      let reading = decoded.get(key);
      if (!reading) decoded.set(key, (reading = decodeLog(log, index)));
      return { ...reading, address: checksumAddress(log.address) };
    });
}
