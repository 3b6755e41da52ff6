import { Interface, type JsonRpcProvider } from 'ethers';
import { AddressBook } from '../decode/addressBook.js';
import type { RiskDiff } from '../primitives/riskDiffTypes.js';
import type { StateView } from '../primitives/simulationTypes.js';
import { rpcClientFor } from '../simulate/batchingRpc.js';
import type { GetterSources } from '../simulate/contractGetters.js';
import { explainByGetters } from '../simulate/explainByGetters.js';
import { eventIndex } from '../simulate/logDecoding.js';
import type { Review } from '../simulate/reviewSafeTx.js';
import { riskDiff } from '../simulate/riskDiff.js';
import { stateViews } from '../simulate/stateView.js';
import { chainStateView } from './chainStateView.js';

/** One control value a review predicted the transaction changes: of which contract, what, from and to. */
export interface ControlValue {
  contract: string;
  /** The contract as the review named it: "Vault (0x1234…abcd)", or its checksummed address. */
  label: string;
  what: string;
  before: string;
  after: string;
}

/** The value as the chain holds it now, read as the review read it. */
export interface ReadBack extends ControlValue {
  reads: string;
}

export interface ControlPrediction {
  values: ControlValue[];
  readBack(): Promise<ReadBack[]>;
}

const reads = new Interface([
  'function hasRole(bytes32 role, address account) view returns (bool)',
  'function getMinDelay() view returns (uint256)',
]);

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Roles and timelock delays enter a review's diff from the events the simulation emitted, not from state: a
 * fresh diff would copy them from the same simulation. They are asked of the contract instead, by the getter
 * AccessControl and TimelockController answer them with.
 */
type EventReading = { role: string; account: string } | 'delay';

function eventReading(diff: RiskDiff, contract: string, what: string): EventReading | null {
  const role = diff.roleChanges.find((r) => same(r.contract, contract) && `${r.roleName} of ${r.account}` === what);
  if (role) return { role: role.role, account: role.account };
  return what === 'timelock delay' && diff.delayChanges.some((d) => same(d.contract, contract)) ? 'delay' : null;
}

async function readEvent(now: StateView, contract: string, reading: EventReading): Promise<string> {
  if (reading === 'delay') {
    const answer = await now.call(contract, reads.encodeFunctionData('getMinDelay'));
    return answer && answer !== '0x' ? `${BigInt(answer)} s` : 'getMinDelay() did not answer';
  }
  const answer = await now.call(contract, reads.encodeFunctionData('hasRole', [reading.role, reading.account]));
  if (!answer || answer === '0x') return 'hasRole() did not answer';
  return BigInt(answer) !== 0n ? 'held' : 'not held';
}

/**
 * Every control value the review's risk diff names (the Safe's owners, threshold, modules, guard, singleton and
 * fallback handler; proxies' implementation, admin and beacon; owner, paused and the other control getters;
 * roles; timelock delays), and how to read each back once the transaction ran. A batch's inner calls need
 * nothing of their own: the diff is of the whole transaction, and a value set twice counts as its last.
 *
 * The read-back diffs the review's own before-state against the chain as it now is, with the review's own code
 * (riskDiff, explainByGetters) over the slots the simulation touched: the same slot or getter, decoded the
 * same way. A value that diff finds unchanged reads as it was before.
 */
export function controlPrediction(
  review: Review,
  context: { safe: string; provider: JsonRpcProvider; sources: GetterSources },
): ControlPrediction {
  const values = new Map<string, ControlValue>();
  for (const contract of review.diff.contracts)
    for (const change of contract.changes) {
      const key = `${contract.address.toLowerCase()}:${change.what}`;
      const earlier = values.get(key);
      values.set(key, {
        contract: contract.address,
        label: contract.label,
        what: change.what,
        before: earlier?.before ?? change.before,
        after: change.after,
      });
    }
  return {
    values: [...values.values()],
    async readBack() {
      const rpc = rpcClientFor(context.provider);
      const now = chainStateView(rpc, BigInt((await rpc.send('eth_blockNumber', [])) as string));
      const views = { before: stateViews(rpc, review.simulation).before, after: now };
      const held = await riskDiff(views, review.simulation, context.safe, new AddressBook(), eventIndex());
      await explainByGetters(held, views, context.safe, context.sources);
      return Promise.all(
        [...values.values()].map(async (value): Promise<ReadBack> => {
          const byEvent = eventReading(review.diff, value.contract, value.what);
          if (byEvent) return { ...value, reads: await readEvent(now, value.contract, byEvent) };
          const change = held.contracts
            .find((c) => same(c.address, value.contract))
            ?.changes.find((c) => c.what === value.what);
          return { ...value, reads: change ? change.after : value.before };
        }),
      );
    },
  };
}
