import { parseArgs } from 'node:util';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import { GuardianError } from '../../core/errors.js';
import { auditedReviewBundle } from '../../core/bundle/importStationFile.js';
import { safeTxHash } from '../../core/safe/safeTxHash.js';
import { signOnDevice, type StationProgress } from '../../core/signing/signOnDevice.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { withStore } from '../cliStore.js';
import type { CliContext, Verb } from '../cliContext.js';

/** Progress goes to stderr so --json output stays clean; the hashes to compare are printed as the device shows them. */
function showProgress(ctx: CliContext, p: StationProgress): void {
  const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
  if (p.stage === 'reviewing') say(p.from === 'bundle' ? 'Reviewing (replaying the bundle\'s proven pre-state, no network)…' : 'Reviewing (simulation on a local fork)…');
  else if (p.stage === 'waiting-for-device') say('Waiting for the Ledger…');
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
        bundle: { type: 'string' },
      },
      allowPositionals: true,
    });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to sign.');
    return withStore(ctx, async (store) => {
      const hash = store.getQueueItem(target).safeTxHash;
      // Air-gapped: the gate replays the bundle's proven pre-state; the bundle must be this transaction's.
      const bundle = values.bundle ? await auditedReviewBundle(store, readJsonFile(values.bundle), values.bundle) : null;
      if (bundle && safeTxHash(bundle.safeTx).toLowerCase() !== hash.toLowerCase()) throw new GuardianError('INVALID_INPUT', `${values.bundle} is the bundle of another transaction, not of ${hash}.`);
      const { result, posted, postFailure, quorum } = await signOnDevice({
        ...(bundle ? { carried: bundle.carried } : {}),
        store,
        openDevice: () => openLedgerDevice(),
        safeTxHash: hash,
        ...(values.path ? { path: values.path } : {}),
        ...(values.scan ? { scan: Number(values.scan) } : {}),
        mode: values['eth-sign'] ? 'eth_sign' : values.hashed ? 'hashed' : 'full',
        acknowledged: values.ack ?? [],
        post: !values['no-post'],
        onProgress: (p) => showProgress(ctx, p),
      });
      // Stored before posting was tried: a refusal from the service loses nothing, and says so.
      if (postFailure) throw postFailure;
      if (ctx.out.json) ctx.out.data({ ...result, posted, quorum });
      else {
        ctx.out.line(ctx.out.good(`Signed by ${result.signer} (${result.mode}), verified and stored${posted ? ', posted to the Transaction Service' : ''}.`));
        ctx.out.line(`${quorum.signed.length} of ${quorum.threshold} signatures${quorum.met ? ': ready to execute' : `; still missing: ${quorum.missing.join(', ')}`}`);
        for (const r of quorum.refused) ctx.out.line(`  ${ctx.out.bad('REFUSED')} ${r.owner}: ${r.reason}`);
        for (const u of quorum.unverified) ctx.out.line(`  ${ctx.out.dim('unverified')} ${u.owner}: ${u.reason}`);
      }
      return 0;
    });
  },
};
