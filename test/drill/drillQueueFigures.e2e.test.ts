import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, HDNodeWallet, concat } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillGuardianPath, startDrillChain, type DrillChain } from '../../electron/core/drill/drillChain.js';
import { DRILL_CHAIN_ID } from '../../electron/core/drill/drillDevice.js';
import { drillSafeTx } from '../../electron/core/drill/drillTransactions.js';
import { startLoopbackService, type LoopbackService } from '../../electron/core/drill/localTransactionService.js';
import { findTransaction } from '../../electron/core/drill/serviceState.js';
import type { SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { runGuardian } from '../cli/runGuardian.js';

const minute = 60_000;
const SAFE_ABI = [
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
];

let chain: DrillChain;
let service: LoopbackService;
let keys: HDNodeWallet[];
const dataDir = mkdtempSync(join(tmpdir(), 'guardian-drill-figures-'));
const env = { GUARDIAN_DATA_DIR: dataDir };
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
/** A drill key's EOA signature of the safeTxHash, as the service stores a confirmation. */
const sign = (key: HDNodeWallet, hash: string) => key.signingKey.sign(hash).serialized;

async function execute(tx: SafeTx, signers: HDNodeWallet[]): Promise<string> {
  const hash = safeTxHash(tx);
  const sorted = [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const safe = new Contract(chain.safe, SAFE_ABI, keys[0]!.connect(chain.provider));
  const sent = await safe.getFunction('execTransaction')(
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    concat(sorted.map((k) => sign(k, hash))),
  );
  return ((await sent.wait()) as { hash: string }).hash;
}

beforeAll(async () => {
  chain = await startDrillChain({ guardians: 3, threshold: 2 });
  service = await startLoopbackService({ chainId: DRILL_CHAIN_ID });
  const root = HDNodeWallet.fromPhrase(chain.mnemonic, undefined, 'm');
  keys = [0, 1, 2].map((i) => root.derivePath(`m/${drillGuardianPath(i)}`));
  const setup = {
    address: chain.safe,
    owners: chain.guardians,
    threshold: 2,
    version: '1.4.1',
    chainId: DRILL_CHAIN_ID,
  };
  // Nonce 0: the pause, proposed 90 minutes ago and executed on the drill chain, the service dating it 40 after.
  service.setSafe({ ...setup, nonce: 0n });
  const pause = drillSafeTx(chain, 'pause', 0n, DRILL_CHAIN_ID);
  const executed = service.addMultisigTx(pause, { proposer: chain.guardians[0]! });
  const transactionHash = await execute(pause, [keys[0]!, keys[1]!]);
  Object.assign(findTransaction(service.state, safeTxHash(pause))!, {
    submissionDate: ago(90 * minute),
    isExecuted: true,
    isSuccessful: true,
    executionDate: ago(50 * minute),
    transactionHash,
  });
  expect(executed.isExecuted).toBe(true);
  // Nonce 1: the unpause, pending: proposed 30 minutes ago, guardian 1's signature 12 minutes after it.
  service.setSafe({ ...setup, nonce: 1n });
  const unpause = drillSafeTx(chain, 'unpause', 1n, DRILL_CHAIN_ID);
  const pending = service.addMultisigTx(unpause, {
    proposer: chain.guardians[0]!,
    confirmations: [{ owner: chain.guardians[0]!, signature: sign(keys[0]!, safeTxHash(unpause)) }],
  });
  // Both dated from one moment: a millisecond passing between two ago() calls made the gap 12 minutes and 1 ms.
  const proposedAt = Date.now() - 30 * minute;
  pending.submissionDate = new Date(proposedAt).toISOString();
  (pending.confirmations as Array<Record<string, unknown>>)[0]!.submissionDate = new Date(
    proposedAt + 12 * minute,
  ).toISOString();
  const added = await runGuardian(
    ['safe', 'add', `${DRILL_CHAIN_ID}:${chain.safe}`, '--service', service.url, '--rpc', chain.rpcUrl],
    env,
  );
  expect(added.code, added.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the live figures on the queue, on a drill chain', () => {
  it('gives the pending transaction its age, the time to its signature and what the threshold still needs', async () => {
    const run = await runGuardian(['queue', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const { items } = JSON.parse(run.stdout) as {
      items: Array<{
        nonce: string;
        figures: Record<string, unknown> & { confirmations: Array<Record<string, unknown>> };
      }>;
    };
    expect(items).toHaveLength(1);
    const figures = items[0]!.figures;
    expect(figures).toMatchObject({ threshold: 2, verifiedSignatures: 1, needs: 1, doubts: [] });
    // Dates carry milliseconds, so the age is 30 minutes and however long the pull took.
    expect(figures['sinceProposalMs']).toBeGreaterThanOrEqual(30 * minute);
    expect(figures['sinceProposalMs']).toBeLessThan(31 * minute);
    expect(figures.confirmations).toEqual([
      expect.objectContaining({ owner: chain.guardians[0], status: 'valid', afterProposalMs: 12 * minute }),
    ]);
    const human = await runGuardian(['queue', '--offline'], env);
    expect(human.stdout).toMatch(
      new RegExp(
        `proposed 30 ?m(in)?\\S* ago · needs 1 more · signed: ${chain.guardians[0]!.slice(0, 6)}…${chain.guardians[0]!.slice(-4)} after 12 ?m`,
      ),
    );
  });

  it('keeps the executed pause in the Safe’s latency history, timed by its block rather than the service’s date', async () => {
    const run = await runGuardian(['safe', 'latency', `${DRILL_CHAIN_ID}:${chain.safe}`, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const latency = JSON.parse(run.stdout) as {
      medianMs: number;
      checkedOnChain: number;
      last: Array<Record<string, unknown>>;
    };
    expect(latency.last).toHaveLength(1);
    expect(latency.last[0]).toMatchObject({ nonce: '0' });
    // The service dates the execution 40 minutes after the proposal; the block that holds it was mined just now,
    // 90 minutes after the proposal, and the chain's word is the one kept.
    expect(latency.checkedOnChain).toBe(1);
    expect(latency.medianMs).toBeGreaterThanOrEqual(89 * minute);
    expect(latency.medianMs).toBeLessThan(91 * minute);
  });
});
