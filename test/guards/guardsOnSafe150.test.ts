import { Interface, ZeroAddress } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe150, deploySafe150, safe150Artifact, type Safe150Contracts } from '../chain/safe150.js';
import { deployer } from '../chain/safeDeployment.js';
import { deploySlotWriter } from './slotWriter.js';
import { byCode, onGuardChain, stranger, type ReviewOptions, type SafeSetUp } from './guardChain.js';

const g = onGuardChain();
let contracts150: Safe150Contracts;
const safeAbi = new Interface(['function setGuard(address guard)', 'function setModuleGuard(address moduleGuard)']);
const pause = new Interface(['function pause()']).encodeFunctionData('pause');

beforeAll(async () => {
  contracts150 = await deploySafe150(deployer(g.chain));
});

/** A 2-of-3 Safe 1.5.0 owning its own protocol. */
async function safe150(setUp?: SafeSetUp): Promise<string> {
  const safe = await createSafe150(deployer(g.chain), contracts150, { owners: g.owners, threshold: 2 });
  return g.withProtocol(await safe.getAddress(), setUp);
}

/** Safe 1.5.0's own example guard, which is a module guard too (BaseGuard: both interfaces), nobody registered. */
async function newGuard150(): Promise<string> {
  const [deployed] = await deployInOrder(g.chain.wallets[5]!, [
    { ...safe150Artifact('examples/guards/DelegateCallTransactionGuard'), args: [g.contracts.multiSendCallOnly] },
  ]);
  return (await deployed!.getAddress()).toLowerCase();
}

const review150 = (
  safe: string,
  fields: Pick<SafeTx, 'to' | 'data'> & Partial<Pick<SafeTx, 'operation'>>,
  options: ReviewOptions = {},
) => g.review(safe, fields, { ...options, safeVersion: '1.5.0' });

describe('the module guard of a Safe 1.5.0 (setModuleGuard)', () => {
  it('calls setModuleGuard to a stranger critical, from the calldata and from the state after, beside the change at high', async () => {
    const safe = await safe150();
    const guard = await newGuard150();
    const fields = { to: safe, data: safeAbi.encodeFunctionData('setModuleGuard', [guard]) };
    const r = await review150(safe, fields);
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe module guard')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe module guard', recipient: guard } }),
    ]);
    expect(stranger(r, 'Safe module guard')[0]!.explanation).toMatch(/before every transaction a module executes/);
    expect(byCode(r, 'SAFE_MODULE_GUARD_CHANGED')).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: expect.objectContaining({ what: 'Safe module guard', before: ZeroAddress }),
      }),
    ]);
    expect(g.strangersInCalldata(safe, fields, { safeVersion: '1.5.0' })).toEqual([guard]);
    expect(r.decoded.actions[0]!.sentence).toMatch(/module guard .* asked before every transaction a module executes/);
    expect(r.worst).toBe('critical');
  });

  it('keeps setModuleGuard to a guard the address book knows at high', async () => {
    const safe = await safe150();
    const guard = await newGuard150();
    const r = await review150(
      safe,
      { to: safe, data: safeAbi.encodeFunctionData('setModuleGuard', [guard]) },
      { known: { [guard]: 'team module guard' } },
    );
    expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
    expect(byCode(r, 'SAFE_MODULE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(r.worst).toBe('high');
  });

  it('calls setModuleGuard(0) high, a protection removed, with no stranger', async () => {
    const guard = await newGuard150();
    const safe = await safe150(g.withSlot(SAFE_SLOTS.moduleGuard, guard));
    const r = await review150(safe, { to: safe, data: safeAbi.encodeFunctionData('setModuleGuard', [ZeroAddress]) });
    expect(r.simulation.success).toBe(true);
    expect(byCode(r, 'SAFE_MODULE_GUARD_CHANGED')).toEqual([
      expect.objectContaining({ severity: 'high', evidence: expect.objectContaining({ after: ZeroAddress }) }),
    ]);
    expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
    expect(r.decoded.actions[0]!.sentence).toMatch(/Removes the module guard/);
    expect(r.worst).toBe('high');
  });

  it('names an installed module guard in every review, read from its storage slot, at info', async () => {
    const guard = await newGuard150();
    const safe = await safe150(g.withSlot(SAFE_SLOTS.moduleGuard, guard));
    const r = await review150(safe, { to: g.protocolOf(safe).addresses['Vault']!, data: pause });
    expect(r.simulation.success).toBe(true);
    expect(byCode(r, 'SAFE_MODULE_GUARD_SET')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: { moduleGuard: guard } }),
    ]);
    expect(r.worst).toBe('info');
    const bare = await safe150();
    const plain = await review150(bare, { to: g.protocolOf(bare).addresses['Vault']!, data: pause });
    expect(byCode(plain, 'SAFE_MODULE_GUARD_SET')).toEqual([]);
  });
});

describe('a module guard written with no setModuleGuard', () => {
  it('calls a delegatecall that writes the module guard slot itself critical: read from the state after', async () => {
    const safe = await safe150();
    const guard = await newGuard150();
    const writer = await deploySlotWriter(g.chain, SAFE_SLOTS.moduleGuard);
    const fields = { to: writer, data: `0x00000000${guard.slice(2).padStart(64, '0')}`, operation: 1 as const };
    const r = await review150(safe, fields);
    expect(r.simulation.success).toBe(true);
    expect(stranger(r, 'Safe module guard')).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: { what: 'Safe module guard', recipient: guard } }),
    ]);
    expect(byCode(r, 'SAFE_MODULE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
    expect(g.strangersInCalldata(safe, fields, { safeVersion: '1.5.0' })).toEqual([]);
  });
});

describe('setGuard on a Safe 1.5.0, as on 1.4.1', () => {
  it('calls setGuard to a stranger critical and to a known guard high', async () => {
    const guard = await newGuard150();
    for (const [known, worst] of [
      [{}, 'critical'],
      [{ [guard]: 'team guard' }, 'high'],
    ] as const) {
      const safe = await safe150();
      const r = await review150(safe, { to: safe, data: safeAbi.encodeFunctionData('setGuard', [guard]) }, { known });
      expect(r.simulation.success).toBe(true);
      expect(stranger(r, 'Safe guard').map((f) => f.evidence['recipient'])).toEqual(
        worst === 'critical' ? [guard] : [],
      );
      expect(byCode(r, 'SAFE_GUARD_CHANGED')).toEqual([expect.objectContaining({ severity: 'high' })]);
      expect(r.worst).toBe(worst);
    }
  });
});
