import { AbiCoder, getAddress, Interface, parseEther, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { decodeTransaction } from '../decode/decodeTransaction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { createSafeTx } from '../safe/safeTx.js';
import { staticFindings } from './staticFindings.js';
import { SHORTEST_DELAY_TO_REACT } from './timelockDelayChange.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const usdc = '0x1212121212121212121212121212121212121212';
const stranger = '0x3434343434343434343434343434343434343434';
const erc20 = new Interface(['function transfer(address to, uint256 amount)', 'function approve(address, uint256)']);

function outflowEvidence(to: string, value: bigint, data: string, tokens: ReadonlyMap<string, TokenInfo>) {
  const tx = createSafeTx({ chainId, safe, safeVersion: '1.4.1', nonce: 0n, to, value, data });
  const book = new AddressBook();
  const decoded = decodeTransaction(tx, { addressBook: book, tokens });
  return staticFindings({ tx, decoded, book, tokens }).find((f) => f.code === 'VALUE_OUTFLOW')?.evidence;
}

describe('the "sends value or tokens" evidence', () => {
  it('a token transfer with no native value names the token amount in its units, and no "value 0"', () => {
    const tokens = new Map([[usdc.toLowerCase(), { symbol: 'USDC', decimals: 6 }]]);
    const evidence = outflowEvidence(usdc, 0n, erc20.encodeFunctionData('transfer', [stranger, 1_500_000n]), tokens);
    expect(evidence).toEqual({ path: '', token: usdc, amount: '1.5 USDC' });
  });

  it('a token whose decimals are not known says its amount is in raw units', () => {
    const evidence = outflowEvidence(usdc, 0n, erc20.encodeFunctionData('approve', [stranger, 7n]), new Map());
    expect(evidence).toEqual({ path: '', token: usdc, amount: '7 (raw units)' });
  });

  it('native value sent is named, in ether and wei', () => {
    const evidence = outflowEvidence(stranger, parseEther('2'), '0x', new Map());
    expect(evidence).toEqual({ path: '', value: `2.0 native (${parseEther('2')} wei)` });
  });
});

describe("a Compound-style timelock's queued call is judged as that call, and said to be queued", () => {
  const timelockAt = '0x7177777777777777777777777777777777777777';
  const compound = new Interface([
    'function queueTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)',
    'function setDelay(uint256)',
    'function setPendingAdmin(address)',
  ]);
  const coder = AbiCoder.defaultAbiCoder();
  const eta = 1_797_685_476n;
  const findingsOf = (data: string) => {
    const tx = createSafeTx({ chainId, safe, safeVersion: '1.4.1', nonce: 0n, to: timelockAt, data });
    const book = new AddressBook();
    return staticFindings({ tx, decoded: decodeTransaction(tx, { addressBook: book }), book });
  };

  it('setPendingAdmin(stranger) queued with its signature: control to an unknown address, scheduled, with its eta', () => {
    const queued = findingsOf(
      compound.encodeFunctionData('queueTransaction', [
        timelockAt,
        0n,
        'setPendingAdmin(address)',
        coder.encode(['address'], [stranger]),
        eta,
      ]),
    ).find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS');
    expect(queued?.evidence).toMatchObject({ recipient: getAddress(stranger) });
    expect(queued?.evidence['scheduledBy']).toMatch(/^Queues on timelock .*, to run from 2026-12-19T13:04:36Z/);
    expect(queued?.explanation).toMatch(/^Queues on timelock .*: Names .* the pending admin of/);
  });

  it('setDelay(0) queued with its selector in the data is a delay removed, as updateDelay(0) is', () => {
    const removed = findingsOf(
      compound.encodeFunctionData('queueTransaction', [
        timelockAt,
        0n,
        '',
        compound.encodeFunctionData('setDelay', [0n]),
        eta,
      ]),
    ).find((f) => f.code === 'TIMELOCK_DELAY_REMOVED');
    expect(removed?.evidence).toMatchObject({ next: '0' });
    expect(removed?.evidence['scheduledBy']).toMatch(/^Queues on timelock/);
  });

  it('a handover made now carries no scheduling', () => {
    const now = findingsOf(compound.encodeFunctionData('setPendingAdmin', [stranger])).find(
      (f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS',
    );
    expect(now?.evidence).not.toHaveProperty('scheduledBy');
    expect(now?.explanation).toMatch(/^Names /);
  });
});

describe('a delay set under the hour the guardians need to react is judged as removed, on either side of it', () => {
  const timelockAt = '0x7177777777777777777777777777777777777777';
  const oz = new Interface(['function updateDelay(uint256)']);
  const DAY = 24n * 3600n;
  const codeOf = (next: bigint, current: bigint | undefined) => {
    const tx = createSafeTx({
      chainId,
      safe,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: timelockAt,
      data: oz.encodeFunctionData('updateDelay', [next]),
    });
    const book = new AddressBook();
    const timelockDelays = new Map(current === undefined ? [] : [[timelockAt.toLowerCase(), current]]);
    return staticFindings({ tx, decoded: decodeTransaction(tx, { addressBook: book }), book, timelockDelays }).find(
      (f) => f.code.startsWith('TIMELOCK_DELAY_'),
    );
  };

  it('two days lowered to one second under the floor is removed (critical), and says why', () => {
    const f = codeOf(SHORTEST_DELAY_TO_REACT - 1n, 2n * DAY);
    expect([f?.code, f?.severity]).toEqual(['TIMELOCK_DELAY_REMOVED', 'critical']);
    expect(f?.explanation).toMatch(/from 172800 s now to 3599 s, under the 3600 s the guardians need/);
  });

  it('two days lowered to exactly the floor is lowered (high), not removed', () => {
    const f = codeOf(SHORTEST_DELAY_TO_REACT, 2n * DAY);
    expect([f?.code, f?.severity]).toEqual(['TIMELOCK_DELAY_LOWERED', 'high']);
  });

  it('a delay under the floor with the current one unknown is removed; raised from further under it, it is a change', () => {
    expect(codeOf(60n, undefined)?.code).toBe('TIMELOCK_DELAY_REMOVED');
    expect(codeOf(60n, 30n)?.code).toBe('TIMELOCK_DELAY_CHANGED');
  });
});

describe("a Safe's guard or module set to an address nobody knows, read from the calldata", () => {
  const safeConfig = new Interface([
    'function setGuard(address)',
    'function enableModule(address)',
    'function setModuleGuard(address)',
  ]);
  const codesOf = (data: string, known: readonly string[] = []) => {
    const tx = createSafeTx({ chainId, safe, safeVersion: '1.4.1', nonce: 0n, to: safe, data });
    const book = new AddressBook();
    for (const address of known) book.add(address, 'Team guard');
    return staticFindings({ tx, decoded: decodeTransaction(tx, { addressBook: book }), book }).map((f) => f.code);
  };

  it('setGuard, setModuleGuard and enableModule to a stranger are control to an unknown address', () => {
    for (const fn of ['setGuard', 'setModuleGuard', 'enableModule'])
      expect(codesOf(safeConfig.encodeFunctionData(fn, [stranger])), fn).toContain('CONTROL_TO_UNKNOWN_ADDRESS');
  });

  it('a guard the address book knows, and a guard removed (the zero address), are not', () => {
    expect(codesOf(safeConfig.encodeFunctionData('setGuard', [stranger]), [stranger])).not.toContain(
      'CONTROL_TO_UNKNOWN_ADDRESS',
    );
    expect(codesOf(safeConfig.encodeFunctionData('setGuard', [ZeroAddress]))).not.toContain(
      'CONTROL_TO_UNKNOWN_ADDRESS',
    );
  });
});
