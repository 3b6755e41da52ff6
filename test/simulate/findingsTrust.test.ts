import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

/**
 * Contracts written as most deployed protocols are (plain, packed storage; no ERC-7201 namespace), reviewed
 * with no artifact and no layout: what the console knows only from the contracts' own getters on the fork.
 */
let chain: TestChain;
let safe: string;
let owners: string[];
let vault: string;
let shifted: string;
let kept: string;
let fakeTransfer: string;
let multiSendCallOnly: string;
const packed = new Interface(loadArtifact('PackedVault').abi);

/** Runtime that returns at once on any call: the Bybit shape's "transfer" that is really a delegatecall. */
const NOOP_INITCODE = '0x600180600b6000396000f3' + '00';

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  multiSendCallOnly = contracts.multiSendCallOnly;
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const deployer = chain.wallets[0]!;
  const [v1, v2, v1again] = await deployInOrder(deployer, [
    loadArtifact('PackedVault'),
    loadArtifact('PackedVaultShifted'),
    loadArtifact('PackedVault'),
  ]);
  const [proxy] = await deployInOrder(deployer, [
    {
      ...loadArtifact('ERC1967Proxy'),
      args: [await v1!.getAddress(), packed.encodeFunctionData('initialize', [safe])],
    },
  ]);
  vault = await proxy!.getAddress();
  shifted = await v2!.getAddress();
  kept = await v1again!.getAddress();
  fakeTransfer = (await (await chain.wallets[5]!.sendTransaction({ data: NOOP_INITCODE })).wait())!.contractAddress!;
});
afterAll(async () => chain?.stop());

function tx(fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx {
  return createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, ...fields });
}

/** No --artifacts, no registered ABI, no layouts: only the address book a guardian keeps. */
async function review(t: SafeTx): Promise<Review> {
  const book = new AddressBook();
  book.add(vault, 'PackedVault');
  return reviewSafeTx({
    provider: chain.provider,
    tx: t,
    owners,
    threshold: 2,
    safeNonce: 0n,
    decodeOptions: { addressBook: book, extraMultiSend: [multiSendCallOnly] },
  });
}

const codes = (r: Review, severity?: string) =>
  r.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);
const vaultDiff = (r: Review) => r.diff.contracts.find((c) => c.address === vault);

