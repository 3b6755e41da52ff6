import { parseArgs } from 'node:util';
import { deviceFieldRows } from '../../core/ledger/deviceFields.js';
import { devicePreview, type DevicePreview } from '../../core/ledger/devicePreview.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { findLedgerModel } from '../../core/ledger/ledgerModels.js';
import { listPluggedLedgers } from '../../core/ledger/usbLedgerListing.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import { GuardianError } from '../../core/errors.js';
import { auditedReviewBundle } from '../../core/bundle/importStationFile.js';
import type { SafeTx } from '../../core/safe/safeTx.js';
import { safeTxToJson } from '../../core/safe/safeTxJson.js';
import { safeTxHash } from '../../core/safe/safeTxHash.js';
import { signOnDevice, type StationProgress } from '../../core/signing/signOnDevice.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { withStore } from '../cliStore.js';
import { parseScanCount } from '../parseFlags.js';
import { waitingDeviceOpener, type SigningDevices } from '../waitingDeviceOpener.js';
import type { CliContext, Verb } from '../cliContext.js';

/**
 * Progress goes to stderr so --json output stays clean. What the guardian must check on the device is printed as
 * the device shows it: the owner address (--show-address), every field in full mode, the hashes otherwise.
 */
function showProgress(ctx: CliContext, tx: SafeTx, p: StationProgress): void {
  const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
  if (p.stage === 'checking-address' && p.onDevice)
    say(`The Ledger shows its address at ${p.path}: approve only if it is the owner ${p.onDevice}.`);
  else if (p.stage === 'awaiting-approval' && p.mode === 'full') {
    // The Ledger names no signer in full mode: the fields are what the guardian checks, one screen at a time.
    say('Check your Ledger and approve only if it shows (full mode, field by field):');
    const rows = deviceFieldRows(safeTxToJson(tx));
    const width = Math.max(...rows.map(([name]) => name.length));
    for (const [name, value] of rows) say(`  ${name.padEnd(width)}  ${value}`);
  } else if (p.stage === 'reviewing')
    say(
      p.from === 'bundle'
        ? "Reviewing (replaying the bundle's proven pre-state, no network)…"
        : 'Reviewing (simulation on a local fork)…',
    );
  else if (p.stage === 'waiting-for-device') say('Waiting for the Ledger: unlock it and open its Ethereum app…');
  else if (p.stage === 'streaming') say('Sending the transaction fields to the Ledger…');
  else if (p.stage === 'fallback') say(`The device cannot sign in ${p.from} mode (${p.reason}); using ${p.to}.`);
  else if (p.stage === 'awaiting-approval') {
    say(`Check your Ledger and approve only if it shows (${p.mode} mode):`);
    if (p.compare.domainHash) say(`  Domain hash   ${ledgerHashFormat(p.compare.domainHash)}`);
    if (p.compare.messageHash) say(`  Message hash  ${ledgerHashFormat(p.compare.messageHash)}`);
    if (p.compare.safeTxHash) say(`  safeTxHash    ${p.compare.safeTxHash}`);
  }
}

/** What the Ledger will show, in each mode it can sign in, printed before any device is plugged in. */
function printPreview(ctx: CliContext, preview: DevicePreview): void {
  const on = preview.model ? `a ${preview.model.name}` : 'a Ledger';
  const app = preview.appVersion ? `Ethereum app ${preview.appVersion}` : 'its Ethereum app version not given';
  ctx.out.heading(`What ${on} will show (${app}); nothing is signed`);
  for (const m of preview.modes) {
    const since = m.appliesFrom ? `, from app ${m.appliesFrom}` : '';
    ctx.out.line();
    ctx.out.line(`${m.mode === 'full' ? 'Full mode, field by field' : 'Hashed mode'} (${m.when}${since}):`);
    ctx.out.fields(m.screens.map(([label, value]) => [`  ${label}`, value] as const));
  }
  if (preview.modes.length === 0) ctx.out.line(ctx.out.bad('This app version cannot sign a SafeTx as EIP-712.'));
  for (const note of preview.notes) {
    ctx.out.line();
    ctx.out.line(note);
  }
}

