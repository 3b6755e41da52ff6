import { dataSlice, Interface, ZeroAddress } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { AddressBook } from '../decode/addressBook.js';
import { eventRole } from '../decode/roleNames.js';
import { emittedLogs, type EventIndex } from './logDecoding.js';
import { displaySafeConfigValue, safeConfigBeforeAndAfter } from './safeConfigView.js';
import { labelSlot } from '../primitives/storageSlots.js';
import { ownerApprovals, type OwnerApproval } from './ownerApprovals.js';
import type { SimulationResult, StateView, DecodedLog } from '../primitives/simulationTypes.js';
import type { Change, ContractDiff, RiskDiff, RoleChange, TokenMovement } from '../primitives/riskDiffTypes.js';

const balanceOf = new Interface(['function balanceOf(address) view returns (uint256)']);
/** The address in a 32-byte word (a slot, a topic): its last 20 bytes. */
const asAddress = (w: string) => checksumAddress(w.length === 66 ? `0x${w.slice(26)}` : dataSlice(w, 12));

/** How a labelled slot reads as a guardian's fact; labels without a reading stay as slots. */
const READINGS: Record<string, { what: string; read: (word: string) => string }> = {
  'ERC-1967 implementation': { what: 'implementation', read: asAddress },
  'ERC-1967 admin': { what: 'admin', read: asAddress },
  'ERC-1967 beacon': { what: 'beacon', read: asAddress },
  // Pausable's namespace holds one bool in its lowest byte.
  'OpenZeppelin Pausable (ERC-7201)': { what: 'paused', read: (w) => String((BigInt(w) & 0xffn) !== 0n) },
  'OpenZeppelin Ownable (ERC-7201)': { what: 'owner', read: asAddress },
  'OpenZeppelin Ownable2Step (ERC-7201)': { what: 'pending owner', read: asAddress },
  // Safe 1.5.0's guard of module transactions: a slot of its own, outside the configuration every Safe has.
  'Safe module guard': { what: 'Safe module guard', read: asAddress },
};

async function contractDiff(
  address: string,
  isSafe: boolean,
  sim: SimulationResult,
  before: StateView,
  after: StateView,
  book: AddressBook,
  approvals: ReadonlyArray<OwnerApproval & { by: string }>,
): Promise<ContractDiff | null> {
  const key = Object.keys({ ...sim.diff.pre, ...sim.diff.post }).find((a) => a.toLowerCase() === address) ?? address;
  const slots = new Set([
    ...Object.keys(sim.diff.pre[key]?.storage ?? {}),
    ...Object.keys(sim.diff.post[key]?.storage ?? {}),
  ]);
  const changes: Change[] = [];
  const otherSlots: ContractDiff['otherSlots'] = [];
  for (const slot of slots) {
    const [b, a] = await Promise.all([before.storage(address, slot), after.storage(address, slot)]);
    if (BigInt(b) === BigInt(a)) continue;
    const label = labelSlot(slot, isSafe);
    const reading = label ? READINGS[label] : undefined;
    const approval = approvals.find(
      (p) => p.safe.toLowerCase() === address && p.slot === slot.toLowerCase() && BigInt(a) === 1n,
    );
    // A nested approval: the owner Safe's approveHash writes approvedHashes[owner][outer safeTxHash] here.
    if (approval && !isSafe)
      changes.push({
        what: `approval by ${book.label(approval.owner)}`,
        before: 'not approved',
        after: `approves outer safeTxHash ${approval.hash} for ${approval.by}`,
      });
    else if (reading) changes.push({ what: reading.what, before: reading.read(b), after: reading.read(a) });
    // The Safe's own slots are read below as its configuration; the nonce and approvals are bookkeeping.
    else if (!isSafe) otherSlots.push({ slot, before: b, after: a, ...(label ? { label } : {}) });
  }
  if (isSafe) {
    const sides = await safeConfigBeforeAndAfter(
      before,
      after,
      address,
      new Set([...slots].map((s) => s.toLowerCase())),
    );
    if (sides) {
      const [was, is] = sides;
      for (const what of Object.keys(was) as Array<keyof typeof was>)
        if (was[what] !== is[what])
          changes.push({ what, before: displaySafeConfigValue(was[what]), after: displaySafeConfigValue(is[what]) });
    }
  }
  if (changes.length === 0 && otherSlots.length === 0) return null;
  return { address: checksumAddress(address), label: book.label(address), changes, otherSlots };
}

