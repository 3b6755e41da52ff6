import { Interface, zeroPadValue } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { deploySingletonWriter } from '../chain/singletonWriter.js';
import { byCode, onGuardChain } from '../guards/guardChain.js';

const g = onGuardChain();
const { review } = g;
let guard: string;
const pause = new Interface(['function pause()']).encodeFunctionData('pause');
const vaultOf = (safe: string) => g.protocolOf(safe).addresses['Vault']!;

beforeAll(async () => {
  // Safe's own published guard (safe-contracts examples): it refuses any DELEGATECALL but to one allowed target.
  guard = await g.newGuard();
});

const setGuard = (address: string) => g.withSlot(SAFE_SLOTS.guard, address);

describe("the Safe's guard and modules in every review", () => {
  it('says the guard was asked and let an honest pause through, and adds nothing above info', async () => {
    const safe = await g.safeWith(setGuard(guard));
    const r = await review(safe, { to: vaultOf(safe), data: pause });
    expect(r.simulation.success).toBe(true);
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: { guard } }),
    ]);
    expect(r.worst).toBe('info');
  });

  it("says the guard refuses a delegatecall it does not allow, with its reason, from the simulation's own call tree", async () => {
    const safe = await g.safeWith(setGuard(guard));
    const writer = await deploySingletonWriter(g.chain);
    const r = await review(safe, { to: writer, data: zeroPadValue(writer, 32), operation: 1 });
    expect(r.simulation.success).toBe(false);
    const [blocked] = byCode(r, 'SAFE_GUARD_BLOCKS');
    expect(blocked).toMatchObject({ severity: 'high', evidence: { guard, reason: 'This call is restricted' } });
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([]);
  });

  it('names an enabled module, which can act without the owners, as a standing fact at info', async () => {
    const moduleAddress = await g.newModule();
    const safe = await g.safeWith(g.withModule(moduleAddress));
    const r = await review(safe, { to: vaultOf(safe), data: pause });
    expect(byCode(r, 'SAFE_MODULE_INSTALLED')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: { module: moduleAddress } }),
    ]);
    expect(byCode(r, 'SAFE_MODULE_INSTALLED')[0]!.explanation).toMatch(/without the owners' signatures/);
    expect(r.worst).toBe('info');
  });

  it('says nothing of guards or modules for a Safe that has neither', async () => {
    const safe = await g.safeWith(async () => {});
    const r = await review(safe, { to: vaultOf(safe), data: pause });
    expect(r.findings.filter((f) => f.code.startsWith('SAFE_GUARD') || f.code === 'SAFE_MODULE_INSTALLED')).toEqual([]);
  });
});
