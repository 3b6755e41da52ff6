import { VERBS } from '../verbTable.js';
import { parseArgs } from 'node:util';
import { carryPreState } from '../../core/bundle/carryPreState.js';
import { formatOf, importStationFile } from '../../core/bundle/importStationFile.js';
import { reviewBundle, reviewBundleJson } from '../../core/bundle/reviewBundle.js';
import { signaturesFile } from '../../core/bundle/signaturesFile.js';
import { STAGE_WORDS } from '../../core/primitives/simulationTypes.js';
import { GuardianError } from '../../core/errors.js';
import { guardianErrorJson } from '../../core/errorCauses.js';
import { postConfirmation } from '../../core/signing/postConfirmation.js';
import { verifiedConfirmations } from '../../core/bundle/verifiedConfirmations.js';
import type { Store } from '../../core/store/openStore.js';
import { withStore } from '../cliStore.js';
import { checkOutputPath, writeOutputFile } from '../outputFile.js';
import { parseHttpUrl } from '../parseSafeRef.js';
import type { CliContext, Verb } from '../cliContext.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { importSignatureUrs } from '../../core/bundle/qr/importSignatureUrs.js';
import {
  isSignatureCodeFile,
  readCodeFile,
  urTextsIn,
  type CodeFile,
} from '../../core/bundle/qr/signatureCodeFiles.js';
import { signatureQrTexts } from '../../core/bundle/qr/signatureQrFrames.js';
import { writeQrFiles } from '../../core/bundle/qr/signatureQrFiles.js';
import { stationSignatureUrs } from '../../core/bundle/qr/stationSignatureUrs.js';
import type { ImportedSignatures } from '../../core/bundle/signaturesFile.js';
import { producerDigest, signBundleJson, type BundleProducerClaim } from '../../core/bundle/bundleProducer.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import { listPluggedLedgers } from '../../core/ledger/usbLedgerListing.js';
import { waitingDeviceOpener, type SigningDevices } from '../waitingDeviceOpener.js';

function writeJson(path: string, value: object): void {
  writeOutputFile(path, '--out', `${JSON.stringify(value, null, 1)}\n`, { replace: false });
}

/** How the exporter's Ledger signs the bundle: the devices to open, and the path flags the sign verb takes. */
interface ExportSigning {
  devices: SigningDevices;
  path?: string | undefined;
  scan?: string | undefined;
}

/**
 * The bundle signed on the exporter's Ledger before anything is written, so a refused or failed signature leaves
 * no file; the text the device shows is printed beside it, since that is what the guardian approves.
 */
async function signedOnDevice(
  ctx: CliContext,
  json: Parameters<typeof signBundleJson>[1],
  safeTxHash: string,
  signing: ExportSigning,
): Promise<{ json: object; signer: string; digest: string }> {
  const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
  // The pre-state is carried before the device is asked for: a guardian plugs the Ledger in only when it is needed.
  const device = waitingDeviceOpener(ctx, signing.devices);
  const transport = await device.openDevice();
  try {
    const signed = await signBundleJson(new LedgerEthApp(transport), json, safeTxHash, {
      ...(signing.path ? { path: signing.path } : {}),
      ...(signing.scan ? { scan: Number(signing.scan) } : {}),
      onAwaitingApproval: ({ message, signer }) => {
        say(`Check your Ledger and approve only if it shows the message (signing as the owner ${signer}):`);
        say(`  ${message}`);
      },
    });
    // Who signed is the address the core recovered from the signature, as written in the file.
    const { producer } = signed as { producer: BundleProducerClaim };
    return { json: signed, signer: producer.signer, digest: producerDigest(signed, producer) };
  } finally {
    device.stop();
    await transport.close();
  }
}

