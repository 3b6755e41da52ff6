import { getAddress, Interface, ZeroAddress, zeroPadValue, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { safeArtifact } from '../../electron/core/drill/safeArtifacts.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../../electron/core/primitives/storageSlots.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

let chain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let owners: string[];
const safeAbi = new Interface([
  'function setGuard(address guard)',
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
]);

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
});
afterAll(async () => chain?.stop());

/** A real guard (Safe's published example) nobody registered: what an attacker's guard looks like to the book. */
async function newGuard(): Promise<string> {
  const [deployed] = await deployInOrder(chain.wallets[5]!, [
    { ...safeArtifact('examples/guards/DelegateCallTransactionGuard'), args: [contracts.multiSendCallOnly] },
  ]);
  return (await deployed!.getAddress()).toLowerCase();
}

async function newModule(): Promise<string> {
  const [module] = await deployInOrder(chain.wallets[5]!, [
    { ...loadArtifact('HiddenModule'), args: [chain.wallets[6]!.address] },
  ]);
  return (await module!.getAddress()).toLowerCase();
}

async function safeWith(setUp: (safe: string) => Promise<void> = async () => {}): Promise<string> {
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  await setUp(safe);
  await chain.provider.send('evm_mine', []);
  return safe;
}

function review(
  safe: string,
  fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>,
  provider: JsonRpcProvider = chain.provider,
): Promise<Review> {
  const book = new AddressBook();
  for (const [name, address] of Object.entries(protocol.addresses)) book.add(address, name);
  return reviewSafeTx({
    provider,
    tx: createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, ...fields }),
    owners,
    threshold: 2,
    safeNonce: 0n,
    decodeOptions: { addressBook: book },
  });
}

const byCode = (r: Review, code: string) => r.findings.filter((f) => f.code === code);
const stranger = (r: Review, what: string) =>
  byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS').filter((f) => f.evidence?.['what'] === what);

/** A 1-of-1 list with `module` in it, written as enableModule would. */
const withModule = (module: string) => async (safe: string) => {
  await chain.provider.send('anvil_setStorageAt', [
    safe,
    mappingSlot(SENTINEL, SAFE_SLOTS.modules),
    zeroPadValue(module, 32),
  ]);
  await chain.provider.send('anvil_setStorageAt', [
    safe,
    mappingSlot(module, SAFE_SLOTS.modules),
    zeroPadValue(SENTINEL, 32),
  ]);
};
const withGuard = (guard: string) => async (safe: string) => {
  await chain.provider.send('anvil_setStorageAt', [safe, SAFE_SLOTS.guard, zeroPadValue(guard, 32)]);
};

describe('a guard or module this transaction adds, removes or changes', () => {
  it('calls setGuard to an address outside the address book critical, naming it, beside the guard changed', async () => {
    const safe = await safeWith();
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
    const safe = await safeWith();
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
    const safe = await safeWith();
    const [guard, module] = [await newGuard(), await newModule()];
    const book = new AddressBook().add(guard, 'team guard').add(module, 'team module');
    for (const [name, address] of Object.entries(protocol.addresses)) book.add(address, name);
    for (const data of [
      safeAbi.encodeFunctionData('setGuard', [guard]),
      safeAbi.encodeFunctionData('enableModule', [module]),
    ]) {
      const r = await reviewSafeTx({
        provider: chain.provider,
        tx: createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, to: safe, data }),
        owners,
        threshold: 2,
        safeNonce: 0n,
        decodeOptions: { addressBook: book },
      });
      expect(byCode(r, 'CONTROL_TO_UNKNOWN_ADDRESS')).toEqual([]);
      expect(r.worst).toBe('high');
    }
  });

  it('calls setGuard(0) high, a protection removed, and says the guard it removes let that through', async () => {
    const guard = await newGuard();
    const safe = await safeWith(withGuard(guard));
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
    const safe = await safeWith(withModule(module));
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
    const safe = await safeWith(withModule(old));
    const r = await review(safe, { to: safe, data: safeAbi.encodeFunctionData('enableModule', [added]) });
    expect(stranger(r, 'Safe module').map((f) => f.evidence?.['recipient'])).toEqual([added]);
    expect(byCode(r, 'SAFE_MODULE_INSTALLED').map((f) => f.evidence?.['module'])).toEqual([old]);
  });
});

describe('a guard that refuses this transaction', () => {
  it('is not read as success: the review names the guard and its revert reason, at high', async () => {
    const guard = await newGuard();
    const safe = await safeWith(withGuard(guard));
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
