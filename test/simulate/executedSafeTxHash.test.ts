import { AbiCoder, id } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { executedSafeTxHash } from '../../electron/core/simulate/executedSafeTxHash.js';
import { simulateSafeTx } from '../../electron/core/simulate/simulateSafeTx.js';
import type { CallFrame } from '../../electron/core/primitives/simulationTypes.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';

let chain: TestChain;
let owner: string;
let tx: SafeTx;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  owner = chain.wallets[0]!.address;
  // Threshold 1: the sender's own approval is the only check, so nothing else ties the calldata to the hash.
  const safe = await createSafe(chain, contracts, { owners: [owner], threshold: 1 });
  tx = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    nonce: 0n,
    to: chain.wallets[5]!.address,
    data: '0x',
  });
});
afterAll(async () => chain?.stop());

describe('the safeTxHash the Safe reports executing', () => {
  it("is the hash this machine computed, read from the real Safe's ExecutionSuccess", async () => {
    const sim = await simulateSafeTx({ provider: chain.provider, tx, owners: [owner], threshold: 1 });
    expect(sim.executedSafeTxHash).toBe(safeTxHash(tx).toLowerCase());
  });

  it('refuses a simulation whose calldata the Safe hashed to another transaction, naming both hashes', async () => {
    const other = safeTxHash({ ...tx, nonce: 1n });
    const failure = await simulateSafeTx({
      provider: chain.provider,
      tx,
      owners: [owner],
      threshold: 1,
      safeTxHash: other,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SIMULATION_FAILED' });
    expect((failure as Error).message).toContain(safeTxHash(tx).toLowerCase());
    expect((failure as Error).message).toContain(other);
  });

  it('reads the hash from a topic or from the data, ignores other contracts and reverted frames', () => {
    const safe = '0x00000000000000000000000000000000000000aa';
    const hash = `0x${'ab'.repeat(32)}`;
    const success = id('ExecutionSuccess(bytes32,uint256)');
    const frame = (logs: CallFrame['logs'], extra: Partial<CallFrame> = {}): CallFrame =>
      ({ type: 'CALL', from: safe, to: safe, input: '0x', gasUsed: '0x0', logs, ...extra }) as CallFrame;
    expect(
      executedSafeTxHash(
        frame([{ address: safe, topics: [success, hash], data: AbiCoder.defaultAbiCoder().encode(['uint256'], [0]) }]),
        safe,
      ),
    ).toBe(hash);
    expect(
      executedSafeTxHash(
        frame([], {
          calls: [
            frame([
              {
                address: safe,
                topics: [success],
                data: AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [hash, 0]),
              },
            ]),
          ],
        }),
        safe,
      ),
    ).toBe(hash);
    expect(
      executedSafeTxHash(frame([{ address: chain.wallets[1]!.address, topics: [success, hash], data: '0x' }]), safe),
    ).toBeNull();
    expect(
      executedSafeTxHash(
        frame([{ address: safe, topics: [success, hash], data: '0x' }], { error: 'execution reverted' }),
        safe,
      ),
    ).toBeNull();
    // A Safe transaction that runs another of the same Safe's, or delegatecalls code emitting a look-alike event:
    // the execution's own event is in the shallower frame, and it is the one read.
    const nested = frame([], {
      calls: [frame([{ address: safe, topics: [success, `0x${'cd'.repeat(32)}`], data: '0x' }])],
    });
    expect(
      executedSafeTxHash(frame([{ address: safe, topics: [success, hash], data: '0x' }], { calls: [nested] }), safe),
    ).toBe(hash);
  });
});
