import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { approvedOuterHash, buildNestedApproval, type NestedApproval } from '../../core/nested/nestedApproval.js';
import type { Store } from '../../core/store/openStore.js';
import type { Verb } from '../cliContext.js';
import { withStore } from '../cliStore.js';
import { EXIT } from '../exitCodes.js';
import { parseBigint } from '../parseFlags.js';
import { parseSafeRef } from '../parseSafeRef.js';

/**
 * `guardian nested approve <outer> --inner <chainId:ownerSafe>`: a Safe that owns another approves on the chain,
 * not with a signature, so the owner Safe's guardians sign its approveHash transaction, not the outer one. Both
 * hashes are printed so nobody confuses what their device shows with what the outer Safe will execute.
 */
export const nestedVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, inner: { type: 'string' }, nonce: { type: 'string' } },
      allowPositionals: true,
    });
    const [action, target] = positionals;
    if (action !== 'approve')
      throw new GuardianError('INVALID_INPUT', `nested takes one action, approve; got "${action ?? ''}".`);
    if (!target)
      throw new GuardianError('INVALID_INPUT', 'Give the outer transaction: its safeTxHash (or a prefix of it).');
    if (!values.inner)
      throw new GuardianError('INVALID_INPUT', 'Give the owner Safe that approves it: --inner <chainId>:<address>.');
    const inner = parseSafeRef(values.inner);
    const nonce = values.nonce === undefined ? undefined : parseBigint(values.nonce, '--nonce');
    return withStore(ctx, (store) => {
      const outer = store.getQueueItem(target);
      // approveHash is recorded on the outer Safe's own chain: a Safe of the same address elsewhere cannot give it.
      if (outer.safeTx.chainId !== inner.chainId)
        throw new GuardianError(
          'INVALID_INPUT',
          `The outer transaction ${outer.safeTxHash} is on chain ${outer.safeTx.chainId}, but --inner names chain ${inner.chainId}: the owner Safe must approve on the same chain.`,
        );
      const existing = nonce === undefined ? pendingApproval(store, outer.safeTxHash, inner) : null;
      const approval =
        existing ??
        buildNestedApproval(store, {
          outerSafeTxHash: outer.safeTxHash,
          ownerSafe: inner.address,
          ...(nonce === undefined ? {} : { nonce }),
        });
      const outerSafe = outer.safeTx.safe;
      const { safeTx } = approval.inner;
      const result = {
        outer: { chainId: outer.safeTx.chainId, safe: outerSafe, safeTxHash: approval.outerSafeTxHash },
        inner: {
          chainId: safeTx.chainId,
          safe: safeTx.safe,
          safeTxHash: approval.inner.safeTxHash,
          nonce: safeTx.nonce,
        },
        alreadyStored: existing !== null,
        deviceSigns: approval.inner.safeTxHash,
        outerCounts: `once the inner transaction executes, Safe ${outerSafe} holds approvedHashes(${safeTx.safe}, ${approval.outerSafeTxHash}) and counts it as ${safeTx.safe}'s confirmation; before that it counts nothing`,
      };
      if (ctx.out.json) {
        ctx.out.data(result);
        return EXIT.OK;
      }
      ctx.out.heading(
        `${existing ? 'Already stored: the' : 'Stored the'} approval of ${outerSafe}'s transaction by its owner Safe ${safeTx.safe}`,
      );
      ctx.out.fields([
        ['outer safeTxHash', `${approval.outerSafeTxHash}  (Safe ${outer.safeTx.chainId}:${outerSafe})`],
        [
          'inner safeTxHash',
          `${approval.inner.safeTxHash}  (Safe ${safeTx.chainId}:${safeTx.safe}, nonce ${safeTx.nonce}: approveHash(outer))`,
        ],
        ['the device signs', `the inner one, ${approval.inner.safeTxHash}`],
        ['the outer quorum', result.outerCounts],
      ]);
      ctx.out.line(
        ctx.out.dim(
          `Next: guardian review ${approval.inner.safeTxHash.slice(0, 10)}, then guardian sign ${approval.inner.safeTxHash.slice(0, 10)} by ${safeTx.safe}'s owners.`,
        ),
      );
      return EXIT.OK;
    });
  },
};

/**
 * Asked twice, the verb must not queue a second approval at the next nonce: two pending approvals of one outer
 * transaction would have the owner Safe's guardians sign twice for one count. What the stored one approves is
 * read from its calldata, not from where it says it came from.
 */
function pendingApproval(
  store: Store,
  outerSafeTxHash: string,
  inner: { chainId: bigint; address: string },
): NestedApproval | null {
  const nextNonce = store.getSafeInfo(inner.chainId, inner.address)?.nonce;
  if (nextNonce === undefined) return null;
  const found = store
    .listQueueItems({ chainId: inner.chainId, safe: inner.address.toLowerCase() })
    .find((item) => item.safeTx.nonce >= nextNonce && approvedOuterHash(store, item) === outerSafeTxHash.toLowerCase());
  return found ? { inner: found, outerSafeTxHash: outerSafeTxHash.toLowerCase() } : null;
}
