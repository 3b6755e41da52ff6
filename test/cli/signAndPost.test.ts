import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { signVerbWith } from '../../electron/cli/verbs/sign.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import { SoftwareLedger, type DeviceReview } from '../ledger/softwareDevice/softwareLedger.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import type { LoopbackService } from '../service/loopbackService.js';
import {
  GUARDIAN_A,
  GUARDIAN_B,
  guardianAddress,
  pauseOf,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { appBehindGate } from '../app/throughGate.js';
import { runGuardian, type GuardianRun } from './runGuardian.js';
import { runVerbHere } from './runVerbHere.js';

const path0 = ledgerPath('ledger-live', 0);

let guarded: GuardedProtocol;
let chain: TestChain;
let service: LoopbackService;
let protocol: Protocol;
let safe: string;
let hash: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

/** `guardian sign` in this process, its Ledger a software one that records what its screens showed. */
async function signHere(
  mnemonic: string,
  args: string[],
  shown: DeviceReview[],
  usb?: { device: SoftwareLedger; list: () => Promise<PluggedLedger[]>; stderr?: (text: string) => void },
): Promise<GuardianRun> {
  const device = () => new SoftwareLedger({ approves: (review) => (shown.push(review), true) }, mnemonic);
  const verb = signVerbWith(
    usb
      ? { openDevice: async () => usb.device, listDevices: usb.list, pollMs: 5 }
      : { openDevice: async () => device() },
  );
  // At a terminal, sign waits for the Ledger to be plugged in.
  return runVerbHere(verb, args, env(), usb && { onStderr: usb.stderr });
}

const servedConfirmations = () => {
  const tx = [...service.state.safes.values()]
    .flatMap((s) => s.transactions)
    .find((t) => String(t['safeTxHash']).toLowerCase() === hash.toLowerCase())!;
  return (tx['confirmations'] as Array<Record<string, unknown>>).map((c) => String(c['owner']).toLowerCase());
};

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  ({ chain, service, protocol, safe } = guarded);
  const tx = pauseOf(guarded);
  service.addTransaction(tx);
  hash = safeTxHash(tx);
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-sign-post-'));
  const store = openStore({ dataDir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Protocol',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
  store.close();
});
afterAll(async () => {
  await guarded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian sign --show-address and guardian post', () => {
  it('shows the owner on the device and prints the fields it shows; a post the service refuses is kept and retried by guardian post', async () => {
    const shown: DeviceReview[] = [];
    service.setHostile({ kind: 'status', status: 500 });
    const signed = await signHere(GUARDIAN_A, [hash.slice(0, 12), '--path', path0, '--show-address'], shown);
    service.setHostile(null);

    expect(shown[0]).toMatchObject({ kind: 'address', path: `m/${path0}`, address: guardianAddress(GUARDIAN_A) });
    expect(shown[1]).toMatchObject({ kind: 'eip712-full' });
    expect(signed.stderr).toContain(
      `The Ledger shows its address at ${path0}: approve only if it is the owner ${guardianAddress(GUARDIAN_A)}.`,
    );
    expect(signed.stderr).toContain('(full mode, field by field)');
    expect(signed.stderr).toMatch(new RegExp(`\\n {2}verifyingContract +${safe}\\n`));
    expect(signed.stderr).toMatch(new RegExp(`\\n {2}to +${protocol.addresses['Vault']}\\n`));
    expect(signed.stderr).toMatch(/\n {2}operation +0 \(CALL\)\n/);
    expect(signed.stderr).toContain(`guardian post ${hash.slice(0, 10)}`);
    expect(signed.code).toBe(EXIT.UNREACHABLE);
    expect(servedConfirmations()).toEqual([]);

    const post = await runGuardian(['post', hash.slice(0, 12), '--json'], env());
    expect(post.code).toBe(EXIT.OK);
    expect(JSON.parse(post.stdout)).toEqual({
      outcomes: [{ safeTxHash: hash.toLowerCase(), owner: guardianAddress(GUARDIAN_A), origin: 'local', posted: true }],
    });
    expect(servedConfirmations()).toEqual([guardianAddress(GUARDIAN_A).toLowerCase()]);

    const again = await runGuardian(['post'], env());
    expect(again.code).toBe(EXIT.OK);
    expect(again.stdout).toContain('Nothing to post');
  });

  it('posts again from the app, through the IPC gate, a signature the service refused, with no device', async () => {
    const shown: DeviceReview[] = [];
    service.setHostile({ kind: 'status', status: 500 });
    const signed = await signHere(GUARDIAN_B, [hash.slice(0, 12), '--path', path0], shown);
    service.setHostile(null);
    expect(signed.code).toBe(EXIT.UNREACHABLE);
    expect(servedConfirmations()).not.toContain(guardianAddress(GUARDIAN_B).toLowerCase());

    const store = openStore({ dataDir });
    try {
      const { invoke } = appBehindGate({ store, dataDir });
      const first = await invoke('queue.postAgain', { safeTxHash: hash.toLowerCase() });
      expect(first).toEqual({
        ok: true,
        value: { outcomes: [{ owner: guardianAddress(GUARDIAN_B), posted: true, failure: null }] },
      });
      expect(servedConfirmations()).toContain(guardianAddress(GUARDIAN_B).toLowerCase());
      expect(await invoke('queue.postAgain', { safeTxHash: hash.toLowerCase() })).toEqual({
        ok: true,
        value: { outcomes: [] },
      });
      expect(await invoke('queue.postAgain', { safeTxHash: hash.toLowerCase(), owner: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    } finally {
      store.close();
    }
  });

  it('never posts a stored signature of someone who is not an owner, and says why', async () => {
    const stranger = Wallet.createRandom();
    const store = openStore({ dataDir });
    store.addConfirmation(
      hash,
      { owner: stranger.address, signature: stranger.signingKey.sign(hash).serialized, signatureType: 'EOA' },
      'bundle',
    );
    store.close();

    const post = await runGuardian(['post', '--json'], env());
    expect(post.code).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
    expect(JSON.parse(post.stdout)).toEqual({
      outcomes: [
        expect.objectContaining({
          owner: stranger.address,
          posted: false,
          failure: expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
        }),
      ],
    });
    expect(servedConfirmations()).not.toContain(stranger.address.toLowerCase());
    const human = await runGuardian(['post', hash.slice(0, 12)], env());
    expect(human.stderr).toMatch(
      new RegExp(`NOT POSTED ${hash.toLowerCase()}  ${stranger.address}: The stored signature of .* is refused`),
    );
  });
});

describe('guardian sign waiting for the Ledger', () => {
  it('tells when the Ledger is plugged in and when it is unplugged, as it happens, and signs nothing', async () => {
    const nanoX: PluggedLedger = { path: '/dev/hidraw7', model: 'Nano X' };
    const device = new SoftwareLedger({ decision: 'hang' }, GUARDIAN_A);
    let plugged: PluggedLedger[] = [];
    let listings = 0;
    let pulled = false;
    const signed = await signHere(GUARDIAN_A, [hash.slice(0, 12), '--path', path0, '--no-post'], [], {
      device,
      // The guardian plugs the Ledger in after the first look at the bus.
      list: async () => (++listings === 2 && !pulled ? (plugged = [nanoX]) : plugged),
      stderr: (text) => {
        // Asked to approve, the guardian pulls the cable; the device fails only once the console has said so.
        if (!pulled && text.includes('approve only if it shows')) {
          pulled = true;
          plugged = [];
        }
        if (pulled && text.includes('Ledger unplugged')) device.unplug();
      },
    });
    const lines = signed.stderr.split('\n');
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    expect(at('Waiting for the Ledger: plug it in')).toBe(0);
    expect(at('Ledger connected: Nano X')).toBe(1);
    expect(at('Ledger unplugged (Nano X)')).toBeGreaterThan(at('Check your Ledger and approve only if it shows'));
    expect(signed.stderr).toContain('[DEVICE_UNPLUGGED]');
    expect(signed.code).toBe(EXIT_FOR_ERROR.DEVICE_UNPLUGGED);
    expect(device.reviews.map((r) => r.kind)).toEqual(['eip712-full']);
  });
});
