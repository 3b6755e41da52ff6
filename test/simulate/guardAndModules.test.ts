import { Interface, zeroPadValue, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { safeArtifact } from '../../electron/core/drill/safeArtifacts.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { mappingSlot, SAFE_SLOTS, SENTINEL } from '../../electron/core/primitives/storageSlots.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { deploySingletonWriter } from '../chain/singletonWriter.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

let chain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let owners: string[];
let guard: string;
const pause = new Interface(['function pause()']).encodeFunctionData('pause');

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  // Safe's own published guard (safe-contracts examples): it refuses any DELEGATECALL but to one allowed target.
  const [deployed] = await deployInOrder(chain.wallets[5]!, [
    { ...safeArtifact('examples/guards/DelegateCallTransactionGuard'), args: [contracts.multiSendCallOnly] },
  ]);
  guard = (await deployed!.getAddress()).toLowerCase();
});
afterAll(async () => chain?.stop());

/** A 2-of-3 Safe owning a Vault, with `setUp` writing its guard or modules as setGuard and enableModule would. */
async function safeWith(setUp: (safe: string) => Promise<void>): Promise<string> {
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  await setUp(safe);
  await chain.provider.send('evm_mine', []);
  return safe;
}

const setGuard = (g: string) => async (safe: string) => {
  await chain.provider.send('anvil_setStorageAt', [safe, SAFE_SLOTS.guard, zeroPadValue(g, 32)]);
};

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

describe("the Safe's guard and modules in every review", () => {
  it('says the guard was asked and let an honest pause through, and adds nothing above info', async () => {
    const safe = await safeWith(setGuard(guard));
    const r = await review(safe, { to: protocol.addresses['Vault']!, data: pause });
    expect(r.simulation.success).toBe(true);
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: { guard } }),
    ]);
    expect(r.worst).toBe('info');
  });

  it("says the guard refuses a delegatecall it does not allow, with its reason, from the simulation's own call tree", async () => {
    const safe = await safeWith(setGuard(guard));
    const writer = await deploySingletonWriter(chain);
    const r = await review(safe, { to: writer, data: zeroPadValue(writer, 32), operation: 1 });
    expect(r.simulation.success).toBe(false);
    const [blocked] = byCode(r, 'SAFE_GUARD_BLOCKS');
    expect(blocked).toMatchObject({ severity: 'high', evidence: { guard, reason: 'This call is restricted' } });
    expect(byCode(r, 'SAFE_GUARD_LETS_THROUGH')).toEqual([]);
  });

  it('names an enabled module, which can act without the owners, as a standing fact at info', async () => {
    const [module] = await deployInOrder(chain.wallets[5]!, [
      { ...loadArtifact('HiddenModule'), args: [chain.wallets[6]!.address] },
    ]);
    const moduleAddress = (await module!.getAddress()).toLowerCase();
    const safe = await safeWith(async (s) => {
      await chain.provider.send('anvil_setStorageAt', [
        s,
        mappingSlot(SENTINEL, SAFE_SLOTS.modules),
        zeroPadValue(moduleAddress, 32),
      ]);
      await chain.provider.send('anvil_setStorageAt', [
        s,
        mappingSlot(moduleAddress, SAFE_SLOTS.modules),
        zeroPadValue(SENTINEL, 32),
      ]);
    });
    const r = await review(safe, { to: protocol.addresses['Vault']!, data: pause });
    expect(byCode(r, 'SAFE_MODULE_INSTALLED')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: { module: moduleAddress } }),
    ]);
    expect(byCode(r, 'SAFE_MODULE_INSTALLED')[0]!.explanation).toMatch(/without the owners' signatures/);
    expect(r.worst).toBe('info');
  });

  it('says nothing of guards or modules for a Safe that has neither', async () => {
    const safe = await safeWith(async () => {});
    const r = await review(safe, { to: protocol.addresses['Vault']!, data: pause });
    expect(r.findings.filter((f) => f.code.startsWith('SAFE_GUARD') || f.code === 'SAFE_MODULE_INSTALLED')).toEqual([]);
  });
});
