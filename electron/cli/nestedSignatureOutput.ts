import type { NestedSignatureState } from '../core/nested/completeNestedSignature.js';
import type { NestedMessageHashes } from '../core/nested/nestedMessageHashes.js';
import type { Store } from '../core/store/openStore.js';
import type { CliContext } from './cliContext.js';
import { EXIT } from './exitCodes.js';

/**
 * How guardian nested sign and add-signature print where an owner Safe's contract signature stands: both hashes,
 * the inner signatures counted, and once there is one, the outer confirmation and how the outer Safe judges it.
 */
export type NestedOutcome = NestedSignatureState & { hashes: NestedMessageHashes; innerSafe: string };

/** A contract signature the owner Safe itself refuses is a failure to report, even though it is stored. */
export const exitFor = (state: NestedOutcome) =>
  state.outerVerdict !== null && state.outerVerdict.status !== 'valid' ? 1 : EXIT.OK;

export function stateJson(store: Store, state: NestedOutcome) {
  const { hashes, tally, outerVerdict } = state;
  const outer = store.getQueueItem(hashes.outerSafeTxHash).safeTx;
  return {
    outer: { chainId: outer.chainId, safe: outer.safe, safeTxHash: hashes.outerSafeTxHash },
    inner: {
      chainId: outer.chainId,
      safe: state.innerSafe,
      safeMessageHash: hashes.innerSafeMessageHash,
      domainHash: hashes.domainHash,
      messageHash: hashes.messageHash,
      message: hashes.message,
    },
    innerSignatures: {
      signed: tally.signed.map((s) => s.owner),
      threshold: tally.threshold,
      met: tally.met,
      refused: tally.refused,
    },
    contractSignature: state.contractSignature,
    recorded: state.recorded,
    outerConfirmation: outerVerdict ? { status: outerVerdict.status, reason: outerVerdict.reason } : null,
    outerQuorum: state.outerQuorum,
    outerFailure: state.outerFailure?.toJSON() ?? null,
  };
}

export function printState(ctx: CliContext, store: Store, state: NestedOutcome, signedHere: boolean): number {
  const { hashes, tally, outerVerdict } = state;
  const outer = store.getQueueItem(hashes.outerSafeTxHash).safeTx;
  const innerRef = `${outer.chainId}:${state.innerSafe}`;
  ctx.out.fields([
    ['outer safeTxHash', `${hashes.outerSafeTxHash}  (Safe ${outer.chainId}:${outer.safe})`],
    ['inner SafeMessage hash', `${hashes.innerSafeMessageHash}  (Safe ${innerRef}, over the outer transaction)`],
    [signedHere ? 'the device signs' : 'the owners sign', `the inner one, ${hashes.innerSafeMessageHash}`],
    ['inner signatures', `${tally.signed.length} of ${tally.threshold}${tally.met ? ': met' : ''}`],
  ]);
  for (const r of tally.refused)
    ctx.out.line(`${ctx.out.bad('REFUSED')} the kept signature of ${r.owner}: ${r.reason}`);
  if (!state.contractSignature) {
    ctx.out.line(
      ctx.out.dim(
        `Next: ${tally.threshold - tally.signed.length} more of ${state.innerSafe}'s owners run guardian nested sign ${hashes.outerSafeTxHash.slice(0, 10)} --inner ${innerRef} (here, or elsewhere and bring it with guardian nested add-signature).`,
      ),
    );
    return EXIT.OK;
  }
  ctx.out.fields([
    ['outer contract signature', state.contractSignature],
    [
      'stored',
      state.recorded
        ? `as ${state.innerSafe}'s confirmation of ${hashes.outerSafeTxHash}`
        : `no: a confirmation from ${state.innerSafe} was already stored, and the first one stays`,
    ],
    [
      'the outer quorum',
      outerVerdict
        ? outerVerdict.status === 'valid'
          ? ctx.out.good(
              `counts it: the owner Safe accepts it (isValidSignature)${state.outerQuorum?.met ? '; the quorum is met' : ''}`,
            )
          : ctx.out.bad(`does not count it (${outerVerdict.status}): ${outerVerdict.reason ?? ''}`)
        : 'not judged yet',
    ],
  ]);
  if (state.outerFailure)
    ctx.streams.stderr.write(
      `guardian nested: the owner Safe could not be asked: ${state.outerFailure.message} [${state.outerFailure.code}]\n`,
    );
  return exitFor(state);
}
