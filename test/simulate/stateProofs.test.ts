import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { simulateSafeTx } from '../../electron/core/simulate/simulateSafeTx.js';
import type { SimulationResult, AccountProof } from '../../electron/core/primitives/simulationTypes.js';
import {
  carriedState,
  loadCarriedState,
  stationOverrides,
  type StationView,
} from '../../electron/core/simulate/replaySimulation.js';
import { collectStateProofs, verifyAccountProof } from '../../electron/core/simulate/verifyStateProof.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol } from '../protocol/deployProtocol.js';

let chain: TestChain;
let sim: SimulationResult;
let proofs: AccountProof[];
let simulate: (carry: boolean) => Promise<SimulationResult>;
let station: StationView;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 0n,
  });
  station = { tx, owners, threshold: 2 };
  simulate = (carry) => simulateSafeTx({ provider: chain.provider, tx, owners, threshold: 2, carry });
  sim = await simulate(true);
  proofs = (await collectStateProofs(chain.provider, sim.prestate, sim.block.number))!;
});
afterAll(async () => chain?.stop());

describe('state proofs of a carried pre-state', () => {
  it("verify every carried account and slot against the block's state root before a replay loads them", async () => {
    const fresh = await startTestChain();
    try {
      expect(await loadCarriedState(fresh.provider, carriedState(sim, proofs), station)).toBe('proven');
      expect(await loadCarriedState(fresh.provider, carriedState(sim, null), station)).toBe('unproven');
    } finally {
      await fresh.stop();
    }
  });

  it('refuse to carry a simulation that kept no code: the replay would run against empty accounts', async () => {
    const withoutCode = await simulate(false);
    expect(() => carriedState(withoutCode)).toThrow(/kept no code/);
  });

  it('refuse a carried state that was altered, and a proof that was forged', () => {
    const withStorage = proofs.find((p) => p.storageProof.length > 0)!;
    const carried = sim.prestate[withStorage.address.toLowerCase()]!;
    const own = stationOverrides(station).get(withStorage.address.toLowerCase()) ?? new Map();
    const slot = Object.keys(carried.storage!).find((s) => !own.has(BigInt(s).toString(16)))!;
    expect(() =>
      verifyAccountProof(sim.block.stateRoot, withStorage, { ...carried, storage: { [slot]: '0x' + '11'.repeat(32) } }),
    ).toThrow(/storage slot .* holds .* not the 0x1111/);
    expect(() => verifyAccountProof(sim.block.stateRoot, withStorage, { ...carried, balance: '0x123456' })).toThrow(
      /balance .* differs/,
    );
    const forged = {
      ...withStorage,
      accountProof: [
        ...withStorage.accountProof.slice(0, -1),
        withStorage.accountProof.at(-1)!.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      ],
    };
    expect(() => verifyAccountProof(sim.block.stateRoot, forged, carried)).toThrow(/does not hash|state proof/);
  });
});
