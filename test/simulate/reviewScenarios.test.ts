import { Interface, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { encodeMultiSend } from '../../electron/core/queue/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import type { KnownLayout } from '../../electron/core/simulate/implementationFacts.js';
import { carriedState, loadCarriedState } from '../../electron/core/simulate/replaySimulation.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { collectStateProofs } from '../../electron/core/simulate/verifyStateProof.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

let chain: TestChain;
let replayChain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let safe: string;
let owners: string[];
let singletonWriter: string;
const vault = new Interface(loadArtifact('Vault').abi);
const layouts: KnownLayout[] = (['Vault', 'VaultV2', 'VaultV2Clash', 'VaultNoUpgrade'] as const).map((n) => loadArtifact(n) as unknown as KnownLayout);

/** Runtime `sstore(0, calldataload(4))`: what Bybit's attacker delegatecalled to replace the singleton. */
const SINGLETON_WRITER_INITCODE = '0x6007600c60003960076000f3' + '60043560005500';

beforeAll(async () => {
  [chain, replayChain] = await Promise.all([startTestChain(), startTestChain()]);
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  const deployed = await (await chain.wallets[5]!.sendTransaction({ data: SINGLETON_WRITER_INITCODE })).wait();
  singletonWriter = deployed!.contractAddress!;
});
afterAll(async () => Promise.all([chain?.stop(), replayChain?.stop()]));

function book(): AddressBook {
  const b = new AddressBook();
  for (const [name, address] of Object.entries(protocol.addresses)) b.add(address, name);
  return b;
}

function tx(fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx {
  return createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, ...fields });
}

async function review(t: SafeTx, provider: JsonRpcProvider = chain.provider): Promise<Review> {
  return reviewSafeTx({ provider, tx: t, owners, threshold: 2, safeNonce: 0n, layouts, decodeOptions: { addressBook: book(), extraMultiSend: [contracts.multiSend, contracts.multiSendCallOnly] } });
}

const codes = (r: Review, severity?: string) => r.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);
const changeOf = (r: Review, address: string, what: string) => r.diff.contracts.find((c) => c.address.toLowerCase() === address.toLowerCase())?.changes.find((c) => c.what === what);

/** Replays a review's carried pre-state, proven against the block's state root, on a fresh anvil with no fork, and compares diffs. */
async function expectSameDiffOnReplay(t: SafeTx, original: Review): Promise<void> {
  const fresh = await startTestChain();
  try {
    const proofs = await collectStateProofs(chain.provider, original.simulation.prestate, original.simulation.block.number);
    expect(await loadCarriedState(fresh.provider, carriedState(original.simulation, proofs))).toBe('proven');
    const replayed = await review(t, fresh.provider);
    expect(replayed.simulation.success).toBe(original.simulation.success);
    expect(replayed.diff.contracts, JSON.stringify([replayed.diff.contracts, original.diff.contracts])).toEqual(original.diff.contracts);
    expect(replayed.diff.events.map((e) => [e.address, e.name, e.topics])).toEqual(original.diff.events.map((e) => [e.address, e.name, e.topics]));
    expect(codes(replayed)).toEqual(codes(original));
  } finally {
    await fresh.stop();
  }
}

describe('review: simulation, risk diff and findings on the test chain', () => {
  it('a clean emergency pause: info only, paused false to true', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause') });
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    expect(r.worst).toBe('info');
    expect(changeOf(r, protocol.addresses['Vault']!, 'paused')).toEqual({ what: 'paused', before: 'false', after: 'true' });
    expect(r.diff.events.map((e) => e.name)).toEqual(['Paused', 'ExecutionSuccess']);
    await expectSameDiffOnReplay(t, r);
  });

  it('a clean UUPS upgrade: implementation old to new, nothing above info', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']) });
    const r = await review(t);
    expect(changeOf(r, protocol.addresses['Vault']!, 'implementation')).toEqual({ what: 'implementation', before: protocol.vaultImplementation, after: protocol.vaultV2Implementation });
    expect(r.worst).toBe('info');
    await expectSameDiffOnReplay(t, r);
  });

  it('a delegatecall that swaps the Safe\'s singleton: critical', async () => {
    const attacker = '0x' + 'ba'.repeat(20);
    const t = tx({ to: singletonWriter, data: '0xa9059cbb' + attacker.slice(2).padStart(64, '0'), operation: 1 });
    const r = await review(t);
    expect(r.worst).toBe('critical');
    expect(codes(r, 'critical')).toEqual(expect.arrayContaining(['DELEGATECALL_UNKNOWN_TARGET', 'SAFE_SINGLETON_CHANGED']));
    expect(changeOf(r, safe, 'Safe singleton')?.after.toLowerCase()).toBe(attacker);
    await expectSameDiffOnReplay(t, r);
  });

  it('a batch that pauses and also hands ownership to a stranger: critical', async () => {
    const stranger = chain.wallets[8]!.address;
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('transferOwnership', [stranger]) },
    ]);
    const t = tx({ to: contracts.multiSendCallOnly, data, operation: 1 });
    const r = await review(t);
    expect(codes(r, 'critical')).toEqual(expect.arrayContaining(['PAUSE_WITH_OTHER_ACTIONS', 'CONTROL_TO_UNKNOWN_ADDRESS']));
    expect(changeOf(r, protocol.addresses['Vault']!, 'owner')).toEqual({ what: 'owner', before: safe, after: stranger });
    await expectSameDiffOnReplay(t, r);
  });

  it('an upgrade to an address with no code: critical', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('upgradeToAndCall', ['0x' + '0c'.repeat(20), '0x']) });
    const r = await review(t);
    expect(codes(r, 'critical')).toContain('IMPLEMENTATION_WITHOUT_CODE');
    await expectSameDiffOnReplay(t, r);
  });

  it('an upgrade whose storage layout clashes: high', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2ClashImplementation, '0x']) });
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    const clash = r.findings.find((f) => f.code === 'STORAGE_LAYOUT_CLASH');
    expect(clash).toMatchObject({ severity: 'high', explanation: expect.stringMatching(/token .* becomes feeCollector/) });
    await expectSameDiffOnReplay(t, r);
  });

  it('names a changed variable by the implementation\'s storage layout', async () => {
    const v2 = new Interface(loadArtifact('VaultV2').abi);
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']) },
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: v2.encodeFunctionData('setWithdrawalFee', [25]) },
    ]);
    const r = await review(tx({ to: contracts.multiSendCallOnly, data, operation: 1 }));
    const vaultDiff = r.diff.contracts.find((c) => c.address === protocol.addresses['Vault']);
    expect(vaultDiff?.otherSlots.find((o) => o.variable === 'withdrawalFeeBps')).toMatchObject({ after: expect.stringMatching(/19$/) });
  });

  it('gasToken or refundReceiver set: high', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause'), refundReceiver: chain.wallets[8]!.address });
    const r = await review(t);
    expect(r.findings.find((f) => f.code === 'GAS_REFUND_SET')?.severity).toBe('high');
    await expectSameDiffOnReplay(t, r);
  });

  it('a reverting transaction: high, with the reason', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('unpause') });
    const r = await review(t);
    expect(r.simulation.success).toBe(false);
    expect(r.simulation.revertReason).toMatch(/^GS013: /);
    expect(r.findings.find((f) => f.code === 'SIMULATION_REVERTED')?.severity).toBe('high');
    await expectSameDiffOnReplay(t, r);
  });

});
