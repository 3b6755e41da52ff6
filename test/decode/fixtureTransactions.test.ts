import { Interface, ZeroHash } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { readArtifactAbis } from '../../electron/core/decode/artifactAbis.js';
import { decodeTransaction } from '../../electron/core/decode/decodeTransaction.js';
import type { ActionClass } from '../../electron/core/decode/decodedTransaction.js';
import { encodeMultiSend, type MultiSendCall } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { safeArtifact } from '../chain/safeArtifacts.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';

let chain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let safe: string;
let owners: string[];
let book: AddressBook;
let registeredAbis: Array<{ address: string; abi: never }>;
const SENTINEL = '0x0000000000000000000000000000000000000001';

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  book = new AddressBook();
  for (const [name, address] of Object.entries(protocol.addresses)) book.add(address, name);
  owners.forEach((o, i) => book.add(o, `owner ${i + 1}`));
  // As a guardian would with `guardian abi add`: the protocol's own artifacts for its addresses.
  registeredAbis = [
    { address: protocol.addresses['Vault']!, abi: loadArtifact('Vault').abi as never },
    { address: protocol.addresses['TransparentVault']!, abi: loadArtifact('TransparentVault').abi as never },
    { address: protocol.addresses['ProxyAdmin']!, abi: loadArtifact('ProxyAdmin').abi as never },
    { address: protocol.addresses['Timelock']!, abi: loadArtifact('TimelockController').abi as never },
  ];
});
afterAll(async () => chain?.stop());

const vault = () => new Interface(loadArtifact('Vault').abi);
const safeIface = () => new Interface(safeArtifact('Safe').abi);

