import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { runGuardian } from '../cli/runGuardian.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

let chain: TestChain;
let protocol: Protocol;
let safe: string;
let dir: string;
const env = () => ({ GUARDIAN_DATA_DIR: join(dir, 'data') });
const artifacts = new URL('../../contracts/artifacts', import.meta.url).pathname;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  safe = await createSafe(chain, contracts, { owners: chain.wallets.slice(0, 3).map((w) => w.address), threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-review-cli-'));
});
afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A transaction typed in by flags: the Safe never pulled, its owners read from the fork itself. */
const byFlags = (data: string, extra: string[] = []) => [
  'review',
  '--chain-id',
  String(chain.chainId),
  '--safe',
  safe,
  '--safe-version',
  '1.4.1',
  '--nonce',
  '0',
  '--to',
  protocol.addresses['Vault']!,
  '--data',
  data,
  ...extra,
];

describe('guardian review by flags, carried and replayed offline', () => {
  it('reviews a pause on a fork, carries its pre-state, and replays it with no network to the same answer', async () => {
    const pause = new Interface(['function pause()']).encodeFunctionData('pause');
    const carry = join(dir, 'pause.carried.json');
    const live = await runGuardian(
      [...byFlags(pause, ['--rpc', chain.rpcUrl, '--artifacts', artifacts, '--carry', carry, '--json'])],
      env(),
    );
    expect(live.stderr).toMatch(/simulating: execTransaction/);
    expect(live.code).toBe(0);
    const [reviewed] = JSON.parse(live.stdout) as Array<{
      worst: string;
      diff: { contracts: Array<{ changes: unknown[] }> };
      calls: { lines: Array<{ depth: number; type: string; to: string; fn: string; value: string }> };
    }>;
    expect(reviewed!.diff.contracts.flatMap((c) => c.changes)).toContainEqual({
      what: 'paused',
      before: 'false',
      after: 'true',
    });
    expect(
      reviewed!.calls.lines.filter((l) => l.fn === 'pause()').map((l) => [l.depth, l.type, l.to, l.value]),
    ).toEqual([
      [2, 'CALL', protocol.addresses['Vault'], '0'],
      [3, 'DELEGATECALL', protocol.vaultImplementation, '0'],
    ]);
    expect(JSON.parse(readFileSync(carry, 'utf8'))).toMatchObject({ version: 1, proofs: expect.any(Array) });

    const offline = await runGuardian(
      [...byFlags(pause, ['--replay', carry, '--artifacts', artifacts, '--json'])],
      env(),
    );
    expect(offline.stderr).toMatch(/proven against the state root/);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)[0].diff).toEqual(JSON.parse(live.stdout)[0].diff);
  });

  it('exits with the worst finding: 3 for an ownership hand-over to a stranger, printed for a person', async () => {
    const handover = new Interface(['function transferOwnership(address)']).encodeFunctionData('transferOwnership', [
      chain.wallets[8]!.address,
    ]);
    const run = await runGuardian(byFlags(handover, ['--rpc', chain.rpcUrl]), env());
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/owner\s+0x\w+ → 0x\w+/);
    expect(run.stdout).toMatch(/CRITICAL .*\[CONTROL_TO_UNKNOWN_ADDRESS\]/);
    expect(run.stdout).toMatch(
      /safeTxHash\s+0x[0-9a-f]{64}\n\s+the same hash the Safe computed from the simulated calldata/,
    );
    // What it did, call by call: into the Safe, its singleton, the Vault proxy, and the proxy's implementation.
    expect(run.stdout).toMatch(
      /Calls\n\s+CALL this Safe \(0x\w{4}…\w{4}\) execTransaction\(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes\)\n\s+DELEGATECALL 0x\w{40} execTransaction\(.*\)\n\s+CALL 0x\w{40} transferOwnership\(address\)\n\s+DELEGATECALL 0x\w{40} transferOwnership\(address\)\n/,
    );
  });

  it('keeps what a token said of its decimals, so decoding reads its amounts in units from then on, offline', async () => {
    const token = await protocol.token.getAddress();
    const transfer = new Interface(['function transfer(address,uint256)']).encodeFunctionData('transfer', [
      chain.wallets[8]!.address,
      1_200n * 10n ** 18n,
    ]);
    const decode = ['decode', '--chain-id', String(chain.chainId), '--safe', safe, '--to', token, '--data', transfer];
    expect((await runGuardian(decode, env())).stdout).toMatch(/Transfers 1200000000000000000000 \(raw units\)/);
    const reviewed = await runGuardian(
      [
        'review',
        '--chain-id',
        String(chain.chainId),
        '--safe',
        safe,
        '--safe-version',
        '1.4.1',
        '--nonce',
        '0',
        '--to',
        token,
        '--data',
        transfer,
        '--rpc',
        chain.rpcUrl,
      ],
      env(),
    );
    expect(reviewed.stdout).toMatch(/Transfers 1200\.0 \w+ of/);
    expect((await runGuardian(decode, env())).stdout).toMatch(/Transfers 1200\.0 \w+ of/);
  });

  it('exits 4 or more, by the exit-code table, when it cannot review: an unreachable chain, a tampered carried state', async () => {
    const pause = new Interface(['function pause()']).encodeFunctionData('pause');
    const unreachable = await runGuardian(byFlags(pause, ['--rpc', 'http://127.0.0.1:9']), env());
    expect(unreachable.code).toBe(EXIT_FOR_ERROR.RPC_UNREACHABLE);
    expect(unreachable.stderr).toMatch(/could not review: .*\[RPC_UNREACHABLE\]/);

    const carried = JSON.parse(readFileSync(join(dir, 'pause.carried.json'), 'utf8')) as {
      prestate: Record<string, { balance?: string }>;
    };
    const victim = Object.values(carried.prestate).find((a) => a.balance && BigInt(a.balance) > 0n)!;
    victim.balance = '0x1';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(carried));
    const tampered = await runGuardian(byFlags(pause, ['--replay', join(dir, 'tampered.json')]), env());
    expect(tampered.code).toBe(EXIT_FOR_ERROR.STATE_PROOF_INVALID);
    expect(tampered.stderr).toMatch(/does not verify against the block's state root|differs/);
  });
});
