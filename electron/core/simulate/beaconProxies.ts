import { checksumAddress } from '../primitives/checksumAddress.js';
import type { ContractDiff } from '../primitives/riskDiffTypes.js';
import type { StateView } from '../primitives/simulationTypes.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import { throughBeacon } from '../risk/simulationFindings.js';
import { codeHolder, contractGetters, readAnswer, type Getter, type GetterSources } from './contractGetters.js';

/** Contracts the console knows whose beacon slot it reads for one beacon upgrade, at most: one word each. */
export const MAX_KNOWN_CONTRACTS = 64;

/** A contract whose own storage names the implementation others run: OpenZeppelin's UpgradeableBeacon. */
export interface BeaconUpgrade {
  beacon: string;
  /** The beacon's slot that holds the implementation, and its word before the transaction. */
  slot: string;
  wordBefore: string;
  implementationBefore: string;
  implementationAfter: string;
}

export interface ProxyReadings {
  proxy: ContractDiff;
  readings: Array<{ getter: Getter; before: string | null; after: string | null; oldCodeAfter?: string | null }>;
}

const addressIn = (word: string) => (BigInt(word) === 0n ? null : checksumAddress(`0x${word.slice(-40)}`));

/**
 * The proxies behind an upgraded beacon, and their getters read three ways: before, after with the new code, and
 * after with the beacon's old word put back (the old code on the same storage), for the layout comparison.
 *
 * A beacon does not list its proxies, so they are looked for among the contracts the guardian registered an ABI
 * for (the Safe's watched contracts): each whose ERC-1967 beacon slot names this beacon. The chain's
 * BeaconUpgraded logs would find every proxy ever deployed, but a log search over all of history is what public
 * RPCs refuse or cap, and a pinned fork need not serve it; a proxy the console does not know is said to be
 * possible instead, in the finding.
 */
export async function beaconProxyReadings(
  views: { before: StateView; after: StateView },
  upgrade: BeaconUpgrade,
  sources: GetterSources,
): Promise<ProxyReadings[]> {
  const { before, after } = views;
  const beacon = upgrade.beacon.toLowerCase();
  const names = new Map<string, string>();
  for (const r of sources.registered)
    if (!names.has(r.address.toLowerCase())) names.set(r.address.toLowerCase(), r.name ?? '');
  const known = [...names.keys()].filter((a) => a !== beacon).slice(0, MAX_KNOWN_CONTRACTS);
  const beacons = await Promise.all(known.map((a) => before.storage(a, EIP1967.beacon)));
  const proxies = known.filter((_, i) => addressIn(beacons[i]!)?.toLowerCase() === beacon);
  if (proxies.length === 0) return [];
  const [oldCode, newCode] = await Promise.all([
    before.code(upgrade.implementationBefore),
    after.code(upgrade.implementationAfter),
  ]);
  const oldCodeHolds = codeHolder(oldCode);
  const oldCodeBack = { [upgrade.beacon]: { [upgrade.slot]: upgrade.wordBefore } };
  return Promise.all(
    proxies.map(async (proxy) => {
      const address = checksumAddress(proxy);
      const { getters } = contractGetters(
        [proxy, upgrade.implementationBefore, upgrade.implementationAfter],
        [await before.code(proxy), oldCode, newCode],
        sources,
        [],
      );
      const readings = await Promise.all(
        getters
          .filter((g) => !g.keyed)
          .map(async (getter) => {
            const askOld = after.callWithStorage !== undefined && oldCodeHolds(getter.selector);
            const [b, a, o] = await Promise.all([
              before.call(proxy, getter.data),
              after.call(proxy, getter.data),
              askOld ? after.callWithStorage!(proxy, getter.data, oldCodeBack) : undefined,
            ]);
            return {
              getter,
              before: readAnswer(getter, b),
              after: readAnswer(getter, a),
              ...(askOld ? { oldCodeAfter: readAnswer(getter, o ?? null) } : {}),
            };
          }),
      );
      const proxyDiff: ContractDiff = {
        address,
        label: names.get(proxy) || address,
        changes: [
          {
            what: throughBeacon(upgrade.beacon),
            before: upgrade.implementationBefore,
            after: upgrade.implementationAfter,
          },
        ],
        otherSlots: [],
      };
      return { proxy: proxyDiff, readings };
    }),
  );
}
