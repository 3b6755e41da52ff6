import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { listPluggedLedgers } from '../../core/ledger/usbLedgerListing.js';
import { waitingDeviceOpener, type SigningDevices } from '../waitingDeviceOpener.js';
import { importMessageFile } from '../../core/message/importMessageFile.js';
import { verifiedMessage, type MessageQuorum } from '../../core/message/messageQuorum.js';
import { postMessageSignature } from '../../core/message/postMessageSignature.js';
import { pullMessages } from '../../core/message/pullMessages.js';
import { messageWarnings } from '../../core/message/messageWarnings.js';
import { describeContent } from '../../core/safe/safeMessage.js';
import { safeMessageHashes } from '../../core/safe/safeMessageHash.js';
import { signMessageOnDevice } from '../../core/message/signMessageOnDevice.js';
import type { StoredSafeMessage } from '../../core/store/storedSafeMessage.js';
import { messageWithChainVerdict, type OnChainMessageVerdict } from '../../core/message/verifyMessageOnChain.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import { withStore } from '../cliStore.js';
import type { CliContext, Verb } from '../cliContext.js';
import { DEVICE_SIGNING_FLAGS, type DeviceSigningFlags } from '../deviceSigningFlags.js';
import { parseAddress, parseScanCount } from '../parseFlags.js';
import { EXIT, EXIT_FOR_ERROR } from '../exitCodes.js';

function needHash(positionals: string[], what: string): string {
  const hash = positionals[1];
  if (!hash) throw new GuardianError('INVALID_INPUT', `Give the message hash (or a prefix of it) to ${what}.`);
  return hash;
}

function messageJson(m: StoredSafeMessage, quorum: MessageQuorum | null) {
  return { ...m, ...safeMessageHashes(m), warnings: messageWarnings(m), quorum };
}

function printQuorum(ctx: CliContext, quorum: MessageQuorum): void {
  ctx.out.line(
    `${quorum.signed.length} of ${quorum.threshold} signatures${quorum.met ? ': the Safe can vouch for it' : `; still missing: ${quorum.missing.join(', ')}`}`,
  );
  for (const s of quorum.signed) ctx.out.line(`  ${ctx.out.good('signed')} ${s.owner} ${ctx.out.dim(`(${s.origin})`)}`);
  for (const r of quorum.refused) ctx.out.line(`  ${ctx.out.bad('REFUSED')} ${r.owner}: ${r.reason}`);
}

function printOnChain(ctx: CliContext, onChain: OnChainMessageVerdict | null): void {
  if (!onChain) return;
  ctx.out.line(
    onChain.valid
      ? ctx.out.good(`The Safe accepts it: ${onChain.method} returned ${onChain.returned}.`)
      : ctx.out.bad(`The Safe refuses it: ${onChain.method}: ${onChain.reason}.`),
  );
}

async function list(ctx: CliContext, offline: boolean): Promise<number> {
  return withStore(ctx, async (store) => {
    // A watched-Safe row that does not read back is named by itself; the other Safes are still pulled.
    const watched = store.readWatchedSafes();
    const outcomes = offline ? [] : await Promise.all(watched.safes.map((s) => pullMessages(store, s)));
    const stored = store.listSafeMessages();
    const { messages } = stored;
    const damaged = [...watched.damaged, ...stored.damaged];
    const quorums = new Map(
      messages.map((m) => [m.safeMessageHash, quorumOrNull(() => verifiedMessage(store, m.safeMessageHash).quorum)]),
    );
    const rejected = outcomes.flatMap((o) =>
      o.rejected.map((r) => ({ safe: `${o.safe.chainId}:${o.safe.address}`, ...r })),
    );
    // Every pull failed: what is listed is only what was stored before, which a script must not take for fresh.
    const failed = outcomes.length > 0 && outcomes.every((o) => o.failure) ? outcomes[0]!.failure : undefined;
    // The store's own exit code for a damaged row (the table in exitCodes.ts), never review's "high" (2).
    const exitCode =
      rejected.length > 0
        ? EXIT.REFUSED
        : failed
          ? EXIT_FOR_ERROR[failed.code]
          : damaged[0]
            ? EXIT_FOR_ERROR[damaged[0].code]
            : EXIT.OK;
    if (ctx.out.json) {
      ctx.out.data({
        pulls: outcomes.map((o) => ({
          safe: `${o.safe.chainId}:${o.safe.address}`,
          pulled: o.pulled,
          failure: o.failure?.toJSON() ?? null,
        })),
        rejected: rejected.map((r) => ({
          safe: r.safe,
          claimedSafeMessageHash: r.claimedSafeMessageHash,
          error: r.error.toJSON(),
        })),
        messages: messages.map((m) => messageJson(m, quorums.get(m.safeMessageHash) ?? null)),
        damaged: damaged.map((e) => e.toJSON()),
      });
      return exitCode;
    }
    for (const o of outcomes)
      if (o.failure)
        ctx.streams.stderr.write(
          `guardian message: ${o.safe.chainId}:${o.safe.address}: ${o.failure.message} [${o.failure.code}]\n`,
        );
    for (const r of rejected)
      ctx.streams.stderr.write(
        `${ctx.out.bad('REFUSED')} ${r.safe}${r.claimedSafeMessageHash ? ` ${r.claimedSafeMessageHash}` : ''}: ${r.error.message} [${r.error.code}]\n`,
      );
    if (messages.length === 0) ctx.out.line('No Safe messages stored.');
    for (const m of messages) {
      const q = quorums.get(m.safeMessageHash);
      ctx.out.line(
        `${m.safeMessageHash.slice(0, 18)}…  ${m.chainId}:${m.safe}  ${q ? `${q.signed.length}/${q.threshold} signed` : '?'}  ${describeContent(m.content)}  ${m.claimedSafeMessageHash ? ctx.out.good('hash ok') : ctx.out.dim('from file')}`,
      );
    }
    for (const e of damaged) ctx.streams.stderr.write(`${ctx.out.bad('DAMAGED')} ${e.message} [${e.code}]\n`);
    return exitCode;
  });
}

