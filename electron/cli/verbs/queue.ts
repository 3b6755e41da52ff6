import { parseArgs } from 'node:util';
import { formatUnits } from 'ethers';
import { confirmationsJson } from '../confirmationsJson.js';
import { verifiedConfirmations, type VerifiedConfirmations } from '../../core/bundle/verifiedConfirmations.js';
import { isGuardianError, type GuardianError } from '../../core/errors.js';
import type { SafeInfo } from '../../core/safe/safeInfo.js';
import type { Store } from '../../core/store/openStore.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { EXIT, EXIT_FOR_ERROR } from '../exitCodes.js';
import { pullQueue } from '../../core/queue/pullQueue.js';
import { responseFigures, type ResponseFigures } from '../../core/queue/responseFigures.js';
import { figuresLine } from '../../core/queue/figuresLine.js';
import { guardianErrorJson } from '../../core/errorCauses.js';
import type { Lookalike } from '../../core/decode/lookalikeAddress.js';
import { recordedLookalikes } from '../../core/simulate/recordedLookalikes.js';
import { reviewedMultiSends } from '../../core/simulate/reviewedMultiSends.js';
import { queueDecodings } from './queueDecoding.js';

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** A Safe's last known state, or null with its damaged row set aside to be named. */
function readSafeInfo(store: Store, chainId: bigint, address: string, damaged: GuardianError[]): SafeInfo | null {
  try {
    return store.getSafeInfo(chainId, address);
  } catch (error) {
    if (!isGuardianError(error, 'STORE_FAILED')) throw error;
    damaged.push(error);
    return null;
  }
}

/**
 * What the latest reviews recorded: the look-alikes they found and the MultiSends they recognised by code. An audit
 * log that does not read back costs the rows only these, named once.
 */
function readReviewed(
  store: Store,
  damaged: GuardianError[],
): { lookalikes: Map<string, Lookalike[]>; multiSendByCode: Map<string, string[]> } {
  try {
    return { lookalikes: recordedLookalikes(store), multiSendByCode: reviewedMultiSends(store) };
  } catch (error) {
    if (!isGuardianError(error, 'STORE_FAILED')) throw error;
    damaged.push(error);
    return { lookalikes: new Map(), multiSendByCode: new Map() };
  }
}

