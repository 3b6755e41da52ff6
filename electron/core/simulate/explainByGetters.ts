import { checksumAddress } from '../primitives/checksumAddress.js';
import { id } from 'ethers';
import type { ContractDiff, DelayChange, LayoutClash, RiskDiff } from '../primitives/riskDiffTypes.js';
import {
  answerType,
  codeHolder,
  codeHolds,
  contractGetters,
  meaningName,
  readAnswer,
  type Getter,
  type GetterSources,
} from './contractGetters.js';
import type { StateView } from '../primitives/simulationTypes.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import { rememberGetters } from './getterGuesses.js';
import { isPauseFlag } from '../risk/pauseFlags.js';
import { beaconProxyReadings, type BeaconUpgrade } from './beaconProxies.js';

/** Calls spent attributing one contract's packed writes, at most: each is one eth_call on the fork. */
export const MAX_PROBES = 64;

/** Getters a guardian knows by meaning: the same words the diff uses for the slots it reads itself. */
const MEANINGS: Record<string, string> = {
  owner: 'owner',
  admin: 'admin',
  pendingOwner: 'pending owner',
  paused: 'paused',
  getACLAdmin: 'ACL admin',
  pendingAdmin: 'pending admin',
  defaultAdmin: 'default admin',
};

/**
 * Getters that answer who controls the contract or whether it runs: one of them reading another value after an
 * upgrade is control handed to whatever that slot holds.
 */
const CONTROL =
  /^(owner|pendingOwner|admin|pendingAdmin|paused|guardian|governance|governor|pauser|emergencyAdmin|getOwner|getAdmin|getACLAdmin|aclAdmin|defaultAdmin)$/i;

/**
 * An address getter that names who holds a contract's control (owner(), getACLAdmin(), defaultAdmin(),
 * governance(), pendingAdmin()...): its answer changing is control handed over, whatever the contract calls
 * it, and the new holder is judged as any owner is.
 */
const HOLDER = /(owner|admin|governance|governor|guardian|pauser)$/i;
const holdsControl = (getter: Getter) => answerType(getter) === 'address' && HOLDER.test(meaningName(getter));

/** Compound's Timelock (and Uniswap's, and every fork's): the function that tells its `delay()` is a timelock's. */
const COMPOUND_QUEUE = id('queueTransaction(address,uint256,string,bytes,uint256)').slice(0, 10);

/**
 * A timelock's delay read by its own getter: OpenZeppelin's getMinDelay(), or delay() where the code is a
 * Compound-style timelock's. Compound's announces NewDelay(uint256), not MinDelayChange, and the delay is all the
 * time anyone has to see and cancel a proposal, so it is judged as any delay change is (TIMELOCK_DELAY_*).
 */
function delayChangesRead(
  contract: ContractDiff,
  changed: readonly Reading[],
  codes: readonly string[],
  diff: RiskDiff,
): DelayChange[] {
  if (diff.delayChanges.some((d) => d.contract.toLowerCase() === contract.address.toLowerCase())) return [];
  return changed
    .filter(
      (r) =>
        !r.getter.keyed &&
        r.before !== null &&
        r.after !== null &&
        /^uint\d*$/.test(answerType(r.getter)) &&
        (r.getter.name === 'getMinDelay' ||
          (r.getter.name === 'delay' && codes.some((code) => code !== '' && codeHolds(code, COMPOUND_QUEUE)))),
    )
    .slice(0, 1)
    .map((r) => ({ contract: contract.address, before: BigInt(r.before!), after: BigInt(r.after!) }));
}

/** Getters an upgrade means to change, or that answer a constant of the code: not the old state read anew. */
const OF_THE_CODE = /^(version|VERSION|UPGRADE_INTERFACE_VERSION|proxiableUUID|implementation|getImplementation)$/;

const word = (hex: string) => `0x${hex.replace(/^0x/, '').padStart(64, '0')}`.toLowerCase();
const addressIn = (w: string) => (BigInt(w) === 0n ? null : checksumAddress(`0x${w.slice(-40)}`));

/**
 * Addresses and words the transaction's events name, this contract's own first: the keys of mapping entries it
 * may have written. Another contract's events count too: Aave's PoolConfigurator announces ReserveFrozen(asset)
 * for the configuration the Pool keeps under that asset.
 */