/** A quorum, or null when the Safe's state is not known here (shown as "?", the message is still listed). */
function quorumOrNull(read: () => MessageQuorum): MessageQuorum | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof GuardianError) return null;
    throw error;
  }
}

async function show(ctx: CliContext, hash: string, rpc: string | undefined): Promise<number> {
  return withStore(ctx, async (store) => {
    const { message, quorum, onChain } = await messageWithChainVerdict(store, hash, rpc);
    const hashes = safeMessageHashes(message);
    if (ctx.out.json) {
      ctx.out.data({ ...messageJson(message, quorum), onChain });
      return onChain && !onChain.valid ? 1 : 0;
    }
    ctx.out.heading(`Safe message ${message.safeMessageHash}`);
    ctx.out.fields([
      ['Safe', `${message.chainId}:${message.safe} (${message.safeVersion})`],
      [
        'Kind',
        typeof message.content === 'string'
          ? 'EIP-191 text (personal_sign)'
          : `EIP-712 typed data, primary type ${message.content.primaryType}`,
      ],
      ['Source', message.source.kind === 'service' ? message.source.url : message.source.path],
      ['Proposed by', message.proposedBy ?? '-'],
    ]);
    ctx.out.line();
    ctx.out.line(typeof message.content === 'string' ? message.content : JSON.stringify(message.content, null, 2));
    ctx.out.line();
    ctx.out.fields([
      ['Data hash', `${hashes.dataHash}  ${ctx.out.dim('(what a dapp passes to isValidSignature)')}`],
      ['Domain hash', `${ledgerHashFormat(hashes.domainHash)}  ${ctx.out.dim('(the Ledger shows it)')}`],
      ['Message hash', `${ledgerHashFormat(hashes.messageHash)}  ${ctx.out.dim('(the Ledger shows it)')}`],
      [
        'safeMessageHash',
        `${hashes.safeMessageHash}  ${message.claimedSafeMessageHash ? ctx.out.good('matches the service') : ctx.out.dim('computed here')}`,
      ],
    ]);
    for (const w of messageWarnings(message))
      ctx.out.line(
        `${w.severity === 'medium' ? w.severity.toUpperCase() : ctx.out.bad(w.severity.toUpperCase())} ${w.code}: ${w.text}`,
      );
    printQuorum(ctx, quorum);
    printOnChain(ctx, onChain);
    return onChain && !onChain.valid ? 1 : 0;
  });
}

async function sign(
  ctx: CliContext,
  hash: string,
  values: DeviceSigningFlags,
  devices: SigningDevices,
): Promise<number> {
  return withStore(ctx, async (store) => {
    const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
    const device = waitingDeviceOpener(ctx, devices);
    const { result, posted, postFailure, onChain, onChainFailure } = await signMessageOnDevice({
      store,
      openDevice: device.openDevice,
      safeMessageHash: hash,
      ...(values.path ? { path: values.path } : {}),
      ...(values.scan ? { scan: parseScanCount(values.scan) } : {}),
      acknowledged: values.ack ?? [],
      post: !values['no-post'],
      onProgress: (p) => {
        if (p.stage === 'awaiting-approval') {
          say('Check your Ledger and approve only if it shows (EIP-712, hashed):');
          say(`  Domain hash   ${p.compare.domainHash}`);
          say(`  Message hash  ${p.compare.messageHash}`);
        }
      },
    }).finally(() => device.stop());
    // Stored before posting was tried: a refusal from the service loses nothing, and says so.
    if (postFailure) throw postFailure;
    if (ctx.out.json) ctx.out.data({ ...result, posted, onChain, onChainFailure: onChainFailure?.toJSON() ?? null });
    else {
      ctx.out.line(
        ctx.out.good(
          `Signed by ${result.signer}, verified and stored${posted ? ', posted to the Transaction Service' : ''}.`,
        ),
      );
      printQuorum(ctx, result.quorum);
      printOnChain(ctx, onChain);
      if (onChainFailure)
        say(`guardian message: the Safe could not be asked: ${onChainFailure.message} [${onChainFailure.code}]`);
    }
    return onChain && !onChain.valid ? 1 : 0;
  });
}

