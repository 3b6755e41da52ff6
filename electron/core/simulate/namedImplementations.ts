import { AbiCoder } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import { hexBytes } from '../primitives/hexBytes.js';
import { decodeMultiSendCalls } from '../decode/multiSendDecoding.js';
import { IMPLEMENTATION_ARG_BY_SELECTOR } from '../decode/upgradeFunctions.js';
import type { SafeTx } from '../safe/safeTx.js';

const MULTI_SEND_SELECTOR = '0x8d80ff0a';
const coder = AbiCoder.defaultAbiCoder();
/** Enough for any real batch of upgrades; past it the review simply asks after the simulation. */
const MAX_NAMED = 8;
const MAX_BATCH_CALLS = 64;
/** Any upgrade selector anywhere in the calldata, in either case: one pass over it, no lower-cased copy. */
const ANY_UPGRADE_SELECTOR = new RegExp(
  [...IMPLEMENTATION_ARG_BY_SELECTOR.keys()].map((selector) => selector.slice(2)).join('|'),
  'i',
);

/** An implementation an upgrade call names, and how it is upgraded to. */
export interface NamedImplementation {
  address: string;
  /**
   * Named to the proxy itself (upgradeTo, upgradeToAndCall): a UUPS upgrade, where the old implementation's
   * code asks the new one proxiableUUID() and the trace shows its answer. Through a ProxyAdmin nobody asks.
   */
  toProxy: boolean;
}

/** The implementation an upgrade call names, when its calldata is one. */
function namedBy(data: string): NamedImplementation | null {
  const index = IMPLEMENTATION_ARG_BY_SELECTOR.get(data.slice(0, 10).toLowerCase());
  if (index === undefined) return null;
  const word = data.slice(10 + 64 * index, 10 + 64 * (index + 1));
  return /^0{24}[0-9a-fA-F]{40}$/.test(word)
    ? { address: checksumAddress(`0x${word.slice(24)}`), toProxy: index === 0 }
    : null;
}

/** The packed calls of a multiSend(bytes), or none when the calldata is not one or does not decode. */
function batchCalls(data: string): Array<{ to: string; data: string }> {
  if (data.slice(0, 10).toLowerCase() !== MULTI_SEND_SELECTOR) return [];
  try {
    // One bytes value: a single offset and length, nothing for hostile offsets to alias.
    const [packed] = coder.decode(['bytes'], hexBytes(`0x${data.slice(10)}`)) as unknown as [string];
    return decodeMultiSendCalls(packed, MAX_BATCH_CALLS).calls;
  } catch {
    return [];
  }
}

/**
 * The implementation addresses the transaction's upgrade calls name, read from its calldata before anything is
 * decoded: the call itself and the calls of a batch. Only hints, for reads asked in the simulation's own round
 * trip; the decoded transaction and the state diff decide what is judged, and an address missed here is read
 * after the simulation instead.
 */
export function namedImplementations(tx: Pick<SafeTx, 'data'>): NamedImplementation[] {
  // Most transactions name no upgrade at all: a batch is unpacked only when an upgrade selector is in it.
  if (!ANY_UPGRADE_SELECTOR.test(tx.data)) return [];
  const named = new Map<string, NamedImplementation>();
  for (const call of [{ data: tx.data }, ...batchCalls(tx.data)]) {
    const found = namedBy(call.data);
    // Named through a ProxyAdmin anywhere: no trace is sure to show its answer, so it is asked.
    if (found)
      named.set(found.address, {
        address: found.address,
        toProxy: found.toProxy && (named.get(found.address)?.toProxy ?? true),
      });
  }
  return [...named.values()].slice(0, MAX_NAMED);
}

/**
 * The proxies the transaction's upgrade calls upgrade: the call's target for a UUPS upgrade, the first argument
 * through a ProxyAdmin. Hints as namedImplementations' are: a call to each, asked with the simulation, reads the
 * proxy's code and its current implementation's, which the getter comparison needs after it.
 */
export function upgradedProxies(tx: Pick<SafeTx, 'to' | 'data'>): string[] {
  if (!ANY_UPGRADE_SELECTOR.test(tx.data)) return [];
  const proxies = new Set<string>();
  for (const call of [{ to: tx.to, data: tx.data }, ...batchCalls(tx.data)]) {
    const found = namedBy(call.data);
    if (!found) continue;
    const first = call.data.slice(10, 74);
    if (found.toProxy) proxies.add(checksumAddress(call.to));
    else if (/^0{24}[0-9a-fA-F]{40}$/.test(first)) proxies.add(checksumAddress(`0x${first.slice(24)}`));
  }
  return [...proxies].slice(0, MAX_NAMED);
}

/**
 * Each proxy the transaction's upgrade calls upgrade, with the implementation it is upgraded to: what the state
 * after the upgrade is predicted to hold in its ERC-1967 slot. Hints as the others are (getterGuesses.ts).
 */
export function predictedUpgrades(tx: Pick<SafeTx, 'to' | 'data'>): Array<{ proxy: string; implementation: string }> {
  if (!ANY_UPGRADE_SELECTOR.test(tx.data)) return [];
  const upgrades = new Map<string, string>();
  for (const call of [{ to: tx.to, data: tx.data }, ...batchCalls(tx.data)]) {
    const found = namedBy(call.data);
    if (!found) continue;
    const first = call.data.slice(10, 74);
    const proxy = found.toProxy
      ? checksumAddress(call.to)
      : /^0{24}[0-9a-fA-F]{40}$/.test(first)
        ? checksumAddress(`0x${first.slice(24)}`)
        : null;
    if (proxy) upgrades.set(proxy, found.address);
  }
  return [...upgrades].slice(0, MAX_NAMED).map(([proxy, implementation]) => ({ proxy, implementation }));
}
