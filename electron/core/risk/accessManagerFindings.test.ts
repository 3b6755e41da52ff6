import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { decodeTransaction } from '../decode/decodeTransaction.js';
import { createSafeTx } from '../safe/safeTx.js';
import { SEVERITY_POLICY } from './severityPolicy.js';
import { staticFindings } from './staticFindings.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const manager = '0x93C7a6D00849c44Ef3E92E95DCEFfccd447909Ae';
const vault = '0x71a9d115E322467147391c4a71D85F8e1cA623EF';
const stranger = '0x3434343434343434343434343434343434343434';
/** OpenZeppelin 5's AccessManager, the functions these rules read. */
const accessManager = new Interface([
  'function grantRole(uint64 roleId, address account, uint32 executionDelay)',
  'function setTargetFunctionRole(address target, bytes4[] selectors, uint64 roleId)',
  'function setTargetClosed(address target, bool closed)',
  'function setGrantDelay(uint64 roleId, uint32 newDelay)',
  'function setTargetAdminDelay(address target, uint32 newDelay)',
  'function execute(address target, bytes data) payable returns (uint32)',
]);
const PUBLIC_ROLE = 2n ** 64n - 1n;
const WITHDRAW = '0xf3fef3a3';

function review(fn: string, args: unknown[]) {
  const tx = createSafeTx({
    chainId,
    safe,
    safeVersion: '1.4.1',
    nonce: 0n,
    to: manager,
    data: accessManager.encodeFunctionData(fn, args),
  });
  const book = new AddressBook();
  book.add(vault, 'Managed vault');
  const decoded = decodeTransaction(tx, {
    addressBook: book,
    registeredAbis: [
      {
        address: manager,
        abi: accessManager.fragments,
      },
    ],
  });
  const findings = staticFindings({ tx, decoded, book });
  return { decoded, findings, codes: findings.map((f) => `${f.code}:${SEVERITY_POLICY[f.code].severity}`) };
}

describe('OpenZeppelin 5 AccessManager calls, judged from the calldata', () => {
  it('a function opened to PUBLIC_ROLE is critical; restricted to a numbered role it is not', () => {
    const opened = review('setTargetFunctionRole', [vault, [WITHDRAW], PUBLIC_ROLE]);
    expect(opened.codes).toEqual(['PERMISSION_OPENED_TO_EVERYONE:critical']);
    expect(opened.findings[0]!.evidence).toMatchObject({ manager, target: vault, selectors: [WITHDRAW] });
    expect(opened.decoded.summary).toMatch(
      /^Opens function 0xf3fef3a3 of Managed vault .* to everyone \(PUBLIC_ROLE\)/,
    );
    expect(review('setTargetFunctionRole', [vault, [WITHDRAW], 1n]).codes).toEqual([]);
  });

  it('a grant delay or an admin delay set under the hour is removed (critical); set to a day, a change to read (medium)', () => {
    expect(review('setGrantDelay', [1n, 0]).codes).toEqual(['TIMELOCK_DELAY_REMOVED:critical']);
    expect(review('setTargetAdminDelay', [vault, 3599]).codes).toEqual(['TIMELOCK_DELAY_REMOVED:critical']);
    expect(review('setTargetAdminDelay', [vault, 86_400]).codes).toEqual(['TIMELOCK_DELAY_CHANGED:medium']);
  });

  it('a role granted to an unknown address is control to an unknown address, ADMIN_ROLE named as the manager names it', () => {
    const granted = review('grantRole', [0n, stranger, 0]);
    expect(granted.codes).toEqual(['CONTROL_TO_UNKNOWN_ADDRESS:critical']);
    expect(granted.decoded.summary).toMatch(/^Grants ADMIN_ROLE on AccessManager .* to 0x3434/);
  });

  it('setTargetClosed(true) is an emergency pause and false an unpause, by its argument; execute() is a relay of its call', () => {
    expect(review('setTargetClosed', [vault, true]).decoded.classes).toEqual(['emergency-pause']);
    expect(review('setTargetClosed', [vault, false]).decoded.classes).toEqual(['unpause']);
    const pause = new Interface(['function pause()']).encodeFunctionData('pause');
    const relayed = review('execute', [vault, pause]);
    expect(relayed.decoded.actions[0]!.children.map((c) => [c.to, c.selector])).toEqual([[vault, pause]]);
    expect(relayed.codes).toEqual([]);
  });
});
