import { VERBS } from '../verbTable.js';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { carryPreState } from '../../core/bundle/carryPreState.js';
import { formatOf, importStationFile } from '../../core/bundle/importStationFile.js';
import { reviewBundle, reviewBundleJson } from '../../core/bundle/reviewBundle.js';
import { signaturesFile } from '../../core/bundle/signaturesFile.js';
import { STAGE_WORDS } from '../../core/simulate/simulationTypes.js';
import { GuardianError } from '../../core/errors.js';
import { postConfirmation } from '../../core/signing/postConfirmation.js';
import { verifiedConfirmations } from '../../core/signing/verifiedConfirmations.js';
import type { Store } from '../../core/store/openStore.js';
import { withStore } from '../cliStore.js';
import type { CliContext, Verb } from '../cliContext.js';
import { readJsonFile } from '../../core/input/jsonFile.js';

function writeJson(path: string, value: object): void {
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`, { flag: 'wx' });
}

async function exportBundle(ctx: CliContext, store: Store, target: string, out: string, checkRpcUrl: string | undefined): Promise<number> {
  const item = store.getQueueItem(target);
  const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
  if (!rpcUrl) throw new GuardianError('INVALID_INPUT', 'A bundle carries the pre-state of a review on a fork: add the Safe\'s RPC URL first (guardian safe add … --rpc).');
  const carried = await carryPreState(store, item, rpcUrl, (p) => ctx.streams.stderr.write(`${STAGE_WORDS[p.stage]}: ${p.detail}
`), checkRpcUrl ? { checkRpcUrl } : {});
  const bundle = await reviewBundle(store, item.safeTxHash, carried);
  writeJson(out, reviewBundleJson(bundle));
  ctx.out.line(ctx.out.good(`Wrote ${out}: transaction ${item.safeTxHash}, the Safe's owners, ${bundle.confirmations.length} signature(s), and the pre-state at block ${BigInt(carried.block.number)} (hash ${carried.header?.hash}${checkRpcUrl ? ', the same on the second RPC' : ''})${carried.proofs ? ' with state proofs' : ' WITHOUT state proofs (the air-gapped station will refuse to sign on it)'}.`));
  return 0;
}

async function importFile(ctx: CliContext, store: Store, path: string, post: boolean): Promise<number> {
  const json = readJsonFile(path);
  const imported = await importStationFile(store, json, path);
  if (!imported) throw new GuardianError('INVALID_FILE', `${path} is neither a review bundle nor a signatures file (its format is ${JSON.stringify(formatOf(json) ?? null)}).`);
  if (imported.kind === 'review-bundle') {
    const { item } = imported;
    const carried = store.getCarriedState(item.safeTxHash)!;
    ctx.out.line(ctx.out.good(`Stored ${item.safeTxHash} (nonce ${item.safeTx.nonce}) from ${path}, every signature checked, its pre-state proven against block ${BigInt(carried.block.number)}.`));
    // The one thing the proofs cannot vouch for is the block itself: a guardian compares it with a second source.
    ctx.out.fields([['Block number', BigInt(carried.block.number).toString()], ['Block hash', carried.header!.hash], ['', 'compare both with a block explorer or a second node before signing']]);
    ctx.out.line(`Review it with guardian review and sign it with guardian sign --bundle ${path}.`);
    return 0;
  }
  const { safeTxHash, added, refused } = imported.signatures;
  for (const e of refused) ctx.streams.stderr.write(`${ctx.out.bad('REFUSED')} ${e.message} [${e.code}]\n`);
  ctx.out.line(`${added.length} signature(s) added to ${safeTxHash}${added.length > 0 ? `: ${added.join(', ')}` : ''}.`);
  const { chainId, safe } = store.getQueueItem(safeTxHash).safeTx;
  const serviceUrl = store.getWatchedSafe(chainId, safe)?.serviceUrl;
  // Verified again with this station's chain: an approved hash or contract signature the file carried is posted
  // only once the chain confirms it.
  const { verdicts } = await verifiedConfirmations(store, safeTxHash);
  const notProven = verdicts.filter((v) => added.includes(v.owner) && v.status !== 'valid');
  for (const v of notProven) ctx.streams.stderr.write(`${v.status === 'refused' ? ctx.out.bad('REFUSED') : 'UNVERIFIED'} ${v.owner}, not posted: ${v.reason}\n`);
  if (post && serviceUrl) {
    for (const owner of added.filter((o) => !notProven.some((v) => v.owner === o))) {
      await postConfirmation(store, { serviceUrl, safeTxHash, owner });
      ctx.out.line(`Posted ${owner}'s signature to the Transaction Service.`);
    }
  }
  return refused.length > 0 || notProven.some((v) => v.status === 'refused') ? 1 : 0;
}

export const bundleVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({ args: ctx.args, options: { json: { type: 'boolean' }, out: { type: 'string' }, 'no-post': { type: 'boolean' }, 'check-rpc': { type: 'string' } }, allowPositionals: true });
    const [action, target] = positionals;
    if (!action || !target || positionals.length > 2) throw new GuardianError('INVALID_INPUT', `Usage: guardian ${VERBS['bundle']!.usage}`);
    return withStore(ctx, async (store) => {
      if (action === 'import') return importFile(ctx, store, target, !values['no-post']);
      if (!values.out) throw new GuardianError('INVALID_INPUT', `guardian bundle ${action} writes a file: give --out.`);
      if (action === 'export') return exportBundle(ctx, store, target, values.out, values['check-rpc']);
      if (action === 'signatures') {
        const file = await signaturesFile(store, target);
        const { quorum } = await verifiedConfirmations(store, target);
        writeJson(values.out, file);
        for (const r of quorum?.refused ?? []) ctx.streams.stderr.write(`${ctx.out.bad('REFUSED')} ${r.owner}, not written: ${r.reason}\n`);
        ctx.out.line(ctx.out.good(`Wrote ${values.out}: the ${file.confirmations.length} signature(s) held here for ${file.safeTxHash}.`));
        return 0;
      }
      throw new GuardianError('INVALID_INPUT', `Unknown bundle action "${action}": export, import or signatures.`);
    });
  },
};
