import { AbiCoder, getAddress, Interface, ZeroHash } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import type { CallFrame, SimulationResult } from '../primitives/simulationTypes.js';
import { queuedHandoverFindings } from './queuedHandovers.js';

const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const governor = '0x6060606060606060606060606060606060606060';
const timelock = '0x7100000000000000000000000000000000000071';
const factory = '0x1212121212121212121212121212121212121212';
const council = getAddress('0x0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e');
const stranger = '0x3434343434343434343434343434343434343434';
const abi = new Interface([
  'function queueTransaction(address,uint256,string,bytes,uint256)',
  'function schedule(address,uint256,bytes,bytes32,bytes32,uint256)',
  'function transferOwnership(address)',
  'function setGuard(address)',
]);
const coder = AbiCoder.defaultAbiCoder();
const book = () => new AddressBook().add(governor, 'Governor').add(timelock, 'Timelock').add(factory, 'Factory');

/** A trace in which the Safe calls `to` (the governor), which makes `inner`. */
const traced = (inner: CallFrame[], from = governor): Pick<SimulationResult, 'callTree'> => ({
  callTree: {
    type: 'CALL',
    from: '0x0000000000000000000000000000000000000001',
    to: safe,
    input: '0x',
    calls: [{ type: 'CALL', from: safe, to: from, input: '0x', calls: inner }],
  },
});
const queue = (signature: string, args: string, from = governor): CallFrame => ({
  type: 'CALL',
  from,
  to: timelock,
  input: abi.encodeFunctionData('queueTransaction', [factory, 0n, signature, args, 1_900_000_000n]),
});
const findings = (trace: Pick<SimulationResult, 'callTree'>) =>
  queuedHandoverFindings(trace as SimulationResult, safe, book());

describe('handovers a contract queues in a timelock during the transaction', () => {
  it('reads a queueTransaction by its signature, and one by the selector in its data, as the call it queues', () => {
    const bySignature = queue('transferOwnership(address)', coder.encode(['address'], [stranger]));
    const bySelector = queue('', abi.encodeFunctionData('transferOwnership', [stranger]));
    for (const frame of [bySignature, bySelector])
      expect(findings(traced([frame])).map((f) => f.evidence)).toEqual([
        {
          timelock,
          queuedBy: governor,
          contract: factory,
          signature: 'transferOwnership(address)',
          recipient: stranger,
        },
      ]);
  });

  it('reads an OpenZeppelin schedule made by another contract the same way', () => {
    const schedule: CallFrame = {
      type: 'CALL',
      from: council,
      to: timelock,
      input: abi.encodeFunctionData('schedule', [
        factory,
        0n,
        abi.encodeFunctionData('transferOwnership', [stranger]),
        ZeroHash,
        ZeroHash,
        172_800n,
      ]),
    };
    const [found] = findings(traced([schedule], council));
    expect(found?.explanation).toBe(
      `${council} queues on timelock Timelock (0x7100…0071), to run after 172800 s: transferOwnership(address) on Factory (0x1212…1212), to ${stranger}, which is not a known owner, contract or deployment.`,
    );
  });

  it("leaves the Safe's own queueing to its calldata, and a failed one, a known recipient and a guard removed unsaid", () => {
    const toStranger = coder.encode(['address'], [stranger]);
    expect(findings(traced([queue('transferOwnership(address)', toStranger, safe)]))).toEqual([]);
    expect(
      findings(traced([{ ...queue('transferOwnership(address)', toStranger), error: 'execution reverted' }])),
    ).toEqual([]);
    expect(findings(traced([queue('transferOwnership(address)', coder.encode(['address'], [governor]))]))).toEqual([]);
    expect(findings(traced([queue('setGuard(address)', coder.encode(['address'], ['0x' + '00'.repeat(20)]))]))).toEqual(
      [],
    );
  });
});