async function post(ctx: CliContext, hash: string, owner: string | undefined): Promise<number> {
  return withStore(ctx, async (store) => {
    const { message, quorum } = verifiedMessage(store, hash);
    const serviceUrl = store.getWatchedSafe(message.chainId, message.safe)?.serviceUrl;
    if (!serviceUrl)
      throw new GuardianError(
        'INVALID_INPUT',
        `Safe ${message.chainId}:${message.safe} has no Transaction Service here (guardian safe add … --service URL).`,
      );
    // Only what this machine's Ledgers signed is ours to post; the service's own signatures it already has.
    const mine = owner
      ? [parseAddress(owner, '--owner')]
      : quorum.signed.filter((s) => s.origin === 'local' || s.origin === 'file').map((s) => s.owner);
    if (mine.length === 0)
      throw new GuardianError('NOT_FOUND', `No signature made here for message ${message.safeMessageHash} to post.`);
    const outcomes = [];
    for (const o of mine)
      outcomes.push({
        owner: o,
        ...(await postMessageSignature(store, { serviceUrl, safeMessageHash: message.safeMessageHash, owner: o })),
      });
    if (ctx.out.json)
      ctx.out.data({
        safeMessageHash: message.safeMessageHash,
        posted: outcomes,
        quorum: verifiedMessage(store, hash).quorum,
      });
    else {
      for (const o of outcomes)
        ctx.out.line(
          ctx.out.good(
            `${o.owner}: ${o.posted ? 'posted' : 'already on the service'}${o.created ? ' (the message was new to the service)' : ''}${o.learned ? `; ${o.learned} other signatures learned` : ''}.`,
          ),
        );
      printQuorum(ctx, verifiedMessage(store, hash).quorum);
    }
    return 0;
  });
}

/** The verb with its device opener given: USB HID for the command line, a software Ledger in tests. */
export function messageVerbWith(deps: SigningDevices): Verb {
  return {
    async run(ctx) {
      const { values, positionals } = parseArgs({
        args: ctx.args,
        options: {
          ...DEVICE_SIGNING_FLAGS,
          offline: { type: 'boolean' },
          rpc: { type: 'string' },
        },
        allowPositionals: true,
      });
      const action = positionals[0];
      if (values.scan !== undefined) parseScanCount(values.scan);
      if (action === 'list') return list(ctx, values.offline ?? false);
      if (action === 'import') {
        const file = positionals[1];
        if (!file) throw new GuardianError('INVALID_INPUT', 'Give the file of messages to import.');
        return withStore(ctx, (store) => {
          const { stored, rejected } = importMessageFile(store, file);
          if (ctx.out.json)
            ctx.out.data({
              stored: stored.map((m) => messageJson(m, null)),
              rejected: rejected.map((r) => ({
                claimedSafeMessageHash: r.claimedSafeMessageHash,
                error: r.error.toJSON(),
              })),
            });
          else {
            for (const m of stored)
              ctx.out.line(`${ctx.out.good('stored')} ${m.safeMessageHash}  ${describeContent(m.content)}`);
            for (const r of rejected)
              ctx.streams.stderr.write(
                `${ctx.out.bad('REFUSED')}${r.claimedSafeMessageHash ? ` ${r.claimedSafeMessageHash}` : ''}: ${r.error.message} [${r.error.code}]\n`,
              );
          }
          return rejected.length > 0 ? 1 : 0;
        });
      }
      if (action === 'show') return show(ctx, needHash(positionals, 'show'), values.rpc);
      if (action === 'sign') return sign(ctx, needHash(positionals, 'sign'), values, deps);
      if (action === 'post') return post(ctx, needHash(positionals, 'post'), values.owner);
      throw new GuardianError(
        'INVALID_INPUT',
        `message takes one action, list, import, show, sign or post; got "${action ?? ''}". Run "guardian help message".`,
      );
    },
  };
}

export const messageVerb = messageVerbWith({
  openDevice: (path) => openLedgerDevice(path),
  listDevices: listPluggedLedgers,
});