function eventKeys(diff: RiskDiff, address: string): string[] {
  const keys = new Set<string>();
  const own = (l: RiskDiff['events'][number]) => l.address.toLowerCase() === address.toLowerCase();
  const add = (w: string) => {
    keys.add(w.toLowerCase());
    if (/^0x0{24}[0-9a-f]{40}$/i.test(w)) keys.add(`0x${w.slice(26)}`.toLowerCase());
  };
  for (const e of diff.events.filter(own)) {
    e.topics.slice(1).forEach(add);
    // GovernorAlpha indexes nothing: VoteCast(voter, proposalId, …) and ProposalQueued(id, eta) say their keys
    // in the data. Only the contract's own events: another's data words would crowd out its topics.
    dataWords(e.data).forEach(add);
  }
  for (const e of diff.events.filter((l) => !own(l))) e.topics.slice(1).forEach(add);
  return [...keys].slice(0, 8);
}

/** The first words of an event's data, each as a key may be: a number, a padded address. */
function dataWords(data: string): string[] {
  const hex = data.replace(/^0x/, '');
  return Array.from(
    { length: Math.min(Math.floor(hex.length / 64), 4) },
    (_, i) => `0x${hex.slice(i * 64, i * 64 + 64)}`,
  );
}

/** An event's word that holds an account: 20 bytes, padded, and too large to be a count, an id or an amount. */
const accountIn = (w: string) =>
  /^0x0{24}[0-9a-f]{40}$/i.test(w) && BigInt(w) >> 128n !== 0n ? `0x${w.slice(26)}` : null;

/**
 * Each number and account one of the contract's own events names together: the entries a getter keyed by both
 * reads (GovernorAlpha's getReceipt(proposalId, voter), from VoteCast(voter, proposalId, support, votes)).
 */
function numberAccountPairs(diff: RiskDiff, address: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const e of diff.events.filter((l) => l.address.toLowerCase() === address.toLowerCase())) {
    const words = [...e.topics.slice(1), ...dataWords(e.data)].map((w) => w.toLowerCase());
    const accounts = words.map(accountIn).filter((a): a is string => a !== null);
    for (const account of accounts)
      for (const w of words) if (accountIn(w) === null) pairs.push([w, account.toLowerCase()]);
  }
  return pairs.slice(0, 8);
}

/** The role and account of each role granted or revoked here: the entries hasRole(role, account) reads. */
function rolePairs(diff: RiskDiff, address: string): Array<[string, string]> {
  return diff.roleChanges
    .filter((r) => r.contract.toLowerCase() === address.toLowerCase())
    .map((r): [string, string] => [r.role, r.account])
    .slice(0, 8);
}

interface Reading {
  getter: Getter;
  before: string | null;
  after: string | null;
  /** After an upgrade, for the old implementation's getters: the new storage read by the old code. */
  oldCodeAfter?: string | null;
}

/** The byte positions (0 = leftmost of the word) where two words differ. */
function changedBytes(before: string, after: string): number[] {
  const b = word(before).slice(2);
  const a = word(after).slice(2);
  const positions: number[] = [];
  for (let i = 0; i < 32; i++) if (b.slice(i * 2, i * 2 + 2) !== a.slice(i * 2, i * 2 + 2)) positions.push(i);
  return positions;
}

/** `after` with the bytes at `positions` put back as they were `before`. */
function revertBytes(before: string, after: string, positions: readonly number[]): string {
  const b = word(before).slice(2);
  const a = word(after).slice(2).split('');
  for (const i of positions) [a[i * 2], a[i * 2 + 1]] = [b[i * 2]!, b[i * 2 + 1]!];
  return `0x${a.join('')}`;
}

/** How many bytes a value of this type takes packed in storage, and how its answer reads as an integer there. */
function packedWidth(type: string): number | null {
  if (type === 'address') return 20;
  if (type === 'bool') return 1;
  const uint = /^uint(\d+)$/.exec(type);
  return uint ? Number(uint[1]) / 8 : null;
}

const asInteger = (type: string, answer: string): bigint =>
  type === 'bool' ? (answer === 'true' ? 1n : 0n) : BigInt(answer);

/**
 * The bytes of the word where a getter's answers before and after both sit, as its type packs them: a packed
 * variable is found by its value, where probing byte by byte would spend one call per byte (an address: 20).
 * Every place that fits is returned, from the rightmost; the caller confirms one by asking the getter.
 */