describe("findings a guardian can trust: explained by the contract's own getters", () => {
  it('an honest pause of a flag packed beside the owner: paused false to true, no unexplained slot, info only', async () => {
    const r = await review(tx({ to: vault, data: packed.encodeFunctionData('pause') }));
    expect(r.simulation.success).toBe(true);
    expect(vaultDiff(r)?.changes).toEqual([{ what: 'paused', before: 'false', after: 'true' }]);
    expect(vaultDiff(r)?.otherSlots).toEqual([]);
    expect(codes(r)).toEqual(['PROTOCOL_PAUSED']);
    expect(r.worst).toBe('info');
  });

  it('a pause that also writes a packed byte no getter reads: an unexplained write, medium, never critical', async () => {
    const r = await review(tx({ to: vault, data: packed.encodeFunctionData('pauseAndMark') }));
    expect(r.simulation.success).toBe(true);
    expect(vaultDiff(r)?.changes).toEqual([{ what: 'paused', before: 'false', after: 'true' }]);
    const slot = vaultDiff(r)?.otherSlots[0];
    // marks sits at byte offset 21 (after the 20-byte owner and the 1-byte paused flag); its low byte changes.
    expect(slot?.unexplained).toMatch(
      /^byte 21 of the word changed and no getter .* \(the other bytes are read by paused\)/,
    );
    const unexplained = r.findings.find((f) => f.code === 'UNEXPLAINED_STORAGE_WRITE');
    expect(unexplained).toMatchObject({
      severity: 'medium',
      explanation: expect.stringMatching(
        /^Unexplained write to slot 0x0+ of PackedVault[^:]*: .*paused false → true.*unchanged: .*owner/,
      ),
    });
    expect(codes(r, 'critical')).toEqual([]);
    expect(r.worst).toBe('medium');
  });

  it('an upgrade whose layout moves owner: owner reads another value, critical, caught without artifacts', async () => {
    const r = await review(tx({ to: vault, data: packed.encodeFunctionData('upgradeToAndCall', [shifted, '0x']) }));
    expect(r.simulation.success).toBe(true);
    expect(r.diff.layoutClashes).toEqual([
      expect.objectContaining({
        contract: vault,
        getter: 'owner',
        oldCodeReads: safe,
        newCodeReads: '0x0000000000000000000000000000000000000000',
        control: true,
      }),
    ]);
    expect(r.findings.find((f) => f.code === 'CONTROL_LAYOUT_CLASH')).toMatchObject({
      severity: 'critical',
      explanation: expect.stringMatching(/owner\(\) reads 0x0{40} under the new code where the same storage reads 0x/),
    });
    expect(codes(r)).toContain('IMPLEMENTATION_CHANGED');
  });

  it('an upgrade that keeps the upgrade path and the layout: medium, never info, and no old getter changes', async () => {
    const r = await review(tx({ to: vault, data: packed.encodeFunctionData('upgradeToAndCall', [kept, '0x']) }));
    expect(r.simulation.success).toBe(true);
    expect(r.diff.layoutClashes).toEqual([]);
    expect(r.findings.find((f) => f.code === 'IMPLEMENTATION_CHANGED')?.severity).toBe('medium');
    expect(codes(r).filter((c) => c !== 'IMPLEMENTATION_CHANGED')).toEqual([]);
    expect(r.worst).toBe('medium');
  });

  it('a delegatecall whose calldata claims transfer(0, 0): the delegatecall is critical, no "sends value" for sending nothing', async () => {
    const token = new Interface(['function transfer(address to, uint256 amount)']);
    const r = await review(
      tx({ to: fakeTransfer, data: token.encodeFunctionData('transfer', ['0x' + '00'.repeat(20), 0n]), operation: 1 }),
    );
    expect(codes(r, 'critical')).toContain('DELEGATECALL_UNKNOWN_TARGET');
    expect(codes(r)).not.toContain('VALUE_OUTFLOW');
  });

  it('a plain call that transfers zero tokens raises no outflow; one that transfers some does', async () => {
    const token = new Interface(['function transfer(address to, uint256 amount)']);
    const stranger = chain.wallets[8]!.address;
    const none = await review(tx({ to: fakeTransfer, data: token.encodeFunctionData('transfer', [stranger, 0n]) }));
    expect(codes(none)).not.toContain('VALUE_OUTFLOW');
    const some = await review(tx({ to: fakeTransfer, data: token.encodeFunctionData('transfer', [stranger, 1n]) }));
    expect(codes(some)).toContain('VALUE_OUTFLOW');
  });

  it('a 55-call batch with 52 transfers: one medium outflow "×52", each transfer in the evidence', async () => {
    const token = new Interface(['function transfer(address to, uint256 amount)']);
    const stranger = chain.wallets[8]!.address;
    const transfers = Array.from({ length: 52 }, (_, i) => ({
      operation: 0 as const,
      to: fakeTransfer,
      value: 0n,
      data: token.encodeFunctionData('transfer', [stranger, BigInt(i + 1)]),
    }));
    const pauses = Array.from({ length: 3 }, () => ({
      operation: 0 as const,
      to: vault,
      value: 0n,
      data: packed.encodeFunctionData('pause'),
    }));
    const r = await review(
      tx({ to: multiSendCallOnly, data: encodeMultiSend([...pauses, ...transfers]), operation: 1 }),
    );
    expect(r.simulation.success).toBe(true);
    const outflows = r.findings.filter((f) => f.code === 'VALUE_OUTFLOW');
    expect(outflows.map((f) => [f.severity, f.count])).toEqual([['medium', 52]]);
    expect(outflows[0]!.explanation).toMatch(/^×52: /);
    expect((outflows[0]!.evidence['items'] as unknown[]).length).toBe(52);
    expect(new Set(r.findings.map((f) => f.code)).size).toBe(r.findings.length);
  });
});
