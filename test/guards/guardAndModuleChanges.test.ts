import { getAddress, Interface, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { SAFE_SLOTS, SENTINEL } from '../../electron/core/primitives/storageSlots.js';
import { byCode, onGuardChain, stranger } from './guardChain.js';

const g = onGuardChain();
const { newGuard, newModule, review } = g;
const safeAbi = new Interface([
  'function setGuard(address guard)',
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
]);
const withGuard = (guard: string) => g.withSlot(SAFE_SLOTS.guard, guard);

describe('a guard or module this transaction adds, removes or changes', () => {
  it('calls setGuard to an address outside the address book critical, naming it, beside the guard changed', async () => {
    const safe = await g.safeWith();
    const guard = await newGuard();
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('setGuard', [guard]) });
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe guard')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe guard', recipient: guard } }),
    ]);
    expect(stranger(r, 'Safe guard')[0]!.explanation).toContain(getAddress(guard));
    expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(r.worst).toBe('critical');
  });

  it('calls enableModule of an address outside the address book critical: it could act without the owners', async () => {
    const safe = await g.safeWith();
    const module = await newModule();
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('enableModule', [module]) });
    expect(r.simulation.success).toBe(true);
    const [found] = stranger(r, 'Safe module');
    expect(found).toMatchObject({ severity: 'critical', evidence: { what: 'Safe module', recipient: module } });
    expect(found!.explanation).toMatch(/without the owners' signatures/);
    expect(byCode(r, 'SAFE_MODULES_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(r.worst).toBe('critical');
  });

  it('keeps a guard or module the address book knows at high: a control change, not a stranger', async () => {
    const safe = await g.safeWith();
    const [guard, module] = [await newGuard(), await newModule()];
    for (const data of [
      safeAbi.encodeFunctionData('setGuard', [guard]),
      safeAbi.encodeFunctionData('enableModule', [module]),
    ]) {
      const r = await review(safe, { to: safe, data }, { known: { [guard]: 'team guard', [module]: 'team module' } });
      expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
      expect(r.worst).toBe('high');
    }
  });

  it('calls setGuard(0) high, a protection removed, and says the guard it removes let that through', async () => {
    const guard = await newGuard();
    const safe = await g.safeWith(withGuard(guard));
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('setGuard', [ZeroAddress]) });
    expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([
      expect.objectContaining({ severity: 'high', evidence: expect.objectContaining({ after: ZeroAddress }) }),
    ]);
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([expect.objectContaining({ evidence: { guard } })]);
    expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
    expect(r.worst).toBe('high');
  });

  it('calls disableModule high, and names no stranger for a module leaving', async () => {
    const module = await newModule();
    const safe = await g.safeWith(g.withModule(module));
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('disableModule', [SENTINEL, module]) });
    expect(byCode(r, 'SAFE_MODULES_CHANGED')).toEqual([
      expect.objectContaining({ severity: 'high', evidence: expect.objectContaining({ after: '(none)' }) }),
    ]);
    expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
    expect(r.worst).toBe('high');
    // The module leaving is enabled only until this executes: not listed as if it stayed.
    expect(byCode(r, 'SAFE_MODULE_INSTALLED').map((f) => f.explanation)).toEqual([
      expect.stringMatching(/is enabled on this Safe until this transaction disables it/),
    ]);
  });

  it('calls a second module outside the address book critical, and only the new one', async () => {
    const [old, added] = [await newModule(), await newModule()];
    const safe = await g.safeWith(g.withModule(old));
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('enableModule', [added]) });
    expect(stranger(r, 'Safe module').map((f) => f.evidence?.['recipient'])).toEqual([added]);
    expect(byCode(r, 'SAFE_MODULE_INSTALLED').map((f) => f.evidence?.['module'])).toEqual([old]);
  });
});

describe('a guard that refuses this transaction', () => {
  it('is not read as success: the review names the guard and its revert reason, at high', async () => {
    const guard = await newGuard();
    const safe = await g.safeWith(withGuard(guard));
    const module = await newModule();
    // The guard allows DELEGATECALL only to MultiSendCallOnly: anything else is refused before it runs.
    const r = await review(safe, { to: module, data: '0x', operation: 1 });
    expect(r.simulation.success).toBe(false);
    expect(r.simulation.revertReason).toContain('This call is restricted');
    const [blocked] = byCode(r, 'SAFE_GUARD_BLOCKS');
    expect(blocked).toMatchObject({ severity: 'high', evidence: { guard, reason: 'This call is restricted' } });
    expect(blocked!.explanation).toContain('This call is restricted');
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([]);
    expect(byCode(r, 'SIMULATION_REVERTED')).toEqual([expect.objectContaining({ severity: 'high' })]);
  });
});