/** The verb with its devices given: USB HID for the command line, a software Ledger in tests. */
export function signVerbWith(deps: SigningDevices): Verb {
  return { run: (ctx) => runSign(ctx, deps) };
}

async function runSign(ctx: CliContext, deps: SigningDevices): Promise<number> {
  {
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
        'show-address': { type: 'boolean' },
        bundle: { type: 'string' },
        preview: { type: 'boolean' },
        model: { type: 'string' },
        'app-version': { type: 'string' },
      },
      allowPositionals: true,
    });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to sign.');
    if (!values.preview && (values.model || values['app-version']))
      throw new GuardianError('INVALID_INPUT', '--model and --app-version go with --preview.');
    const model = values.model ? findLedgerModel(values.model) : null;
    const scan = values.scan === undefined ? undefined : parseScanCount(values.scan);
    return withStore(ctx, async (store) => {
      const item = store.getQueueItem(target);
      if (values.preview) {
        const preview = devicePreview(item.safeTx, model, values['app-version'] ?? null);
        if (ctx.out.json) ctx.out.data(preview);
        else printPreview(ctx, preview);
        return 0;
      }
      const hash = item.safeTxHash;
      // Air-gapped: the gate replays the bundle's proven pre-state; the bundle must be this transaction's.
      const bundle = values.bundle
        ? await auditedReviewBundle(store, readJsonFile(values.bundle), values.bundle)
        : null;
      if (bundle && safeTxHash(bundle.safeTx).toLowerCase() !== hash.toLowerCase())
        throw new GuardianError(
          'INVALID_INPUT',
          `${values.bundle} is the bundle of another transaction, not of ${hash}.`,
        );
      const device = waitingDeviceOpener(ctx, deps);
      const { result, posted, postFailure, quorum } = await signOnDevice({
        ...(bundle ? { carried: bundle.carried } : {}),
        store,
        openDevice: device.openDevice,
        safeTxHash: hash,
        ...(values.path ? { path: values.path } : {}),
        ...(scan ? { scan } : {}),
        mode: values['eth-sign'] ? 'eth_sign' : values.hashed ? 'hashed' : 'full',
        acknowledged: values.ack ?? [],
        ...(values['show-address'] ? { showAddress: true } : {}),
        post: !values['no-post'],
        onProgress: (p) => showProgress(ctx, item.safeTx, p),
      }).finally(() => device.stop());
      // Stored before posting was tried: a refusal from the service loses nothing, and says so.
      if (postFailure) {
        ctx.streams.stderr.write(
          `Signed by ${result.signer} and stored, but not posted; "guardian post ${hash.slice(0, 10)}" sends it without signing again.\n`,
        );
        throw postFailure;
      }
      if (ctx.out.json) ctx.out.data({ ...result, posted, quorum });
      else {
        ctx.out.line(
          ctx.out.good(
            `Signed by ${result.signer} (${result.mode}), verified and stored${posted ? ', posted to the Transaction Service' : ''}.`,
          ),
        );
        ctx.out.line(
          `${quorum.signed.length} of ${quorum.threshold} signatures${quorum.met ? ': ready to execute' : `; still missing: ${quorum.missing.join(', ')}`}`,
        );
        for (const r of quorum.refused) ctx.out.line(`  ${ctx.out.bad('REFUSED')} ${r.owner}: ${r.reason}`);
        for (const u of quorum.unverified) ctx.out.line(`  ${ctx.out.dim('unverified')} ${u.owner}: ${u.reason}`);
      }
      return 0;
    });
  }
}

export const signVerb = signVerbWith({ openDevice: (path) => openLedgerDevice(path), listDevices: listPluggedLedgers });
