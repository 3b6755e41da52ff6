import { Interface, parseEther, ZeroAddress, ZeroHash } from 'ethers';
import { isGuardianError } from '../errors.js';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { AddressBook } from './addressBook.js';
import { decodeTransaction } from './decodeTransaction.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const vault = '0x1212121212121212121212121212121212121212';
const officialMultiSendCallOnly = '0x40A2aCCbd92BCA938b02010E17A5b8929b49130D';
const vaultAbi = new Interface([
  'function pause()',
  'function transferOwnership(address)',
  'function upgradeToAndCall(address,bytes)',
  'function initializeV2(uint256)',
]);
const safeAbi = new Interface([
  'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
  'function changeThreshold(uint256)',
]);

describe('decodeTransaction', () => {
  it('names a pause in plain words, from the bundled ABIs', () => {
    const book = new AddressBook().add(vault, 'Vault');
    const decoded = decodeTransaction(
      { chainId, safe, to: vault, value: 0n, data: vaultAbi.encodeFunctionData('pause'), operation: 0 },
      { addressBook: book },
    );
    expect(decoded.actions[0]).toMatchObject({
      signature: 'pause()',
      source: 'bundled',
      class: 'emergency-pause',
      sentence: 'Pauses Vault (0x1212…1212)',
    });
    expect(decoded.classes).toEqual(['emergency-pause']);
    expect(decoded.flags).toMatchObject({ delegatecall: false, ambiguous: false, truncated: false });
  });

  it('opens a MultiSend batch through a known deployment and classifies each call', () => {
    const data = encodeMultiSend([
      { operation: 0, to: vault, value: 0n, data: vaultAbi.encodeFunctionData('pause') },
      {
        operation: 0,
        to: vault,
        value: 0n,
        data: vaultAbi.encodeFunctionData('transferOwnership', ['0x' + '99'.repeat(20)]),
      },
    ]);
    const decoded = decodeTransaction({ chainId, safe, to: officialMultiSendCallOnly, value: 0n, data, operation: 1 });
    const root = decoded.actions[0]!;
    expect(root.children.map((c) => [c.path, c.class])).toEqual([
      ['1', 'emergency-pause'],
      ['2', 'role-or-ownership'],
    ]);
    expect(root.warnings[0]).toMatch(/known MultiSend/);
    expect(decoded.flags).toMatchObject({ delegatecall: true, delegatecallToUnknown: false });
    expect(decoded.classes).toEqual(['role-or-ownership', 'emergency-pause']);
  });

  it('surfaces a DELEGATECALL to an unknown contract, the Bybit shape', () => {
    const decoded = decodeTransaction({
      chainId,
      safe,
      to: '0x' + '96'.repeat(20),
      value: 0n,
      data: '0xa9059cbb' + '00'.repeat(64),
      operation: 1,
    });
    expect(decoded.flags.delegatecallToUnknown).toBe(true);
    expect(decoded.actions[0]!.warnings.join(' ')).toMatch(/NOT a known MultiSend/);
  });

  it("decodes a nested Safe's execTransaction and an upgrade initialiser inside it", () => {
    const inner = vaultAbi.encodeFunctionData('upgradeToAndCall', [
      '0x' + '0b'.repeat(20),
      vaultAbi.encodeFunctionData('initializeV2', [7]),
    ]);
    const nested = '0x' + '0e'.repeat(20);
    const data = safeAbi.encodeFunctionData('execTransaction', [
      vault,
      0,
      inner,
      0,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      '0x',
    ]);
    const decoded = decodeTransaction(
      { chainId, safe, to: nested, value: 0n, data, operation: 0 },
      {
        registeredAbis: [{ address: vault, abi: vaultAbi.fragments.map((f) => f.format('full')) }],
        addressBook: new AddressBook().add(nested, 'Ops Safe').add(vault, 'Vault'),
      },
    );
    const root = decoded.actions[0]!;
    expect(root.class).toBe('nested-safe');
    expect(root.children[0]).toMatchObject({ class: 'upgrade', source: 'registered', path: '1' });
    expect(root.children[0]!.children[0]).toMatchObject({
      signature: 'initializeV2(uint256)',
      path: '1.1',
      args: [{ name: 'arg0', value: '7' }],
    });
    expect(root.sentence).toMatch(
      /^Executes on nested Safe Ops Safe .*: Upgrades Vault .* to implementation 0x0B0b.*, then runs its initialiser$/,
    );
  });

  it('shows every candidate of a colliding selector and flags it, never picking one', () => {
    // burn(uint256) and collate_propagate_storage(bytes16) share selector 0x42966c68.
    const data = '0x42966c68' + '00'.repeat(31) + '01';
    const decoded = decodeTransaction({ chainId, safe, to: vault, value: 0n, data, operation: 0 });
    const action = decoded.actions[0]!;
    expect(action.candidates.sort()).toEqual(['burn(uint256)', 'collate_propagate_storage(bytes16)']);
    expect(action.signature).toBeNull();
    expect(action.source).toBe('selector-table');
    expect(action.sentence).toMatch(/ambiguous, it could be/);
    expect(decoded.flags.ambiguous).toBe(true);
  });

  it('trusts a registered ABI over the selector table for its own address only', () => {
    const data = '0x42966c68' + '00'.repeat(31) + '01';
    const registered = [{ address: vault, abi: ['function burn(uint256 amount)'] }];
    expect(
      decodeTransaction({ chainId, safe, to: vault, value: 0n, data, operation: 0 }, { registeredAbis: registered })
        .actions[0],
    ).toMatchObject({ signature: 'burn(uint256)', source: 'registered' });
    expect(
      decodeTransaction({ chainId, safe, to: safe, value: 0n, data, operation: 0 }, { registeredAbis: registered })
        .flags.ambiguous,
    ).toBe(true);
  });

  it('marks what a timelock will run, and a role it grants by name', () => {
    const timelock = new Interface(['function schedule(address,uint256,bytes,bytes32,bytes32,uint256)']);
    const grant = new Interface(['function grantRole(bytes32,address)']).encodeFunctionData('grantRole', [
      ZeroHash,
      '0x' + '77'.repeat(20),
    ]);
    const decoded = decodeTransaction({
      chainId,
      safe,
      to: '0x' + '71'.repeat(20),
      value: 0n,
      data: timelock.encodeFunctionData('schedule', [vault, 0, grant, ZeroHash, ZeroHash, 86400]),
      operation: 0,
    });
    expect(decoded.actions[0]!.sentence).toMatch(
      /^Schedules on timelock .* after 1 day \(86400 s\): Grants DEFAULT_ADMIN_ROLE on .* to 0x7777/,
    );
    expect(decoded.classes).toEqual(['role-or-ownership', 'timelock']);
  });

  it('says when calldata is too short or does not decode as its selector claims', () => {
    expect(
      decodeTransaction({ chainId, safe, to: vault, value: 0n, data: '0x1234', operation: 0 }).actions[0]!.warnings[0],
    ).toMatch(/shorter than a function selector/);
    const bad = decodeTransaction({
      chainId,
      safe,
      to: vault,
      value: 0n,
      data: safeAbi.getFunction('changeThreshold')!.selector + 'ff',
      operation: 0,
    });
    expect(bad.actions[0]!.warnings[0]).toMatch(/does not decode as changeThreshold/);
    expect(bad.flags.undecoded).toBe(true);
  });

  it("never dresses a same-named function of another shape in the standard's words", () => {
    const odd = new Interface(['function transfer(uint256 a, uint256 b)', 'function execTransaction(bytes payload)']);
    const registeredAbis = [{ address: vault, abi: odd.fragments.map((f) => f.format('full')) }];
    const transfer = decodeTransaction(
      { chainId, safe, to: vault, value: 0n, data: odd.encodeFunctionData('transfer', [5, 6]), operation: 0 },
      { registeredAbis },
    );
    expect(transfer.actions[0]).toMatchObject({
      signature: 'transfer(uint256,uint256)',
      source: 'registered',
      class: 'unknown',
      sentence: 'Calls transfer(uint256,uint256) on 0x1212121212121212121212121212121212121212',
    });
    const exec = decodeTransaction(
      {
        chainId,
        safe,
        to: vault,
        value: 0n,
        data: odd.encodeFunctionData('execTransaction', ['0x1234']),
        operation: 0,
      },
      { registeredAbis },
    );
    expect(exec.actions[0]).toMatchObject({ class: 'unknown', children: [] });
  });

  it('shows a collision inside a registered ABI as ambiguous', () => {
    const registeredAbis = [
      { address: vault, abi: ['function burn(uint256)', 'function collate_propagate_storage(bytes16)'] },
    ];
    const decoded = decodeTransaction(
      { chainId, safe, to: vault, value: 0n, data: '0x42966c68' + '00'.repeat(31) + '01', operation: 0 },
      { registeredAbis },
    );
    expect(decoded.actions[0]).toMatchObject({
      source: 'registered',
      signature: null,
      candidates: ['burn(uint256)', 'collate_propagate_storage(bytes16)'],
    });
    expect(decoded.flags.ambiguous).toBe(true);
  });

  it('says when value rides along with a call, and counts it as a native transfer', () => {
    const decoded = decodeTransaction(
      { chainId, safe, to: vault, value: parseEther('1.5'), data: vaultAbi.encodeFunctionData('pause'), operation: 0 },
      { addressBook: new AddressBook().add(vault, 'Vault') },
    );
    expect(decoded.actions[0]!.sentence).toBe('Pauses Vault (0x1212…1212), sending 1.5 native');
    expect(decoded.classes).toEqual(['emergency-pause', 'native-transfer']);
  });

  it('names official Safe deployments, so a fallback handler that is not one stands out', () => {
    const handler = '0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99';
    const data = new Interface(['function setFallbackHandler(address)']).encodeFunctionData('setFallbackHandler', [
      handler,
    ]);
    expect(decodeTransaction({ chainId, safe, to: safe, value: 0n, data, operation: 0 }).actions[0]!.sentence).toBe(
      'Sets the fallback handler of Safe this Safe (0x5aFE…eEEe) to Safe CompatibilityFallbackHandler 1.4.1 (0xfd07…Ec99)',
    );
  });

  it('refuses input that is not a transaction at all, as INVALID_INPUT', () => {
    for (const bad of [{ data: '0x123' }, { data: 'pause' }, { to: '0x1234' }, { operation: 2 as 0 }]) {
      let error: unknown;
      try {
        decodeTransaction({ chainId, safe, to: vault, value: 0n, data: '0x', operation: 0, ...bad });
      } catch (e) {
        error = e;
      }
      expect(isGuardianError(error, 'INVALID_INPUT')).toBe(true);
    }
  });

  it('shows the Poly Network selector as both of its names, with both decodings left to the guardian', () => {
    const data = new Interface(['function putCurEpochConPubKeyBytes(bytes)']).encodeFunctionData(
      'putCurEpochConPubKeyBytes',
      ['0x1234'],
    );
    const decoded = decodeTransaction({ chainId, safe, to: vault, value: 0n, data, operation: 0 });
    expect(decoded.actions[0]).toMatchObject({
      selector: '0x41973cd9',
      signature: null,
      source: 'selector-table',
      candidates: ['f1121318093(bytes,bytes,uint64)', 'putCurEpochConPubKeyBytes(bytes)'],
    });
    expect(decoded.flags).toMatchObject({ ambiguous: true, undecoded: true });
  });

  it("reads an ERC-20 transfer by the bundled standard, above the selector table's colliding name", () => {
    // many_msg_babbage(bytes1) shares 0xa9059cbb; only a registered ABI outranks the bundled standards.
    const data = new Interface(['function transfer(address,uint256)']).encodeFunctionData('transfer', [
      '0x' + '77'.repeat(20),
      2_500_000n,
    ]);
    const tokens = new Map([[vault.toLowerCase(), { symbol: 'USDC', decimals: 6 }]]);
    const decoded = decodeTransaction({ chainId, safe, to: vault, value: 0n, data, operation: 0 }, { tokens });
    expect(decoded.actions[0]).toMatchObject({
      source: 'bundled',
      class: 'token-transfer',
      sentence:
        'Transfers 2.5 USDC of 0x1212121212121212121212121212121212121212 to 0x7777777777777777777777777777777777777777',
    });
    expect(decoded.actions[0]!.args.map((a) => a.value)).toEqual([
      '0x7777777777777777777777777777777777777777',
      '2500000',
    ]);
  });
  it('reads the same calldata the same way every time, and refuses what does not decode every time', () => {
    const upgrade = {
      chainId,
      safe,
      to: vault,
      value: 0n,
      data: vaultAbi.encodeFunctionData('upgradeToAndCall', [
        '0x3333333333333333333333333333333333333333',
        vaultAbi.encodeFunctionData('initializeV2', [7n]),
      ]),
      operation: 0 as const,
    };
    const first = decodeTransaction(upgrade);
    const again = decodeTransaction(upgrade);
    expect(again).toEqual(first);
    expect(again.actions[0]!.args).not.toBe(first.actions[0]!.args);
    expect(again.actions[0]!.args[0]!.value).toBe('0x3333333333333333333333333333333333333333');
    // Its arguments cut short: no remembered reading of the whole calldata stands in for it.
    const cut = { ...upgrade, data: upgrade.data.slice(0, 2 + 8 + 64 * 3) };
    for (let i = 0; i < 2; i++)
      expect(decodeTransaction(cut).actions[0]!.warnings.join(' ')).toMatch(/does not decode as upgradeToAndCall/);
  });
});
