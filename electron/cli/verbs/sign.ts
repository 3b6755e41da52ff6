import { parseArgs } from 'node:util';
import type { JsonRpcProvider } from 'ethers';
import { withFork } from '../../core/simulate/withFork.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import { findOwnerPath } from '../../core/ledger/findOwnerPath.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import { parseLedgerPath } from '../../core/ledger/ledgerPaths.js';
import type { SigningProgress } from '../../core/ledger/signSafeTx.js';
import { GuardianError } from '../../core/errors.js';
import { postConfirmation } from '../../core/signing/postConfirmation.js';
import { quorumStatus } from '../../core/signing/quorum.js';
import { signQueueItem } from '../../core/signing/signQueueItem.js';
import { withStore } from '../cliStore.js';
import type { CliContext, Verb } from '../cliContext.js';

/** Progress goes to stderr so --json output stays clean; the hashes to compare are printed as the device shows them. */
function showProgress(ctx: CliContext, p: SigningProgress): void {
  const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
  if (p.stage === 'waiting-for-device') say('Waiting for the Ledger…');
  else if (p.stage === 'streaming') say('Sending the transaction fields to the Ledger…');
  else if (p.stage === 'fallback') say(`The device cannot sign in ${p.from} mode (${p.reason}); using ${p.to}.`);
  else if (p.stage === 'awaiting-approval') {
    say(`Check your Ledger and approve only if it shows (${p.mode} mode):`);
    if (p.compare.domainHash) say(`  Domain hash   ${ledgerHashFormat(p.compare.domainHash)}`);
    if (p.compare.messageHash) say(`  Message hash  ${ledgerHashFormat(p.compare.messageHash)}`);
    if (p.compare.safeTxHash) say(`  safeTxHash    ${p.compare.safeTxHash}`);
  }
}

export const signVerb: Verb = {
  usage: 'sign <safeTxHash> [--path "44\'/60\'/0\'/0/0"] [--hashed] [--eth-sign] [--ack CODE]... [--scan N] [--no-post]',
  summary: 'Sign a reviewed transaction on a Ledger; the signature is verified and stored, then posted',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: {
        json: { type: 'boolean' },
        path: { type: 'string' },
        hashed: { type: 'boolean' },
        'eth-sign': { type: 'boolean' },
        ack: { type: 'string', multiple: true },
        scan: { type: 'string' },
        'no-post': { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to sign.');
    return withStore(ctx, async (store) => {
      const item = store.getQueueItem(target);
      const info = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
      if (!info) throw new GuardianError('SIGNING_REFUSED', 'Pull the Safe first (guardian queue): its owners are not known here.');
      const transport = await openLedgerDevice();
      try {
        const app = new LedgerEthApp(transport);
        const path = values.path ? parseLedgerPath(values.path) : (await findOwnerPath(app, info.owners, { scan: values.scan ? Number(values.scan) : 5 })).path;
        const watched = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe);
        const sign = (simulationProvider: JsonRpcProvider | null) =>
          signQueueItem({
            store,
            app,
            safeTxHash: item.safeTxHash,
            path,
            simulationProvider,
            mode: values['eth-sign'] ? 'eth_sign' : values.hashed ? 'hashed' : 'full',
            acknowledged: values.ack ?? [],
            onProgress: (p) => showProgress(ctx, p),
          });
        // The review that gates the signature simulates on a fresh fork; with no RPC it cannot, and signing is refused.
        ctx.streams.stderr.write('Reviewing (simulation on a local fork)…\n');
        const result = watched?.rpcUrl ? await withFork(watched.rpcUrl, item.safeTx.chainId, sign) : await sign(null);
        let posted = false;
        if (watched?.serviceUrl && !values['no-post']) {
          await postConfirmation(store, { serviceUrl: watched.serviceUrl, safeTxHash: item.safeTxHash, owner: result.signer });
          posted = true;
        }
        const quorum = quorumStatus(info.owners, info.threshold, store.getQueueItem(item.safeTxHash).confirmations);
        if (ctx.out.json) ctx.out.data({ ...result, posted, quorum });
        else {
          ctx.out.line(ctx.out.good(`Signed by ${result.signer} (${result.mode}), verified and stored${posted ? ', posted to the Transaction Service' : ''}.`));
          ctx.out.line(`${quorum.signed.length} of ${quorum.threshold} signatures${quorum.met ? ': ready to execute' : `; still missing: ${quorum.missing.join(', ')}`}`);
        }
        return 0;
      } finally {
        await transport.close();
      }
    });
  },
};
