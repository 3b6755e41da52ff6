import type { NestedPostOutcome, NestedSignatureHeld } from '../core/nested/postNestedSignatures.js';
import type { CliContext } from './cliContext.js';
import { EXIT, EXIT_FOR_ERROR } from './exitCodes.js';

/** How guardian nested sign and guardian post print the posts of nested signatures, and the exit code they give. */
export interface NestedPosts {
  outcomes: NestedPostOutcome[];
  held: NestedSignatureHeld[];
}

export const nestedPostsExit = (posts: NestedPosts): number => {
  const failed = posts.outcomes.find((o) => !o.posted);
  return failed && !failed.posted ? EXIT_FOR_ERROR[failed.failure.code] : EXIT.OK;
};

export const nestedPostsJson = (posts: NestedPosts) => ({
  outcomes: posts.outcomes.map((o) => (o.posted ? o : { ...o, failure: o.failure.toJSON() })),
  held: posts.held,
});

const WHAT = { 'inner-message': 'owner Safe message', 'outer-confirmation': 'contract signature' } as const;

export function printNestedPosts(ctx: CliContext, posts: NestedPosts): void {
  for (const o of posts.outcomes) {
    const where = `${o.outerSafeTxHash}  ${o.owner} ${ctx.out.dim(`(${WHAT[o.what]}, to ${o.safe})`)}`;
    if (o.posted) ctx.out.line(`${ctx.out.good('posted')}   ${where}`);
    else
      ctx.streams.stderr.write(
        `${ctx.out.bad('NOT POSTED')} ${where}: ${o.failure.message} [${o.failure.code}]; "guardian post ${o.outerSafeTxHash.slice(0, 10)}" sends it again without signing\n`,
      );
  }
  for (const h of posts.held)
    ctx.out.line(ctx.out.dim(`kept here  ${h.outerSafeTxHash}  ${h.owner} (for ${h.innerSafe}): ${h.reason}`));
}