async function tokenMovements(
  events: readonly DecodedLog[],
  before: StateView,
  after: StateView,
): Promise<TokenMovement[]> {
  const pairs = new Map<string, { token: string; holder: string }>();
  for (const e of events) {
    // ERC-20 Transfer only: three topics and the amount in data (ERC-721 indexes its token id).
    if (e.name !== 'Transfer' || e.topics.length !== 3) continue;
    for (const topic of [e.topics[1]!, e.topics[2]!]) {
      const holder = asAddress(topic);
      if (holder !== ZeroAddress) pairs.set(`${e.address}:${holder}`, { token: e.address, holder });
    }
  }
  const read = await Promise.all(
    [...pairs.values()].map(async ({ token, holder }) => {
      const data = balanceOf.encodeFunctionData('balanceOf', [holder]);
      const [b, a] = await Promise.all([before.call(token, data), after.call(token, data)]);
      return b && a && b !== '0x' && a !== '0x' && BigInt(b) !== BigInt(a)
        ? [{ token, holder, before: BigInt(b), after: BigInt(a) }]
        : [];
    }),
  );
  return read.flat();
}

function roleChanges(events: readonly DecodedLog[]): RoleChange[] {
  return events
    .filter((e) => (e.name === 'RoleGranted' || e.name === 'RoleRevoked') && e.args && e.args['account'])
    .flatMap((e) => {
      const role = eventRole(e.args!);
      if (!role) return [];
      return [
        {
          contract: e.address,
          ...role,
          account: checksumAddress(e.args!['account']!),
          granted: e.name === 'RoleGranted',
        },
      ];
    });
}

/**
 * Before and after, for what guardians care about: the Safe's owners, threshold, modules, singleton, guard and
 * fallback handler (walked from its storage); every proxy's implementation, admin and beacon; paused and owner
 * in OpenZeppelin's namespaces; roles granted and revoked; timelock delays; token and native balances that
 * moved; and the events emitted, decoded with `events`.
 */
export async function riskDiff(
  views: { before: StateView; after: StateView },
  sim: SimulationResult,
  safe: string,
  book: AddressBook,
  events: EventIndex,
): Promise<RiskDiff> {
  const { before, after } = views;
  const touched = new Set(
    [...Object.keys(sim.diff.pre), ...Object.keys(sim.diff.post), safe].map((a) => a.toLowerCase()),
  );
  const approvals = (await ownerApprovals(sim.callTree, before)).map((p) => ({
    ...p,
    by: `${p.owner.toLowerCase() === safe.toLowerCase() ? 'owner Safe' : 'owner'} ${p.owner}`,
  }));
  const diffs = await Promise.all(
    [...touched].map((address) =>
      contractDiff(address, address === safe.toLowerCase(), sim, before, after, book, approvals),
    ),
  );
  const contracts = diffs.filter((d): d is ContractDiff => d !== null);
  const logs = emittedLogs(sim.callTree, events);
  const roles = roleChanges(logs);
  const contractEntry = (address: string): ContractDiff => {
    let entry = contracts.find((c) => c.address === checksumAddress(address));
    if (!entry)
      contracts.push(
        (entry = { address: checksumAddress(address), label: book.label(address), changes: [], otherSlots: [] }),
      );
    return entry;
  };
  for (const r of roles)
    contractEntry(r.contract).changes.push({
      what: `${r.roleName} of ${r.account}`,
      before: r.granted ? 'not held' : 'held',
      after: r.granted ? 'held' : 'not held',
    });
  const delays = logs
    .filter((l) => l.name === 'MinDelayChange' && l.args)
    .map((e) => ({
      contract: e.address,
      before: BigInt(e.args!['oldDuration']!),
      after: BigInt(e.args!['newDuration']!),
    }));
  for (const d of delays)
    contractEntry(d.contract).changes.push({ what: 'timelock delay', before: `${d.before} s`, after: `${d.after} s` });
  const nativeMovements = Object.entries(sim.diff.post)
    .filter(
      ([address, post]) =>
        post.balance !== undefined &&
        sim.diff.pre[address]?.balance !== undefined &&
        address.toLowerCase() !== sim.from.toLowerCase(),
    )
    .map(([address, post]) => ({
      address: checksumAddress(address),
      before: BigInt(sim.diff.pre[address]!.balance!),
      after: BigInt(post.balance!),
    }))
    .filter((m) => m.before !== m.after);
  return {
    contracts,
    tokenMovements: await tokenMovements(logs, before, after),
    nativeMovements,
    roleChanges: roles,
    delayChanges: delays,
    events: logs,
    layoutClashes: [],
  };
}