function placesOf(r: Reading, before: string, after: string): number[][] {
  const type = answerType(r.getter);
  const width = packedWidth(type);
  if (width === null || r.before === null || r.after === null) return [];
  const [vb, va] = [asInteger(type, r.before), asInteger(type, r.after)];
  const mask = (1n << BigInt(width * 8)) - 1n;
  const [wb, wa] = [BigInt(word(before)), BigInt(word(after))];
  const places: number[][] = [];
  for (let offset = 0; offset + width <= 32; offset++) {
    const shift = BigInt(offset * 8);
    if (((wb >> shift) & mask) === vb && ((wa >> shift) & mask) === va)
      places.push(Array.from({ length: width }, (_, k) => 31 - offset - k));
  }
  return places;
}

/** Bytes counted as Solidity's storage layout counts offsets: from the right of the word. */
function describeBytes(positions: readonly number[]): string {
  const offsets = positions.map((p) => 31 - p).sort((x, y) => x - y);
  return offsets.length === 1 ? `byte ${offsets[0]}` : `bytes ${offsets.join(', ')}`;
}

/**
 * Which getters read each changed byte of a slot. First by value: a getter whose answers before and after sit in
 * the word where its type packs them, confirmed by asking it with those bytes put back (it must answer as
 * before). Then byte by byte for the rest: the after-state with only that byte put back, asked again; a getter
 * whose answer flips back reads that byte. Bytes no getter reads stay unexplained.
 */
async function attribute(
  contract: ContractDiff,
  slot: ContractDiff['otherSlots'][number],
  candidates: readonly Reading[],
  after: StateView,
  budget: { left: number },
): Promise<{ readers: Set<Getter>; unread: number[]; capped: boolean }> {
  const readers = new Set<Getter>();
  const unread: number[] = [];
  let capped = false;
  // The fields of one struct answer share a call: one probe asks it once.
  const ask = (positions: readonly number[]) => {
    const probe = { [contract.address]: { [slot.slot]: revertBytes(slot.before, slot.after, positions) } };
    const answers = new Map<string, Promise<string | null>>();
    return (r: Reading) => {
      if (!answers.has(r.getter.data))
        answers.set(r.getter.data, after.callWithStorage!(contract.address, r.getter.data, probe));
      return answers.get(r.getter.data)!.then((answer) => readAnswer(r.getter, answer));
    };
  };
  const changed = new Set(changedBytes(slot.before, slot.after));
  const read = new Set<number>();
  // Each getter's places that hold a changed byte, the likeliest first; all getters confirmed in one round trip.
  let pending = after.callWithStorage
    ? candidates.map((r) => ({
        r,
        places: placesOf(r, slot.before, slot.after).filter((p) => p.some((i) => changed.has(i))),
      }))
    : [];
  while ((pending = pending.filter((c) => c.places.length > 0)).length > 0 && budget.left >= pending.length) {
    budget.left -= pending.length;
    const tried = pending.map((c) => ({ ...c, place: c.places.shift()! }));
    const answers = await Promise.all(tried.map(({ r, place }) => ask(place)(r)));
    tried.forEach(({ r, place }, k) => {
      if (answers[k] !== r.before) return;
      readers.add(r.getter);
      for (const i of place) read.add(i);
      pending = pending.filter((c) => c.r !== r);
    });
  }
  for (const i of [...changed].filter((b) => !read.has(b))) {
    if (budget.left < candidates.length || !after.callWithStorage) {
      capped = capped || budget.left < candidates.length;
      unread.push(i);
      continue;
    }
    budget.left -= candidates.length;
    const asked = ask([i]);
    const answers = await Promise.all(candidates.map(asked));
    const flipped = candidates.filter((r, k) => answers[k] !== r.after);
    for (const r of flipped) readers.add(r.getter);
    if (flipped.length === 0) unread.push(i);
  }
  return { readers, unread, capped };
}

