import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { HDNodeWallet, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { verifyOwnerSignature } from '../../electron/core/safe/verifySafeSignatures.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { bundleChildScript } from '../childProcess/bundleChildScript.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';

const GUARDIAN = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const OTHER = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const address = (m: string) => HDNodeWallet.fromPhrase(m, undefined, `m/${ledgerPath('ledger-live', 0)}`).address;

/**
 * A guardian's station signs one transaction, then dies (SIGKILL) while the Ledger waits for approval of the
 * next. The first signature must survive, whole and verifiable, and the second must not half-exist.
 */
const signerSource = `
import { JsonRpcProvider, Network } from 'ethers';
import { openStore } from '../../electron/core/store/openStore.ts';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.ts';
import { signQueueItem } from '../../electron/core/signing/signQueueItem.ts';
import { SoftwareLedger } from '../../electron/core/drill/softwareDevice/softwareLedger.ts';
const [dataDir, rpcUrl, chainId, first, second, mnemonic] = process.argv.slice(2);
const store = openStore({ dataDir });
const provider = new JsonRpcProvider(rpcUrl, Network.from(BigInt(chainId)), { staticNetwork: true, cacheTimeout: -1, batchStallTime: 0 });
const path = "44'/60'/0'/0/0";
await signQueueItem({ store, simulationProvider: provider, app: new LedgerEthApp(new SoftwareLedger({}, mnemonic)), safeTxHash: first, path });
process.stdout.write('signed first\\n');
await signQueueItem({
  store, simulationProvider: provider, path, safeTxHash: second,
  app: new LedgerEthApp(new SoftwareLedger({ decision: 'hang' }, mnemonic)),
  onProgress: (p) => { if (p.stage === 'awaiting-approval') process.stdout.write('awaiting second\\n'); },
});
`;

let chain: TestChain;
let protocol: Protocol;
let safe: string;
let dir: string;
let childScript: string;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  safe = await createSafe(chain, contracts, { owners: [address(GUARDIAN), address(OTHER)], threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-kill-'));
  childScript = await bundleChildScript(signerSource, fileURLToPath(new URL('.', import.meta.url)), 'signer');
});
afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(childScript, { force: true });
});

describe('a station killed mid-signing', () => {
  it('keeps the signature it already made, whole, and no trace of the one it was waiting for', async () => {
    const pause = new Interface(['function pause()', 'function unpause()']);
    const first = createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: protocol.addresses['Vault']!,
      data: pause.encodeFunctionData('pause'),
      nonce: 0n,
    });
    const second = createSafeTx({ ...first, nonce: 1n });
    const store = openStore({ dataDir: dir });
    store.saveSafeInfo({
      chainId: chain.chainId,
      address: safe,
      owners: [address(GUARDIAN), address(OTHER)],
      threshold: 2,
      nonce: 0n,
      version: '1.4.1',
    });
    store.saveQueueItems(
      [first, second].map((t) => ({
        safeTx: t,
        safeTxHash: safeTxHash(t),
        claimedSafeTxHash: safeTxHash(t),
        source: { kind: 'service' as const, url: 'x' },
        confirmations: [],
        fetchedAt: 'now',
      })),
    );
    store.close();

    const child = spawn(
      process.execPath,
      [
        '--no-warnings',
        childScript,
        dir,
        chain.rpcUrl,
        chain.chainId.toString(),
        safeTxHash(first),
        safeTxHash(second),
        GUARDIAN,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('awaiting second')) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(stderr).toBe('');
    expect(stdout).toBe('signed first\nawaiting second\n');

    const raw = new DatabaseSync(join(dir, 'guardian.sqlite'));
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    raw.close();
    const after = openStore({ dataDir: dir });
    const [kept] = after.getQueueItem(safeTxHash(first)).confirmations;
    expect(kept!.owner).toBe(address(GUARDIAN));
    expect(verifyOwnerSignature(safeTxHash(first), kept!.signature, address(GUARDIAN)).signer).toBe(address(GUARDIAN));
    expect(after.listAudit({ safeTxHash: safeTxHash(first), kind: 'signature' })).toHaveLength(1);
    expect(after.getQueueItem(safeTxHash(second)).confirmations).toEqual([]);
    expect(after.listAudit({ safeTxHash: safeTxHash(second), kind: 'signature' })).toEqual([]);
    after.close();
  });
});
