import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { byCode, onGuardChain, stranger } from './guardChain.js';
import { deploySlotWriter } from './slotWriter.js';

const g = onGuardChain();
const safeAbi = new Interface([
  'function setGuard(address guard)',
  'function enableModule(address module)',
  'function changeThreshold(uint256 threshold)',
  'function addOwnerWithThreshold(address owner, uint256 threshold)',
]);
const pause = new Interface(['function pause()']).encodeFunctionData('pause');

/**
 * A batch as the Transaction Builder makes it: the Safe DELEGATECALLs MultiSendCallOnly (or MultiSend), whose
 * code runs as the Safe, so a call it makes to the Safe's own setGuard or enableModule comes from the Safe and is
 * authorised. `'vault'` is the Safe's protocol's Vault, `'safe'` the Safe itself.
 */
function batch(
  safe: string,
  calls: ReadonlyArray<readonly ['vault' | 'safe', string]>,
  multiSend = g.contracts.multiSendCallOnly,
): Pick<SafeTx, 'to' | 'data' | 'operation'> {
  const vault = g.protocolOf(safe).addresses['Vault']!;
  const to = (who: 'vault' | 'safe') => (who === 'vault' ? vault : safe);
  return {
    to: multiSend,
    operation: 1,
    data: encodeMultiSend(calls.map(([who, data]) => ({ operation: 0, to: to(who), value: 0n, data }))),
  };
}

describe('a guard, module or owner change inside a MultiSend batch', () => {
  it('calls a pause batched with enableModule of a stranger critical, from the calldata and from the state after', async () => {
    const safe = await g.safeWith();
    const module = await g.newModule();
    const fields = batch(safe, [
      ['vault', pause],
      ['safe', safeAbi.encodeFunctionData('enableModule', [module])],
    ]);
    const r = await g.review(safe, fields);
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe module')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe module', recipient: module } }),
    ]);
    expect(byCode(r, 'SAFE_MODULES_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(g.strangersInCalldata(safe, fields)).toEqual([module]);
    expect(r.worst).toBe('critical');
  });

  it('calls a pause batched with setGuard to a stranger critical, through MultiSend as through MultiSendCallOnly', async () => {
    for (const multiSend of [g.contracts.multiSendCallOnly, g.contracts.multiSend]) {
      const safe = await g.safeWith();
      const guard = await g.newGuard();
      const fields = batch(
        safe,
        [
          ['vault', pause],
          ['safe', safeAbi.encodeFunctionData('setGuard', [guard])],
        ],
        multiSend,
      );
      const r = await g.review(safe, fields);
      expect(r.simulation.success).toBe(true);
      expect(stranger(r, 'Safe guard')).toEqual([
        expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe guard', recipient: guard } }),
      ]);
      expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
      expect(g.strangersInCalldata(safe, fields)).toEqual([guard]);
      expect(r.worst).toBe('critical');
    }
  });

  it('calls changeThreshold batched with addOwnerWithThreshold of a stranger critical, from the calldata and from the owners after', async () => {
    const safe = await g.safeWith();
    const newcomer = g.chain.wallets[7]!.address.toLowerCase();
    const fields = batch(safe, [
      ['safe', safeAbi.encodeFunctionData('changeThreshold', [1])],
      ['safe', safeAbi.encodeFunctionData('addOwnerWithThreshold', [newcomer, 1])],
    ]);
    const r = await g.review(safe, fields);
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe owner')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe owner', recipient: newcomer } }),
    ]);
    expect(byCode(r, 'SAFE_OWNERS_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(byCode(r, 'SAFE_THRESHOLD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(g.strangersInCalldata(safe, fields)).toEqual([newcomer]);
    expect(r.worst).toBe('critical');
  });

  it('names no stranger in an honest batch, setGuard to the team guard beside a pause or a threshold change: the guard change high', async () => {
    for (const [first, worst] of [
      [['safe', safeAbi.encodeFunctionData('changeThreshold', [3])], 'high'],
      // A pause must be only a pause (PAUSE_WITH_OTHER_ACTIONS): the guard known or not, the batch is critical.
      [['vault', pause], 'critical'],
    ] as const) {
      const safe = await g.safeWith();
      const guard = await g.newGuard();
      const known = { [guard]: 'team guard' };
      const fields = batch(safe, [first, ['safe', safeAbi.encodeFunctionData('setGuard', [guard])]]);
      const r = await g.review(safe, fields, { known });
      expect(r.simulation.success).toBe(true);
      expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
      expect(g.strangersInCalldata(safe, fields, { known })).toEqual([]);
      expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
      expect(r.findings.filter((f) => f.severity === 'critical').map((f) => f.code)).toEqual(
        worst === 'critical' ? ['PAUSE_WITH_OTHER_ACTIONS'] : [],
      );
      expect(r.worst).toBe(worst);
    }
  });

  it('calls a batch whose delegatecall writes the guard slot itself, with no setGuard to decode, critical: read from the state after', async () => {
    const safe = await g.safeWith();
    const guard = await g.newGuard();
    const writer = await deploySlotWriter(g.chain, SAFE_SLOTS.guard);
    const fields = {
      to: g.contracts.multiSend,
      operation: 1 as const,
      data: encodeMultiSend([
        { operation: 0, to: g.protocolOf(safe).addresses['Vault']!, value: 0n, data: pause },
        { operation: 1, to: writer, value: 0n, data: `0x00000000${guard.slice(2).padStart(64, '0')}` },
      ]),
    };
    const r = await g.review(safe, fields);
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe guard')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe guard', recipient: guard } }),
    ]);
    expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(byCode(r, 'DELEGATECALL_UNKNOWN_TARGET')).toEqual([
      expect.objectContaining({ evidence: expect.objectContaining({ to: writer }) }),
    ]);
    // Nothing in the calldata names the guard: only the state after can.
    expect(g.strangersInCalldata(safe, fields)).toEqual([]);
  });
});
