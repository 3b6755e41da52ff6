import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../safe/safeTx.js';
import { reviewSafeTx, type Review } from '../simulate/reviewSafeTx.js';
import { type SafeContracts } from '../../../test/chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../../../test/chain/testChain.js';
import { type Protocol } from '../../../test/protocol/deployProtocol.js';
import { loadArtifact } from '../../../test/protocol/protocolArtifacts.js';
import {
  deployReviewScenarios,
  installOwnerHandingPause,
  safeWithHiddenModule,
} from '../../../test/simulate/reviewScenarioChain.js';

let chain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let safe: string;
let owners: string[];
let singletonWriter: string;
let fakePause: string;
const vault = new Interface(loadArtifact('Vault').abi);
const token = new Interface(loadArtifact('GuardToken').abi);

/** Runtime that returns true and emits nothing: a "token" whose transfer moves nothing. */
const SILENT_TOKEN_INITCODE = '0x600a600c600039600a6000f3' + '600160005260206000f3';

beforeAll(async () => {
  chain = await startTestChain();
  ({ contracts, owners, safe, protocol, singletonWriter, fakePause } = await deployReviewScenarios(chain));
});
afterAll(async () => chain?.stop());

function tx(fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>, on = safe): SafeTx {
  return createSafeTx({ chainId: chain.chainId, safe: on, safeVersion: '1.4.1', nonce: 0n, ...fields });
}

async function review(t: SafeTx): Promise<Review> {
  const book = new AddressBook();
  for (const [name, address] of Object.entries(protocol.addresses)) book.add(address, name);
  return reviewSafeTx({
    provider: chain.provider,
    tx: t,
    owners,
    threshold: 2,
    safeNonce: 0n,
    decodeOptions: {
      addressBook: book,
      artifacts: Object.values(protocol.artifacts),
      extraMultiSend: [contracts.multiSend, contracts.multiSendCallOnly],
    },
  });
}

const codes = (r: Review) => r.contradictions.map((c) => c.code);

describe('claimContradictions: whether the simulation bears out what the calldata reads as', () => {
  it('an honest token transfer is not contradicted: its Transfer event has the token, recipient and amount', async () => {
    const r = await review(
      tx({
        to: protocol.addresses['GuardToken']!,
        data: token.encodeFunctionData('transfer', [chain.wallets[8]!.address, 1_200n]),
      }),
    );
    expect(r.decoded.summary).toMatch(/Transfers/);
    expect(r.contradictions).toEqual([]);
  });

  it('an honest pause is not contradicted: the paused flag it names is the change', async () => {
    const r = await review(tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause') }));
    expect(r.contradictions).toEqual([]);
  });

  it('a batch whose calls name the ownership transfer it makes is not contradicted (its findings judge it)', async () => {
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
      {
        operation: 0,
        to: protocol.addresses['Vault']!,
        value: 0n,
        data: vault.encodeFunctionData('transferOwnership', [chain.wallets[8]!.address]),
      },
    ]);
    const r = await review(tx({ to: contracts.multiSendCallOnly, data, operation: 1 }));
    expect(r.worst).toBe('critical');
    expect(r.contradictions).toEqual([]);
  });

  it('a Bybit-style "transfer" by DELEGATECALL that replaces the singleton: contradicted, saying DELEGATECALL, no Transfer, and the singleton', async () => {
    const attacker = '0x' + 'ba'.repeat(20);
    const r = await review(
      tx({ to: singletonWriter, data: token.encodeFunctionData('transfer', [attacker, 0n]), operation: 1 }),
    );
    expect(r.decoded.summary).toMatch(/^Transfers 0/);
    expect(codes(r)).toEqual(['DELEGATECALL', 'NO_TRANSFER_EVENT', 'UNNAMED_CONTROL_CHANGE']);
    expect(r.contradictions[0]!.reason).toMatch(
      /^The call is a DELEGATECALL to 0x[0-9a-fA-F]{40}: its code runs as this Safe/,
    );
    expect(r.contradictions[1]!.reason).toMatch(
      /reads as a transfer of 0 \(raw units\) to 0x[bB][aA].*emitted no such Transfer/,
    );
    expect(r.contradictions[2]!.reason).toMatch(
      /^Safe singleton of .* changes from 0x[0-9a-fA-F]{40} to 0x[bB][aA].*which no decoded call names$/,
    );
  });

  it('a "transfer" on a token that emits nothing: contradicted, no Transfer event', async () => {
    const silent = (await (await chain.wallets[5]!.sendTransaction({ data: SILENT_TOKEN_INITCODE })).wait())!
      .contractAddress!;
    const r = await review(
      tx({ to: silent, data: token.encodeFunctionData('transfer', [chain.wallets[8]!.address, 7n]) }),
    );
    expect(r.simulation.success).toBe(true);
    expect(codes(r)).toEqual(['NO_TRANSFER_EVENT']);
  });

  it('a "pause" whose code hands ownership away, read by its owner() getter: contradicted, naming the owner change', async () => {
    const stranger = chain.wallets[8]!.address;
    const at = '0x' + '5b'.repeat(20);
    await installOwnerHandingPause(chain, at, stranger);
    const r = await review(tx({ to: at, data: vault.encodeFunctionData('pause') }));
    expect(r.contradictions.map((c) => c.reason)).toEqual([
      expect.stringMatching(
        new RegExp(`^owner of .* changes from 0x0{40} to ${stranger}, which no decoded call names$`),
      ),
    ]);
  });

  it('a "pause" whose code writes a slot nothing explains is not said to contradict it: no control value is known to change', async () => {
    const r = await review(tx({ to: fakePause, data: vault.encodeFunctionData('pause') }));
    expect(r.contradictions).toEqual([]);
  });

  it('an upkeep call that lowers the threshold through an enabled module: contradicted, the threshold named', async () => {
    const { safe: target, module: moduleAddress } = await safeWithHiddenModule(chain, contracts, owners);
    const harvest = new Interface(loadArtifact('HiddenModule').abi).encodeFunctionData('harvest');
    const r = await review(tx({ to: moduleAddress, data: harvest }, target));
    expect(r.contradictions.map((c) => c.reason)).toEqual([
      expect.stringMatching(/^Safe threshold of .* changes from 2 to 1, which no decoded call names$/),
    ]);
  });

  it('a reverting transaction: contradicted by the revert alone, with its reason', async () => {
    const r = await review(tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('unpause') }));
    expect(r.simulation.success).toBe(false);
    expect(codes(r)).toEqual(['REVERTS']);
    expect(r.contradictions[0]!.reason).toMatch(/^The transaction reverts in the simulation \(GS013/);
  });
});
