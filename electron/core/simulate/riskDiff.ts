import { dataSlice, getAddress, Interface, ZeroAddress, type JsonRpcProvider } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { stateReaders, type StateReader } from './stateAfter.js';
import { labelSlot, OZ_NAMESPACES, SAFE_SLOTS, SENTINEL } from './storageSlots.js';
import type { CallFrame, SimulationResult } from './simulationTypes.js';

export interface Change {
  /** What changed, in a guardian's terms: "paused", "owner", "implementation", "Safe owners", ... */
  what: string;
  before: string;
  after: string;
}

export interface ContractDiff {
  address: string;
  label: string;
  changes: Change[];
  /** Other storage slots that changed; `variable` names them where the contract's storage layout is known. */
  otherSlots: Array<{ slot: string; before: string; after: string; variable?: string }>;
}

export interface TokenMovement {
  token: string;
  holder: string;
  before: bigint;
  after: bigint;
}

export interface RiskDiff {
  contracts: ContractDiff[];
  tokenMovements: TokenMovement[];
  nativeMovements: Array<{ address: string; before: bigint; after: bigint }>;
  events: Array<{ address: string; name: string | null; topics: string[]; data: string }>;
}

const getters = new Interface([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
  'function balanceOf(address) view returns (uint256)',
]);
const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

const asAddress = (word: string) => getAddress(dataSlice(word.length >= 66 ? word : `0x${word.slice(2).padStart(64, '0')}`, 12));
const wordOf = (value: string) => `0x${value.replace(/^0x/, '').padStart(64, '0')}`;

async function safeView(reader: StateReader, safe: string): Promise<Record<string, string>> {
  // A Safe whose singleton was replaced may answer nothing at all: that is shown, not thrown.
  const read = async (fn: 'getOwners' | 'getThreshold' | 'getModulesPaginated', args: unknown[], show: (r: ReturnType<Interface['decodeFunctionResult']>) => string) => {
    const raw = await reader.call(safe, getters.encodeFunctionData(fn, args));
    try {
      return raw && raw !== '0x' ? show(getters.decodeFunctionResult(fn, raw)) : '(no answer)';
    } catch {
      return '(no answer)';
    }
  };
  return {
    'Safe owners': await read('getOwners', [], (r) => (r[0] as string[]).join(', ')),
    'Safe threshold': await read('getThreshold', [], (r) => String(r[0])),
    'Safe modules': await read('getModulesPaginated', [SENTINEL, 50], (r) => (r[0] as string[]).join(', ') || '(none)'),
    'Safe singleton': asAddress(await reader.storage(safe, SAFE_SLOTS.singleton)),
    'Safe guard': asAddress(await reader.storage(safe, SAFE_SLOTS.guard)),
    'Safe fallback handler': asAddress(await reader.storage(safe, SAFE_SLOTS.fallbackHandler)),
  };
}

/** Logs in the order they were emitted: callTracer numbers each log with its index in the transaction. */
function collectLogs(frame: CallFrame, events: Interface | null): RiskDiff['events'] {
  const found: Array<{ index: number; log: NonNullable<CallFrame['logs']>[number] }> = [];
  const walk = (f: CallFrame) => {
    // A reverted frame's logs were never emitted.
    if (f.error) return;
    for (const log of f.logs ?? []) found.push({ index: Number(log.index ?? found.length), log });
    for (const child of f.calls ?? []) walk(child);
  };
  walk(frame);
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ log }) => {
      let name: string | null = null;
      try {
        name = events?.parseLog(log)?.name ?? null;
      } catch {
        name = null;
      }
      return { address: getAddress(log.address), name, topics: log.topics, data: log.data };
    });
}

/**
 * Before and after, for what guardians care about: the Safe's owners, threshold, modules, singleton, guard and
 * fallback handler; every proxy's implementation and admin; paused and owner in OpenZeppelin's namespaces;
 * token and native balances that moved; and the events emitted.
 */
export async function riskDiff(provider: JsonRpcProvider, sim: SimulationResult, safe: string, book: AddressBook, eventAbi?: Interface): Promise<RiskDiff> {
  const { before, after } = stateReaders(provider, sim);
  const contracts: ContractDiff[] = [];
  const touched = new Set([...Object.keys(sim.diff.pre), ...Object.keys(sim.diff.post)].map((a) => a.toLowerCase()));
  touched.add(safe.toLowerCase());
  for (const address of touched) {
    const isSafe = address === safe.toLowerCase();
    const pre = sim.diff.pre[address]?.storage ?? {};
    const post = sim.diff.post[address]?.storage ?? {};
    const slots = new Set([...Object.keys(pre), ...Object.keys(post)]);
    const changes: Change[] = [];
    const otherSlots: ContractDiff['otherSlots'] = [];
    for (const slot of slots) {
      const b = wordOf(pre[slot] ?? (await before.storage(address, slot)));
      const a = wordOf(post[slot] ?? '0x0');
      if (BigInt(b) === BigInt(a)) continue;
      const label = labelSlot(slot, isSafe);
      if (label === 'ERC-1967 implementation') changes.push({ what: 'implementation', before: asAddress(b), after: asAddress(a) });
      else if (label === 'ERC-1967 admin') changes.push({ what: 'admin', before: asAddress(b), after: asAddress(a) });
      else if (slot.toLowerCase() === OZ_NAMESPACES.Pausable.toLowerCase()) changes.push({ what: 'paused', before: String(BigInt(b) !== 0n), after: String(BigInt(a) !== 0n) });
      else if (slot.toLowerCase() === OZ_NAMESPACES.Ownable.toLowerCase()) changes.push({ what: 'owner', before: asAddress(b), after: asAddress(a) });
      else if (!isSafe) otherSlots.push({ slot, before: b, after: a });
    }
    if (isSafe) {
      const [viewBefore, viewAfter] = await Promise.all([safeView(before, safe), safeView(after, safe)]);
      for (const key of Object.keys(viewBefore)) if (viewBefore[key] !== viewAfter[key]) changes.push({ what: key, before: viewBefore[key]!, after: viewAfter[key]! });
    }
    if (changes.length > 0 || otherSlots.length > 0) contracts.push({ address: getAddress(address), label: book.label(address), changes, otherSlots });
  }

  const events = collectLogs(sim.callTree, eventAbi ?? null);
  const holders = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.topics[0] !== TRANSFER || e.topics.length !== 3) continue;
    const set = holders.get(e.address) ?? new Set<string>();
    set.add(asAddress(e.topics[1]!)).add(asAddress(e.topics[2]!));
    holders.set(e.address, set);
  }
  const tokenMovements: TokenMovement[] = [];
  for (const [token, set] of holders) {
    for (const holder of set) {
      if (holder === ZeroAddress) continue;
      const data = getters.encodeFunctionData('balanceOf', [holder]);
      const [b, a] = await Promise.all([before.call(token, data), after.call(token, data)]);
      if (b && a && BigInt(b) !== BigInt(a)) tokenMovements.push({ token, holder, before: BigInt(b), after: BigInt(a) });
    }
  }
  const nativeMovements = Object.entries(sim.diff.post)
    .filter(([address, post]) => post.balance !== undefined && sim.diff.pre[address]?.balance !== undefined && address.toLowerCase() !== sim.from.toLowerCase())
    .map(([address, post]) => ({ address: getAddress(address), before: BigInt(sim.diff.pre[address]!.balance!), after: BigInt(post.balance!) }))
    .filter((m) => m.before !== m.after);
  return { contracts, tokenMovements, nativeMovements, events };
}