async function exportBundle(
  ctx: CliContext,
  store: Store,
  target: string,
  out: string,
  checkRpcUrl: string | undefined,
  signing: ExportSigning | null,
): Promise<number> {
  const item = store.getQueueItem(target);
  const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
  if (!rpcUrl)
    throw new GuardianError(
      'INVALID_INPUT',
      "A bundle carries the pre-state of a review on a fork: add the Safe's RPC URL first (guardian safe add … --rpc).",
    );
  const carried = await carryPreState(
    store,
    item,
    rpcUrl,
    (p) =>
      ctx.streams.stderr.write(`${STAGE_WORDS[p.stage]}: ${p.detail}
`),
    checkRpcUrl ? { checkRpcUrl } : {},
  );
  const bundle = await reviewBundle(store, item.safeTxHash, carried);
  // reviewBundleJson writes the Safe's owners under safe.owners, which is all signBundleJson reads of it.
  const json = reviewBundleJson(bundle) as Parameters<typeof signBundleJson>[1];
  const signed = signing ? await signedOnDevice(ctx, json, item.safeTxHash, signing) : null;
  writeJson(out, signed?.json ?? json);
  if (ctx.out.json) {
    ctx.out.data({
      path: out,
      safeTxHash: item.safeTxHash,
      confirmations: bundle.confirmations.length,
      block: { number: BigInt(carried.block.number), hash: carried.header?.hash ?? null },
      proofs: Boolean(carried.proofs),
      secondRpc: checkRpcUrl !== undefined,
      // Null for an unsigned bundle: a station will say who produced it is unknown.
      producer: signed ? { signer: signed.signer, status: 'owner', digest: signed.digest } : null,
    });
    return 0;
  }
  ctx.out.line(
    ctx.out.good(
      `Wrote ${out}: transaction ${item.safeTxHash}, the Safe's owners, ${bundle.confirmations.length} signature(s), and the pre-state at block ${BigInt(carried.block.number)} (hash ${carried.header?.hash}${checkRpcUrl ? ', the same on the second RPC' : ''})${carried.proofs ? ' with state proofs' : ' WITHOUT state proofs (the air-gapped station will refuse to sign on it)'}.`,
    ),
  );
  ctx.out.line(
    signed
      ? ctx.out.good(`Signed by ${signed.signer} (owner) on their Ledger, over digest ${signed.digest}.`)
      : 'Unsigned: a station will say who produced it is unknown (--sign signs it on your Ledger).',
  );
  return 0;
}

async function importFile(ctx: CliContext, store: Store, path: string, post: boolean): Promise<number> {
  const json = readJsonFile(path);
  const imported = await importStationFile(store, json, path);
  if (!imported)
    throw new GuardianError(
      'INVALID_FILE',
      `${path} is neither a review bundle nor a signatures file (its format is ${JSON.stringify(formatOf(json) ?? null)}).`,
    );
  if (imported.kind === 'review-bundle') {
    const { item } = imported;
    const carried = store.getCarriedState(item.safeTxHash)!;
    if (ctx.out.json) {
      ctx.out.data({
        kind: 'review-bundle',
        path,
        safeTxHash: item.safeTxHash,
        nonce: item.safeTx.nonce,
        block: { number: BigInt(carried.block.number), hash: carried.header!.hash },
        producer: imported.producer,
      });
      return 0;
    }
    ctx.out.line(
      ctx.out.good(
        `Stored ${item.safeTxHash} (nonce ${item.safeTx.nonce}) from ${path}, every signature checked, its pre-state proven against block ${BigInt(carried.block.number)}.`,
      ),
    );
    // Who produced the file is told either way: an owner's Ledger signature, or nobody this station can name.
    const { producer } = imported;
    ctx.out.line(
      producer.status === 'owner'
        ? ctx.out.good(`Exported by ${producer.signer} (owner), signed on their Ledger over digest ${producer.digest}.`)
        : ctx.out.bad(
            'Unsigned: who produced this is unknown. Every hash, signature and proof in it was checked here all the same.',
          ),
    );
    // The one thing the proofs cannot vouch for is the block itself: a guardian compares it with a second source.
    ctx.out.fields([
      ['Block number', BigInt(carried.block.number).toString()],
      ['Block hash', carried.header!.hash],
      ['', 'compare both with a block explorer or a second node before signing'],
    ]);
    ctx.out.line(`Review it with guardian review and sign it with guardian sign --bundle ${path}.`);
    return 0;
  }
  const report = await reportSignatures(ctx, store, imported.signatures, post);
  if (ctx.out.json) ctx.out.data({ kind: 'signatures', path, ...report.json });
  return report.code;
}