export const queueVerb: Verb = {
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, offline: { type: 'boolean' } },
    });
    return withStore(ctx, async (store) => {
      // A watched-Safe row that does not read back is named by itself; the other Safes are pulled and listed.
      const watched = store.readWatchedSafes();
      const safes = watched.safes;
      const outcomes = values.offline ? [] : await Promise.all(safes.map((s) => pullQueue(store, s)));
      // One damaged row (a hand edit, a bad restore) is named by itself; every other transaction is still listed.
      const queue = store.readQueueItems();
      const items = queue.items;
      const damaged = [...watched.damaged, ...queue.damaged];
      const infos = new Map(
        safes.map((s) => [`${s.chainId}:${s.address}`, readSafeInfo(store, s.chainId, s.address, damaged)]),
      );
      // Every stored signature verified again as it is read: the quorum counts only what is proven here.
      const verified = new Map<string, VerifiedConfirmations>();
      for (const item of items)
        verified.set(
          item.safeTxHash,
          await verifiedConfirmations(store, item.safeTxHash, { offline: values.offline ?? false }),
        );
      // Figures only for what is still pending: a transaction behind the Safe's nonce needs no more signatures.
      const now = new Date();
      const figures = new Map<string, ResponseFigures>();
      for (const item of items) {
        const nonce = infos.get(`${item.safeTx.chainId}:${item.safeTx.safe}`)?.nonce;
        const { verdicts, quorum } = verified.get(item.safeTxHash)!;
        if (nonce === undefined || item.safeTx.nonce >= nonce)
          figures.set(item.safeTxHash, responseFigures(item, verdicts, quorum, now));
      }
      // What the latest review found imitating a known address (a registered contract, an owner, a Safe deployment),
      // and the MultiSends it recognised by code, so each row reads its batch as the review did.
      const { lookalikes, multiSendByCode } = readReviewed(store, damaged);
      const decodings = queueDecodings(store, items, multiSendByCode);
      const rejectedCount = outcomes.reduce((n, o) => n + o.rejected.length, 0);
      // Every pull failed: what is listed is only what was stored before, which a script must not take for fresh.
      const allFailed = outcomes.length > 0 && outcomes.every((o) => o.failure);
      const exitCode =
        rejectedCount > 0
          ? EXIT.REFUSED
          : allFailed
            ? EXIT_FOR_ERROR[outcomes[0]!.failure!.code]
            : damaged.length > 0
              ? EXIT_FOR_ERROR[damaged[0]!.code]
              : EXIT.OK;

      if (ctx.out.json) {
        ctx.out.data({
          safes: safes.map((s) => ({ ...s, info: infos.get(`${s.chainId}:${s.address}`) ?? null })),
          pulls: outcomes.map((o) => ({
            safe: `${o.safe.chainId}:${o.safe.address}`,
            pulled: o.pulled,
            failure: o.failure ? guardianErrorJson(o.failure) : null,
          })),
          rejected: outcomes.flatMap((o) =>
            o.rejected.map((r) => ({
              safe: `${o.safe.chainId}:${o.safe.address}`,
              claimedSafeTxHash: r.claimedSafeTxHash,
              nonce: r.nonce,
              error: guardianErrorJson(r.error),
            })),
          ),
          items: items.map((i) => ({
            ...i,
            hashVerdict: i.claimedSafeTxHash === null ? 'unclaimed' : 'match',
            ...confirmationsJson(verified.get(i.safeTxHash)!),
            figures: figures.get(i.safeTxHash) ?? null,
            lookalikes: lookalikes.get(i.safeTxHash.toLowerCase()) ?? [],
            decoding: decodings.get(i.safeTxHash) ?? null,
          })),
          damaged: damaged.map((e) => guardianErrorJson(e)),
        });
        return exitCode;
      }

      for (const o of outcomes) {
        if (o.failure)
          ctx.streams.stderr.write(
            `guardian queue: ${o.safe.chainId}:${o.safe.address}: ${o.failure.message} [${o.failure.code}]\n`,
          );
        for (const r of o.rejected) {
          ctx.streams.stderr.write(
            `${ctx.out.bad('REFUSED')} ${o.safe.chainId}:${o.safe.address} nonce ${r.nonce ?? '?'} ${r.claimedSafeTxHash ?? ''}: ${r.error.message} [${r.error.code}]\n`,
          );
        }
      }
      if (safes.length === 0)
        ctx.out.line(
          'No watched Safes. Add one with: guardian safe add <chainId>:<address> --service <url> --rpc <url>',
        );
      for (const safe of safes) {
        const info = infos.get(`${safe.chainId}:${safe.address}`) ?? null;
        const mine = items.filter((i) => i.safeTx.chainId === safe.chainId && i.safeTx.safe === safe.address);
        ctx.out.heading(`${safe.label ? `${safe.label} ` : ''}${safe.chainId}:${safe.address}`);
        const unreadable = damaged.some(
          (e) => e.details?.['table'] === 'safe_info' && e.details['key'] === `${safe.chainId}:${safe.address}`,
        );
        ctx.out.line(
          info
            ? ctx.out.dim(
                `  Safe ${info.version}, ${info.threshold} of ${info.owners.length} owners, next nonce ${info.nonce}`,
              )
            : unreadable
              ? ctx.out.bad('  Safe state unreadable (see below): owners and threshold unknown')
              : ctx.out.dim('  Safe state not pulled yet'),
        );
        if (mine.length === 0) ctx.out.line('  no pending transactions');
        for (const item of mine) {
          const { quorum } = verified.get(item.safeTxHash)!;
          const op = item.safeTx.operation === 1 ? ctx.out.bad('DELEGATECALL') : 'CALL';
          ctx.out.line(
            `  nonce ${item.safeTx.nonce.toString().padEnd(5)} ${item.safeTxHash.slice(0, 18)}…  ${op.padEnd(4)} to ${item.safeTx.to}` +
              `${item.safeTx.value > 0n ? `  ${formatUnits(item.safeTx.value)} native` : ''}  ${quorum ? `${quorum.signed.length}/${quorum.threshold} signed` : ''}` +
              `  ${item.claimedSafeTxHash ? ctx.out.good('hash ok') : ctx.out.dim('from file')}`,
          );
          const decoding = decodings.get(item.safeTxHash);
          if (decoding && decoding.failure !== null)
            ctx.out.line(`    ${ctx.out.bad('does not decode')}: ${decoding.failure}`);
          else if (decoding) {
            ctx.out.line(`    ${decoding.summary}`);
            if (decoding.delegatecallToUnknown)
              ctx.out.line(
                `    ${ctx.out.bad('to unknown code')}: a DELEGATECALL to a contract that is not a known MultiSend runs as the Safe`,
              );
          }
          for (const l of lookalikes.get(item.safeTxHash.toLowerCase()) ?? [])
            ctx.out.line(
              `    ${ctx.out.bad(`look-alike of ${l.name} (${short(l.resembles)})`)}: ${l.address} is not ${l.name}, ${l.resembles}: the same ends, another address`,
            );
          const figure = figures.get(item.safeTxHash);
          if (figure) ctx.out.line(`    ${ctx.out.dim(figuresLine(figure))}`);
          for (const u of quorum?.unverified ?? [])
            ctx.out.line(`    ${ctx.out.dim('unverified')} ${u.owner}: ${u.reason}`);
          for (const r of quorum?.refused ?? []) ctx.out.line(`    ${ctx.out.bad('REFUSED')} ${r.owner}: ${r.reason}`);
        }
      }
      for (const e of damaged) ctx.streams.stderr.write(`${ctx.out.bad('DAMAGED')} ${e.message} [${e.code}]\n`);
      return exitCode;
    });
  },
};