function calls(): Record<string, { call: MultiSendCall; class: ActionClass; sentence: RegExp }> {
  const v = protocol.addresses['Vault']!;
  const stranger = chain.wallets[7]!.address;
  const upgrade = vault().encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']);
  return {
    pause: {
      call: { operation: 0, to: v, value: 0n, data: vault().encodeFunctionData('pause') },
      class: 'emergency-pause',
      sentence: /^Pauses Vault \(0x/,
    },
    unpause: {
      call: { operation: 0, to: v, value: 0n, data: vault().encodeFunctionData('unpause') },
      class: 'unpause',
      sentence: /^Unpauses Vault/,
    },
    uupsUpgrade: {
      call: { operation: 0, to: v, value: 0n, data: upgrade },
      class: 'upgrade',
      sentence: /^Upgrades Vault .* to implementation VaultV2Implementation/,
    },
    transparentUpgrade: {
      call: {
        operation: 0,
        to: protocol.addresses['ProxyAdmin']!,
        value: 0n,
        data: new Interface(loadArtifact('ProxyAdmin').abi).encodeFunctionData('upgradeAndCall', [
          protocol.addresses['TransparentVault'],
          protocol.transparentVaultV2Implementation,
          '0x',
        ]),
      },
      class: 'upgrade',
      sentence:
        /^Upgrades TransparentVault .* to implementation TransparentVaultV2Implementation .* through ProxyAdmin/,
    },
    timelockUpgrade: {
      call: {
        operation: 0,
        to: protocol.addresses['Timelock']!,
        value: 0n,
        data: new Interface(loadArtifact('TimelockController').abi).encodeFunctionData('schedule', [
          v,
          0,
          upgrade,
          ZeroHash,
          ZeroHash,
          3600,
        ]),
      },
      class: 'timelock',
      sentence: /^Schedules on timelock Timelock .* after 1 hour \(3600 s\): Upgrades Vault/,
    },
    ownerSwap: {
      call: {
        operation: 0,
        to: safe,
        value: 0n,
        data: safeIface().encodeFunctionData('swapOwner', [SENTINEL, owners[0], stranger]),
      },
      class: 'safe-config',
      sentence: /^Replaces owner owner 1 .* with 0x/,
    },
    threshold: {
      call: { operation: 0, to: safe, value: 0n, data: safeIface().encodeFunctionData('changeThreshold', [1]) },
      class: 'safe-config',
      sentence: /^Changes the threshold of Safe this Safe .* to 1$/,
    },
    enableModule: {
      call: { operation: 0, to: safe, value: 0n, data: safeIface().encodeFunctionData('enableModule', [stranger]) },
      class: 'safe-config',
      sentence: /^Enables module .* without signatures$/,
    },
    setGuard: {
      call: { operation: 0, to: safe, value: 0n, data: safeIface().encodeFunctionData('setGuard', [stranger]) },
      class: 'safe-config',
      sentence: /^Sets the guard of Safe this Safe/,
    },
    setFallbackHandler: {
      call: {
        operation: 0,
        to: safe,
        value: 0n,
        data: safeIface().encodeFunctionData('setFallbackHandler', [contracts.fallbackHandler]),
      },
      class: 'safe-config',
      sentence: /^Sets the fallback handler/,
    },
  };
}

describe('every fixture transaction on the test chain decodes to its actions and classes', () => {
  for (const name of [
    'pause',
    'unpause',
    'uupsUpgrade',
    'transparentUpgrade',
    'timelockUpgrade',
    'ownerSwap',
    'threshold',
    'enableModule',
    'setGuard',
    'setFallbackHandler',
  ]) {
    it(name, () => {
      const expected = calls()[name]!;
      const decoded = decodeTransaction(
        { chainId: chain.chainId, safe, ...expected.call },
        { addressBook: book, registeredAbis },
      );
      const root = decoded.actions[0]!;
      expect(root.class).toBe(expected.class);
      expect(root.sentence).toMatch(expected.sentence);
      expect(root.source === 'registered' || root.source === 'bundled').toBe(true);
      expect(decoded.flags).toMatchObject({
        ambiguous: false,
        undecoded: false,
        truncated: false,
        delegatecall: false,
      });
    });
  }

  it("one MultiSend of 20 actions mixing them, through the chain's own MultiSendCallOnly", () => {
    const all = Object.values(calls());
    const twenty = Array.from({ length: 20 }, (_, i) => all[i % all.length]!);
    const decoded = decodeTransaction(
      {
        chainId: chain.chainId,
        safe,
        to: contracts.multiSendCallOnly,
        value: 0n,
        data: encodeMultiSend(twenty.map((t) => t.call)),
        operation: 1,
      },
      { addressBook: book, registeredAbis, extraMultiSend: [contracts.multiSend, contracts.multiSendCallOnly] },
    );
    const root = decoded.actions[0]!;
    expect(root.children).toHaveLength(20);
    expect(root.children.map((c) => c.class)).toEqual(twenty.map((t) => t.class));
    root.children.forEach((c, i) => expect(c.sentence).toMatch(twenty[i]!.sentence));
    expect(decoded.flags).toMatchObject({ delegatecall: true, delegatecallToUnknown: false, truncated: false });
    expect(decoded.classes).toEqual(['safe-config', 'upgrade', 'emergency-pause', 'unpause', 'timelock']);
  });

  it('flags the same batch sent to a MultiSend that is not a known deployment', () => {
    const decoded = decodeTransaction(
      {
        chainId: chain.chainId,
        safe,
        to: contracts.multiSendCallOnly,
        value: 0n,
        data: encodeMultiSend([calls()['pause']!.call]),
        operation: 1,
      },
      { addressBook: book, registeredAbis },
    );
    expect(decoded.flags.delegatecallToUnknown).toBe(true);
  });

  it('decodes the same batch with no ABI registered, from the protocol artifacts and the bundled set alone', () => {
    const all = Object.values(calls());
    const decoded = decodeTransaction(
      {
        chainId: chain.chainId,
        safe,
        to: contracts.multiSendCallOnly,
        value: 0n,
        data: encodeMultiSend(all.map((t) => t.call)),
        operation: 1,
      },
      {
        addressBook: book,
        artifacts: readArtifactAbis('contracts/artifacts'),
        extraMultiSend: [contracts.multiSendCallOnly],
      },
    );
    const children = decoded.actions[0]!.children;
    expect(children.map((c) => c.class)).toEqual(all.map((t) => t.class));
    expect(children.map((c) => c.source)).toEqual(all.map((t) => (t.call.to === safe ? 'bundled' : 'artifact')));
    expect(decoded.flags).toMatchObject({ ambiguous: false, undecoded: false, truncated: false });
  });
});