/** Pictures of QR codes or pasted UR lines: every signature they carry, each checked as a signatures file's is. */
async function importCodes(ctx: CliContext, store: Store, files: CodeFile[], post: boolean): Promise<number> {
  const { transactions, refused } = importSignatureUrs(store, urTextsIn(files), files.map((f) => f.name).join(', '));
  if (!ctx.out.json)
    for (const e of refused) ctx.streams.stderr.write(`${ctx.out.bad('REFUSED')} ${e.message} [${e.code}]\n`);
  let code = refused.length > 0 || transactions.length === 0 ? 1 : 0;
  const reports = [];
  for (const t of transactions) {
    const report = await reportSignatures(ctx, store, t, post);
    reports.push(report.json);
    code = Math.max(code, report.code);
  }
  if (ctx.out.json)
    ctx.out.data({
      kind: 'signature-codes',
      files: files.map((f) => f.name),
      transactions: reports,
      refused: refused.map(guardianErrorJson),
    });
  else if (transactions.length === 0) ctx.out.line('No signature added: no code named a transaction stored here.');
  return code;
}

async function reportSignatures(
  ctx: CliContext,
  store: Store,
  signatures: ImportedSignatures,
  post: boolean,
): Promise<{ code: number; json: object }> {
  const { safeTxHash, added, refused } = signatures;
  // With --json every fact goes in the one object instead, so stdout parses and stderr holds only failures.
  const say = (line: string) => {
    if (!ctx.out.json) ctx.out.line(line);
  };
  const warn = (line: string) => {
    if (!ctx.out.json) ctx.streams.stderr.write(`${line}\n`);
  };
  for (const e of refused) warn(`${ctx.out.bad('REFUSED')} ${e.message} [${e.code}]`);
  say(`${added.length} signature(s) added to ${safeTxHash}${added.length > 0 ? `: ${added.join(', ')}` : ''}.`);
  const { chainId, safe } = store.getQueueItem(safeTxHash).safeTx;
  const serviceUrl = store.getWatchedSafe(chainId, safe)?.serviceUrl;
  // Verified again with this station's chain: an approved hash or contract signature the file carried is posted
  // only once the chain confirms it.
  const { verdicts } = await verifiedConfirmations(store, safeTxHash);
  const notProven = verdicts.filter((v) => added.includes(v.owner) && v.status !== 'valid');
  for (const v of notProven)
    warn(`${v.status === 'refused' ? ctx.out.bad('REFUSED') : 'UNVERIFIED'} ${v.owner}, not posted: ${v.reason}`);
  const posted: string[] = [];
  if (post && serviceUrl) {
    for (const owner of added.filter((o) => !notProven.some((v) => v.owner === o))) {
      await postConfirmation(store, { serviceUrl, safeTxHash, owner });
      posted.push(owner);
      say(`Posted ${owner}'s signature to the Transaction Service.`);
    }
  }
  return {
    code: refused.length > 0 || notProven.some((v) => v.status === 'refused') ? 1 : 0,
    json: {
      safeTxHash,
      added,
      refused: refused.map(guardianErrorJson),
      notProven: notProven.map((v) => ({ owner: v.owner, status: v.status, reason: v.reason })),
      posted,
    },
  };
}

/** The signatures held here for one transaction, as a JSON file, QR pictures, UR text lines, or several at once. */
async function writeSignatures(
  ctx: CliContext,
  store: Store,
  target: string,
  values: { out?: string | undefined; qr?: string | undefined; ur?: boolean | undefined },
): Promise<number> {
  if (!values.out && !values.qr && !values.ur)
    throw new GuardianError(
      'INVALID_INPUT',
      'guardian bundle signatures writes the signatures: give --out file.json, --qr out.png or --ur.',
    );
  const { quorum } = await verifiedConfirmations(store, target);
  const say = (line: string) => {
    if (!ctx.out.json) ctx.out.line(ctx.out.good(line));
  };
  const notWritten = (quorum?.refused ?? []).map((r) => ({ owner: r.owner, reason: r.reason }));
  if (!ctx.out.json)
    for (const r of notWritten)
      ctx.streams.stderr.write(`${ctx.out.bad('REFUSED')} ${r.owner}, not written: ${r.reason}\n`);
  const written: Record<string, unknown> = { notWritten };
  if (values.out) {
    const file = await signaturesFile(store, target);
    writeJson(values.out, file);
    written['safeTxHash'] = file.safeTxHash;
    written['out'] = { path: values.out, signatures: file.confirmations.length };
    say(`Wrote ${values.out}: the ${file.confirmations.length} signature(s) held here for ${file.safeTxHash}.`);
  }
  if (!values.qr && !values.ur) {
    if (ctx.out.json) ctx.out.data(written);
    return 0;
  }
  const codes = await stationSignatureUrs(store, target);
  written['safeTxHash'] = codes.safeTxHash;
  if (values.qr) {
    const frames = signatureQrTexts(codes.signatures.map((s) => s.ur));
    const paths = await writeQrFiles(values.qr, frames.flat()).catch((cause: unknown) => {
      throw new GuardianError(
        'INVALID_INPUT',
        `--qr ${values.qr}: could not be written: ${cause instanceof Error ? cause.message : String(cause)}.`,
        { cause },
      );
    });
    const shape = frames
      .map(
        (f, i) =>
          `${codes.signatures[i]!.owner}: ${f.length === 1 ? 'one code' : `an animated code of ${f.length} frames`}`,
      )
      .join('; ');
    written['qr'] = { paths, signatures: codes.signatures.length };
    say(
      `Wrote ${paths.join(', ') || 'nothing'}: the ${codes.signatures.length} signature(s) held here for ${codes.safeTxHash} as eth-signature QR codes (${shape || 'none'}).`,
    );
  }
  if (values.ur) written['ur'] = codes.signatures.map((s) => ({ owner: s.owner, text: s.text }));
  if (ctx.out.json) ctx.out.data(written);
  // The lines alone on stdout, so they pipe into a file or a clipboard as they are.
  else if (values.ur) for (const s of codes.signatures) ctx.streams.stdout.write(`${s.text}\n`);
  return 0;
}

