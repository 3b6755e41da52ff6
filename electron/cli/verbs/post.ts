import { parseArgs } from 'node:util';
import { postNestedSignatures } from '../../core/nested/postNestedSignatures.js';
import { postStoredConfirmations } from '../../core/signing/postStoredConfirmations.js';
import { EXIT, EXIT_FOR_ERROR } from '../exitCodes.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { nestedPostsExit, nestedPostsJson, printNestedPosts } from '../nestedPostOutput.js';
import { parseAddress } from '../parseFlags.js';

/** `guardian post [safeTxHash]`: what was signed here and did not reach the Transaction Service, sent again; no device. */
export const postVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, owner: { type: 'string' } },
      allowPositionals: true,
    });
    const owner = values.owner ? parseAddress(values.owner, '--owner') : undefined;
    return withStore(ctx, async (store) => {
      const hash = positionals[0] ? store.getQueueItem(positionals[0]).safeTxHash : undefined;
      const outcomes = await postStoredConfirmations(store, {
        ...(hash ? { safeTxHash: hash } : {}),
        ...(owner ? { owner } : {}),
      });
      // The inner owners' signatures of owner Safes' messages; their contract signatures are outer confirmations,
      // posted above. With --owner, that owner Safe's.
      const nested = await postNestedSignatures(store, {
        ...(hash ? { outerSafeTxHash: hash } : {}),
        ...(owner ? { innerSafe: owner } : {}),
        withOuter: false,
      });
      const failed = outcomes.find((o) => !o.posted);
      const code =
        (failed && !failed.posted ? EXIT_FOR_ERROR[failed.failure.code] : EXIT.OK) || nestedPostsExit(nested);
      if (ctx.out.json) {
        ctx.out.data({
          outcomes: outcomes.map((o) => (o.posted ? o : { ...o, failure: o.failure.toJSON() })),
          // Only where there were nested signatures, so a station without owner Safes reads as it always has.
          ...(nested.outcomes.length + nested.held.length > 0 ? { nested: nestedPostsJson(nested) } : {}),
        });
        return code;
      }
      printNestedPosts(ctx, nested);
      if (outcomes.length === 0 && nested.outcomes.length === 0)
        ctx.out.line(
          hash
            ? `Nothing to post for ${hash}: every signature made here has reached the Transaction Service.`
            : 'Nothing to post: every signature made here has reached the Transaction Service.',
        );
      for (const o of outcomes) {
        if (o.posted)
          ctx.out.line(`${ctx.out.good('posted')}   ${o.safeTxHash}  ${o.owner} ${ctx.out.dim(`(${o.origin})`)}`);
        else
          ctx.streams.stderr.write(
            `${ctx.out.bad('NOT POSTED')} ${o.safeTxHash}  ${o.owner}: ${o.failure.message} [${o.failure.code}]\n`,
          );
      }
      return code;
    });
  },
};
