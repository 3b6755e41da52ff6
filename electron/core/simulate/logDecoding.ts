import { EventFragment, Interface, type InterfaceAbi } from 'ethers';
import { indexAbiFragments } from '../decode/abiFragments.js';
import { checksumAddress } from '../decode/checksumAddress.js';
import type { CallFrame, CallLog } from './simulationTypes.js';

/** Events a guardian must see even when no ABI was registered: the Safe's own, proxies, OpenZeppelin's, tokens. */
const STANDARD_EVENTS = [
  'event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 indexed txHash, uint256 payment)',
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
  return indexAbiFragments(abis, { kind: EventFragment, keyOf: (f) => f.topicHash, sameAs: (f) => f.format('full'), accept: (f) => !f.anonymous, into: index });
}

// Parsing human-readable fragments is slow in ethers: the standard set is parsed once, per process.
const standardIndex = addEvents(new Map(), [STANDARD_EVENTS]);

/** Every event of the standard set and the given ABIs, by topic; same-topic events of another shape are all kept. */
export function eventIndex(abis: readonly InterfaceAbi[] = []): EventIndex {
  if (abis.length === 0) return standardIndex;
  return addEvents(new Map([...standardIndex].map(([topic, list]) => [topic, [...list]])), abis);
}

const interfaces = new WeakMap<EventFragment, Interface>();
const interfaceOf = (fragment: EventFragment) => interfaces.get(fragment) ?? interfaces.set(fragment, new Interface([fragment])).get(fragment)!;

export interface DecodedLog {
  address: string;
  /** The event's name, or null when no known ABI declares a matching event. */
  name: string | null;
  signature: string | null;
  /** Arguments by name (or position), JSON-safe: numbers as decimal strings. */
  args: Record<string, string> | null;
  topics: string[];
  data: string;
}

const show = (value: unknown): string => (typeof value === 'bigint' ? value.toString() : Array.isArray(value) ? `[${value.map(show).join(', ')}]` : String(value));

export function decodeLog(log: CallLog, index: EventIndex): DecodedLog {
  const base = { address: checksumAddress(log.address), topics: log.topics, data: log.data };
  for (const fragment of index.get(log.topics[0]?.toLowerCase() ?? '') ?? []) {
    try {
      const parsed = interfaceOf(fragment).decodeEventLog(fragment, log.data, log.topics);
      const args = Object.fromEntries(fragment.inputs.map((input, i) => [input.name || String(i), show(parsed[i])]));
      return { ...base, name: fragment.name, signature: fragment.format('sighash'), args };
    } catch {
      // An event of the same name and types but other indexing (ERC-20 vs ERC-721 Transfer): try the next.
    }
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
  return found.sort((a, b) => a.order - b.order).map(({ log }) => decodeLog(log, index));
}