/** The verb with its devices given: USB HID for the command line, a software Ledger in tests. */
export function bundleVerbWith(deps: SigningDevices): Verb {
  return { run: (ctx) => runBundle(ctx, deps) };
}

async function runBundle(ctx: CliContext, devices: SigningDevices): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: {
      json: { type: 'boolean' },
      out: { type: 'string' },
      qr: { type: 'string' },
      ur: { type: 'boolean' },
      'no-post': { type: 'boolean' },
      'check-rpc': { type: 'string' },
      sign: { type: 'boolean' },
      path: { type: 'string' },
      scan: { type: 'string' },
    },
    allowPositionals: true,
  });
  const [action, target] = positionals;
  if (!action || !target || (positionals.length > 2 && action !== 'import'))
    throw new GuardianError('INVALID_INPUT', `Usage: guardian ${VERBS['bundle']!.usage}`);
  // Checked before the fork is started, so a mistyped flag costs nothing.
  if ((values.path || values.scan) && !(action === 'export' && values.sign))
    throw new GuardianError('INVALID_INPUT', '--path and --scan choose the Ledger account of bundle export --sign.');
  if (values.scan !== undefined && !/^[1-9][0-9]*$/.test(values.scan))
    throw new GuardianError('INVALID_INPUT', `--scan takes a count of accounts (1 or more), not "${values.scan}".`);
  if (values.sign && action !== 'export')
    throw new GuardianError('INVALID_INPUT', '--sign signs an exported bundle: guardian bundle export … --sign.');
  const checkRpc = values['check-rpc'] === undefined ? undefined : parseHttpUrl(values['check-rpc'], '--check-rpc');
  if (action !== 'import') {
    if (values.out) checkOutputPath(values.out, '--out', { replace: false });
    // Its pictures are named after it (out-1.png…) and each is refused if it exists as it is written.
    if (values.qr) checkOutputPath(values.qr, '--qr', { replace: true });
  }
  return withStore(ctx, async (store) => {
    if (action === 'import') {
      const files = positionals.slice(1).map(readCodeFile);
      if (files.every((f) => isSignatureCodeFile(f.bytes))) return importCodes(ctx, store, files, !values['no-post']);
      if (files.length > 1)
        throw new GuardianError(
          'INVALID_INPUT',
          'Several files are read together only as the pictures (or UR lines) of signature codes; import a JSON file alone.',
        );
      return importFile(ctx, store, target, !values['no-post']);
    }
    if (action === 'signatures') return writeSignatures(ctx, store, target, values);
    if (!values.out) throw new GuardianError('INVALID_INPUT', `guardian bundle ${action} writes a file: give --out.`);
    if (action === 'export')
      return exportBundle(
        ctx,
        store,
        target,
        values.out,
        checkRpc,
        values.sign ? { devices, path: values.path, scan: values.scan } : null,
      );
    throw new GuardianError('INVALID_INPUT', `Unknown bundle action "${action}": export, import or signatures.`);
  });
}

export const bundleVerb = bundleVerbWith({
  openDevice: (path) => openLedgerDevice(path),
  listDevices: listPluggedLedgers,
});