async function explainContract(
  contract: ContractDiff,
  views: { before: StateView; after: StateView },
  sources: GetterSources,
  diff: RiskDiff,
): Promise<void> {
  const { before, after } = views;
  const implementationChange = contract.changes.find((c) => c.what === 'implementation');
  const [implBefore, implAfter] = await Promise.all([
    before.storage(contract.address, EIP1967.implementation),
    after.storage(contract.address, EIP1967.implementation),
  ]).then((w) => w.map(addressIn));
  const owners = [contract.address, ...[implBefore, implAfter].filter((a): a is string => a !== null)];
  const [ownCode, oldCode, newCode] = await Promise.all([
    before.code(contract.address),
    implBefore ? before.code(implBefore) : '',
    implAfter ? after.code(implAfter) : '',
  ]);
  const { getters, capped } = contractGetters(
    owners,
    [ownCode, oldCode, newCode],
    sources,
    eventKeys(diff, contract.address),
    [...rolePairs(diff, contract.address), ...numberAccountPairs(diff, contract.address)],
  );
  // The next review of an upgrade of this proxy asks them with its simulation (getterGuesses).
  if (implementationChange)
    rememberGetters(
      contract.address,
      getters.map((g) => g.data),
    );
  if (getters.length === 0) {
    for (const slot of contract.otherSlots.filter((o) => !o.variable && !o.label))
      slot.unexplained = `${describeBytes(changedBytes(slot.before, slot.after))} of the word changed, and the contract's code answers no getter the console knows`;
    return;
  }
  // The old code's reading of the new storage is asked with the rest: one round trip, not two.
  const oldCodeOverride =
    implementationChange && implBefore && after.callWithStorage
      ? { [contract.address]: { [EIP1967.implementation]: word(implBefore) } }
      : null;
  // The fields of one struct answer share their call to the old code, as before.call and after.call share theirs.
  const oldCodeAnswers = new Map<string, Promise<string | null>>();
  const askOldCode = (data: string) => {
    if (!oldCodeAnswers.has(data))
      oldCodeAnswers.set(data, after.callWithStorage!(contract.address, data, oldCodeOverride!));
    return oldCodeAnswers.get(data)!;
  };
  const oldCodeHolds = codeHolder(oldCode);
  const readings: Reading[] = await Promise.all(
    getters.map(async (getter) => {
      const askOld = oldCodeOverride && !getter.keyed && oldCodeHolds(getter.selector);
      const [b, a, o] = await Promise.all([
        before.call(contract.address, getter.data),
        after.call(contract.address, getter.data),
        askOld ? askOldCode(getter.data) : undefined,
      ]);
      return {
        getter,
        before: readAnswer(getter, b),
        after: readAnswer(getter, a),
        ...(askOld ? { oldCodeAfter: readAnswer(getter, o ?? null) } : {}),
      };
    }),
  );
  const clashes = layoutClashes(contract, readings);
  diff.layoutClashes.push(...clashes);
  const clashed = new Set(clashes.map((c) => c.getter));
  const changed = readings.filter((r) => r.before !== r.after && !clashed.has(r.getter.label));
  for (const r of changed.filter((c) => !c.getter.keyed && c.before !== null && c.after !== null)) {
    const what = MEANINGS[meaningName(r.getter)] ?? r.getter.label;
    if (!contract.changes.some((c) => c.what === what))
      contract.changes.push({
        what,
        before: r.before!,
        after: r.after!,
        ...(holdsControl(r.getter) ? { control: true } : {}),
      });
  }
  // A keyed flag that pauses (AccessManager's isTargetClosed(target)) is a pause of what it is keyed by: said as one.
  for (const r of changed.filter((c) => c.getter.keyed && isPauseFlag(c.getter.label) && c.before && c.after))
    if (!contract.changes.some((c) => c.what === r.getter.label))
      contract.changes.push({ what: r.getter.label, before: r.before!, after: r.after! });
  diff.delayChanges.push(...delayChangesRead(contract, changed, [ownCode, oldCode, newCode], diff));
  const budget = { left: MAX_PROBES };
  const kept: ContractDiff['otherSlots'] = [];
  for (const slot of contract.otherSlots) {
    if (slot.variable || slot.label) {
      kept.push(slot);
      continue;
    }
    const {
      readers,
      unread,
      capped: probesCapped,
    } = changed.length > 0
      ? await attribute(contract, slot, changed, after, budget)
      : { readers: new Set<Getter>(), unread: changedBytes(slot.before, slot.after), capped: false };
    const keyed = [...readers].filter((g) => g.keyed).map((g) => g.label);
    const readBy = [...readers].map((g) => g.label);
    if (unread.length === 0 && keyed.length === 0) continue;
    if (keyed.length > 0) slot.variable = keyed.join(', ');
    if (unread.length > 0) {
      slot.unexplained = `${describeBytes(unread)} of the word changed and no getter the console could ask reads ${unread.length === 1 ? 'it' : 'them'}${readBy.length > 0 ? ` (the other bytes are read by ${readBy.join(', ')})` : ''}${probesCapped || capped ? '; the console stopped at its limit of getters or probes, so some were not asked' : ''}`;
    }
    kept.push(slot);
  }
  contract.otherSlots = kept;
  // What the getters do know, for the unexplained write the findings will report; nothing to say otherwise.
  if (kept.some((slot) => slot.unexplained !== undefined))
    contract.unchangedGetters = readings
      .filter((r) => r.before === r.after && r.before !== null)
      .map((r) => r.getter.label);
}

