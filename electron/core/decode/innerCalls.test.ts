import { getAddress, Interface, ZeroAddress, ZeroHash } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { AddressBook } from './addressBook.js';
import { decodeTransaction } from './decodeTransaction.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const vault = '0x1212121212121212121212121212121212121212';
const proxyAdmin = '0xAD00000000000000000000000000000000000001';
const timelock = '0x7100000000000000000000000000000000000071';
const nestedSafe = '0x0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E0E';
const impl = getAddress('0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
const abi = new Interface([
  'function pause()',
  'function initializeV2(uint256)',
  'function upgradeAndCall(address,address,bytes)',
  'function scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
  'function executeBatch(address[],uint256[],bytes[],bytes32,bytes32)',
  'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
  'function changeMasterCopy(address)',
  'function schedule(address,uint256,bytes,bytes32,bytes32,uint256)',
  'function upgradeToAndCall(address,bytes)',
  'function transferOwnership(address)',
  'function queueTransaction(address,uint256,string,bytes,uint256)',
  'function setFallbackHandler(address)',
  'function propose(address[],uint256[],string[],bytes[],string)',
  'function castVote(uint256,bool)',
  'function execute(uint256)',
]);
const governor = '0x6060606060606060606060606060606060606060';
const book = () =>
  new AddressBook()
    .add(vault, 'Vault')
    .add(proxyAdmin, 'ProxyAdmin')
    .add(timelock, 'Timelock')
    .add(nestedSafe, 'Ops Safe')
    .add(governor, 'Governor');
const decode = (
  to: string,
  data: string,
  operation: 0 | 1 = 0,
  registered: Array<{ address: string; abi: string[] }> = [],
) =>
  decodeTransaction(
    { chainId, safe, to, value: 0n, data, operation },
    { addressBook: book(), registeredAbis: registered },
  );

describe('calls inside calls', () => {
  it('says a timelock schedule schedules, with its delay, and reads the scheduled call as that call', () => {
    const upgrade = abi.encodeFunctionData('upgradeToAndCall', [impl, '0x']);
    const decoded = decode(
      timelock,
      abi.encodeFunctionData('schedule', [vault, 0, upgrade, ZeroHash, ZeroHash, 172800]),
    );
    expect(decoded.summary).toBe(
      `Schedules on timelock Timelock (0x7100…0071), to run after 2 days (172800 s): Upgrades Vault (0x1212…1212) to implementation ${impl}`,
    );
    expect(decoded.actions[0]!.children[0]).toMatchObject({
      to: vault,
      signature: 'upgradeToAndCall(address,bytes)',
      class: 'upgrade',
    });
    expect(decoded.classes).toEqual(expect.arrayContaining(['upgrade', 'timelock']));
  });

  it('reads a Compound-style queueTransaction: the call rebuilt from its signature and arguments, queued for its eta', () => {
    const stranger = getAddress('0x' + 'ba'.repeat(20));
    const args = '0x' + abi.encodeFunctionData('transferOwnership', [stranger]).slice(10);
    const decoded = decode(
      timelock,
      abi.encodeFunctionData('queueTransaction', [vault, 0, 'transferOwnership(address)', args, 1_800_000_000]),
    );
    expect(decoded.actions[0]!.children[0]).toMatchObject({
      to: vault,
      signature: 'transferOwnership(address)',
      args: [{ value: stranger }],
    });
    expect(decoded.summary).toBe(
      `Queues on timelock Timelock (0x7100…0071), to run from 2027-01-15T08:00:00Z (unix time 1800000000): Transfers ownership of Vault (0x1212…1212) to ${stranger}`,
    );
  });

  it('reads a GovernorAlpha proposal as the calls its timelock will run, each judged as proposed, not done now', () => {
    const args = new Interface(['function f(address)']).encodeFunctionData('f', [nestedSafe]);
    const decoded = decode(
      governor,
      abi.encodeFunctionData('propose', [
        [vault, timelock],
        [0, 0],
        ['transferOwnership(address)', ''],
        [`0x${args.slice(10)}`, abi.encodeFunctionData('setFallbackHandler', [nestedSafe])],
        'Hand the vault to the ops Safe',
      ]),
    );
    expect(decoded.actions[0]!.class).toBe('governance');
    expect(decoded.actions[0]!.children.map((c) => [c.to, c.signature])).toEqual([
      [vault, 'transferOwnership(address)'],
      [timelock, 'setFallbackHandler(address)'],
    ]);
    expect(decoded.actions[0]!.sentence).toBe(
      'Proposes on governor Governor (0x6060…6060), to run through its timelock if the vote passes: 2 calls',
    );
    expect(decoded.summary).toBe(
      'Proposes on governor Governor (0x6060…6060), to run through its timelock if the vote passes: Transfers ownership of Vault (0x1212…1212) to Ops Safe (0x0E0e…0e0E); ' +
        'Proposes on governor Governor (0x6060…6060), to run through its timelock if the vote passes: Sets the fallback handler of Safe Timelock (0x7100…0071) to Ops Safe (0x0E0e…0e0E)',
    );
  });

  it("says when a proposal's arrays disagree in length, as the governor would refuse it", () => {
    const decoded = decode(
      governor,
      abi.encodeFunctionData('propose', [[vault, vault], [0], ['pause()'], ['0x'], 'Pause']),
    );
    expect(decoded.actions[0]!.children).toHaveLength(2);
    expect(decoded.actions[0]!.warnings).toContain(
      'The proposal lists 2 targets, 1 values, 1 signatures and 1 payloads; the governor would refuse it.',
    );
  });

  it('names the proposal a vote or an execution is for, and which way the vote goes', () => {
    expect(decode(governor, abi.encodeFunctionData('castVote', [7, false])).summary).toBe(
      'Votes against proposal 7 on governor Governor (0x6060…6060)',
    );
    expect(decode(governor, abi.encodeFunctionData('execute', [7])).summary).toBe(
      'Executes proposal 7 of governor Governor (0x6060…6060): the calls it queued in its timelock run now',
    );
  });

  it('reads a vote for a proposal as the calls the governor holds for it; a vote against holds none', () => {
    const actions = {
      targets: [timelock],
      values: [0n],
      signatures: ['setPendingAdmin(address)'],
      calldatas: [`0x${nestedSafe.slice(2).toLowerCase().padStart(64, '0')}`],
    };
    const asked: Array<[string, bigint]> = [];
    const readProposal = (at: string, proposalId: bigint) => (asked.push([at, proposalId]), actions);
    const vote = (support: boolean) =>
      decodeTransaction(
        {
          chainId,
          safe,
          to: governor,
          value: 0n,
          data: abi.encodeFunctionData('castVote', [7, support]),
          operation: 0,
        },
        { addressBook: book(), readProposal },
      );
    const forIt = vote(true);
    expect(asked).toEqual([[getAddress(governor), 7n]]);
    expect(forIt.summary).toBe(
      'Votes for proposal 7 on governor Governor (0x6060…6060), which would: Names Ops Safe (0x0E0e…0e0E) the pending admin of Timelock (0x7100…0071): it alone can then accept the admin role',
    );
    expect(forIt.actions[0]!.children[0]).toMatchObject({ to: timelock, signature: 'setPendingAdmin(address)' });
    const against = vote(false);
    expect(against.actions[0]!.children).toEqual([]);
    expect(against.summary).toBe('Votes against proposal 7 on governor Governor (0x6060…6060)');
  });

  it('says plainly when a governor cannot tell what the proposal voted for would do', () => {
    const oz = new Interface(['function castVote(uint256,uint8)']);
    const decoded = decodeTransaction(
      { chainId, safe, to: governor, value: 0n, data: oz.encodeFunctionData('castVote', [9, 1]), operation: 0 },
      {
        addressBook: book(),
        registeredAbis: [{ address: governor, abi: ['function castVote(uint256,uint8)'] }],
        readProposal: () => null,
      },
    );
    expect(decoded.summary).toBe('Votes for proposal 9 on governor Governor (0x6060…6060)');
    expect(decoded.actions[0]!.warnings.join(' ')).toMatch(
      /^The governor does not answer getActions\(9\), so the console cannot read what proposal 9 would do/,
    );
  });

  it('decodes a ProxyAdmin initialiser against the proxy it runs in', () => {
    const init = abi.encodeFunctionData('initializeV2', [9]);
    const root = decode(proxyAdmin, abi.encodeFunctionData('upgradeAndCall', [vault, impl, init]), 0, [
      { address: vault, abi: ['function initializeV2(uint256 version)'] },
    ]).actions[0]!;
    expect(root.sentence).toBe(
      `Upgrades Vault (0x1212…1212) to implementation ${impl} through ProxyAdmin ProxyAdmin (0xAD00…0001), then runs its initialiser`,
    );
    expect(root.children[0]).toMatchObject({
      to: vault,
      path: '1',
      signature: 'initializeV2(uint256)',
      source: 'registered',
      args: [{ name: 'version', value: '9' }],
    });
  });

  it('lists every call of a timelock batch, and says when its arrays disagree in length', () => {
    const pause = abi.encodeFunctionData('pause');
    const good = decode(
      timelock,
      abi.encodeFunctionData('scheduleBatch', [[vault, vault], [0, 0], [pause, pause], ZeroHash, ZeroHash, 172800]),
    ).actions[0]!;
    expect(good.sentence).toBe('Schedules on timelock Timelock (0x7100…0071), to run after 2 days (172800 s): 2 calls');
    expect(good.children.map((c) => [c.path, c.class])).toEqual([
      ['1', 'emergency-pause'],
      ['2', 'emergency-pause'],
    ]);
    const bad = decode(
      timelock,
      abi.encodeFunctionData('executeBatch', [[vault, vault], [0], [pause], ZeroHash, ZeroHash]),
    ).actions[0]!;
    expect(bad.warnings).toContain('The batch lists 2 targets, 1 values and 1 payloads; the timelock would revert.');
  });

  it('surfaces a DELEGATECALL that a nested Safe makes, two levels down a batch', () => {
    const inner = abi.encodeFunctionData('execTransaction', [
      impl,
      0,
      '0x12345678',
      1,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      '0x',
    ]);
    const decoded = decode(
      '0x40A2aCCbd92BCA938b02010E17A5b8929b49130D',
      encodeMultiSend([{ operation: 0, to: nestedSafe, value: 0n, data: inner }]),
      1,
    );
    const deep = decoded.actions[0]!.children[0]!.children[0]!;
    expect(deep).toMatchObject({ path: '1.1', operation: 1, to: impl });
    expect(deep.warnings[0]).toMatch(/NOT a known MultiSend/);
    expect(decoded.flags).toMatchObject({ delegatecall: true, delegatecallToUnknown: true });
  });

  it('says when a Safe would take a singleton or fallback handler that is not an official deployment', () => {
    const stranger = '0x9999999999999999999999999999999999999999';
    expect(decode(safe, abi.encodeFunctionData('changeMasterCopy', [stranger])).actions[0]!.warnings).toEqual([
      `${stranger} is not an official Safe singleton on chain 1: the Safe would run its code, with full control of its funds.`,
    ]);
    expect(decode(safe, abi.encodeFunctionData('setFallbackHandler', [stranger])).actions[0]!.warnings[0]).toMatch(
      /is not an official Safe fallback handler on chain 1/,
    );
    expect(
      decode(safe, abi.encodeFunctionData('changeMasterCopy', ['0x41675C099F32341bf84BFc5382aF534df5C7461a']))
        .actions[0]!,
    ).toMatchObject({
      warnings: [],
      sentence: 'Replaces the code (singleton) of Safe this Safe (0x5aFE…eEEe) with Safe singleton 1.4.1 (0x4167…461a)',
    });
  });

  it('says that MultiSendCallOnly would revert on a DELEGATECALL inside its batch', () => {
    const batch = encodeMultiSend([{ operation: 1, to: impl, value: 0n, data: '0x' }]);
    expect(decode('0x9641d764fc13c8B624c04430C7356C1C7C8102e2', batch, 1).actions[0]!.warnings).toContain(
      'MultiSendCallOnly reverts on a DELEGATECALL inside its batch: this transaction would fail as a whole.',
    );
    expect(decode('0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526', batch, 1).actions[0]!.warnings.join(' ')).not.toMatch(
      /MultiSendCallOnly/,
    );
  });
  it('reads the same calls and gives the same warnings each time the same calldata is decoded, for each target', () => {
    const init = abi.encodeFunctionData('initializeV2', [5n]);
    const upgrade = abi.encodeFunctionData('upgradeToAndCall', [impl, init]);
    // The initialiser runs at whichever proxy the upgrade is sent to.
    expect(decode(vault, upgrade).actions[0]!.children[0]!.to).toBe(vault);
    expect(decode(timelock, upgrade).actions[0]!.children[0]!.to).toBe(timelock);
    const nested = abi.encodeFunctionData('execTransaction', [
      vault,
      0,
      '0x',
      2,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      '0x',
    ]);
    const [first, again] = [decode(nestedSafe, nested), decode(nestedSafe, nested)];
    expect(first.actions[0]!.warnings).toContain('The nested Safe transaction has operation 2, which a Safe rejects.');
    expect(again).toEqual(first);
  });
});