/**
 * The old implementation's getters, asked of the state after the upgrade twice: with the new code, and with
 * the old code put back. The same storage read two ways must answer the same; where it does not, the new
 * code reads the old variables from other places (a storage layout clash), whatever the upgrade set.
 */
function layoutClashes(contract: ContractDiff, readings: readonly Reading[]): LayoutClash[] {
  return readings.flatMap((r) => {
    if (r.oldCodeAfter === undefined || r.oldCodeAfter === null || r.after === null || r.oldCodeAfter === r.after)
      return [];
    if (r.getter.fragment.stateMutability === 'pure' || OF_THE_CODE.test(meaningName(r.getter))) return [];
    return [
      {
        contract: contract.address,
        label: contract.label,
        getter: r.getter.label,
        oldCodeReads: r.oldCodeAfter,
        newCodeReads: r.after,
        control: CONTROL.test(meaningName(r.getter)),
      },
    ];
  });
}

/**
 * Explains changed slots by the contract's own view functions: every getter any ABI the console has declares
 * (registered, artifacts, known conventions; a proxy's implementations' too), read before and after. Changed
 * getters become changes (`paused: false → true`); a packed write is attributed byte by byte (attribute);
 * what no getter reads stays in `otherSlots`, saying so. An upgraded proxy's old getters prove its layout kept.
 */
export async function explainByGetters(
  diff: RiskDiff,
  views: { before: StateView; after: StateView },
  safe: string,
  sources: GetterSources,
): Promise<void> {
  const explained = diff.contracts.filter(
    (c) =>
      c.address.toLowerCase() !== safe.toLowerCase() &&
      (c.otherSlots.some((s) => !s.variable && !s.label) || c.changes.some((ch) => ch.what === 'implementation')),
  );
  // The getters explain a beacon's slot away (implementation() reads it): which slot it was is kept from before.
  const slotsBefore = new Map(explained.map((c) => [c, [...c.otherSlots]]));
  await Promise.all(explained.map((c) => explainContract(c, views, sources, diff)));
  const upgrades = explained.flatMap((c) => beaconUpgradeOf(c, slotsBefore.get(c)!));
  for (const found of await Promise.all(upgrades.map((u) => beaconProxyReadings(views, u, sources))))
    for (const { proxy, readings } of found) {
      if (diff.contracts.some((c) => c.address === proxy.address)) continue;
      diff.contracts.push(proxy);
      diff.layoutClashes.push(...layoutClashes(proxy, readings));
    }
}

/**
 * An implementation a contract's own getter names, changed in one of its own slots rather than the ERC-1967 one:
 * a beacon (OpenZeppelin's UpgradeableBeacon keeps it in a plain variable), whose proxies all run the new code.
 */
function beaconUpgradeOf(contract: ContractDiff, slots: ContractDiff['otherSlots']): BeaconUpgrade[] {
  const change = contract.changes.find((c) => c.what === 'implementation');
  if (!change) return [];
  const slot = slots.find(
    (s) =>
      addressIn(word(s.before))?.toLowerCase() === change.before.toLowerCase() &&
      addressIn(word(s.after))?.toLowerCase() === change.after.toLowerCase(),
  );
  if (!slot) return [];
  return [
    {
      beacon: contract.address,
      slot: slot.slot,
      wordBefore: word(slot.before),
      implementationBefore: change.before,
      implementationAfter: change.after,
    },
  ];
}
