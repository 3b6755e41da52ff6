import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { importQueueFile } from '../../core/queue/importQueueFile.js';
import { parseQueueJson } from '../../core/queue/readQueueFile.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { REVIEW_BUNDLE_FORMAT } from '../../core/bundle/reviewBundle.js';
import { SIGNATURES_FORMAT } from '../../core/bundle/signaturesFile.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { fileSafeContext } from '../loadTarget.js';
import { guardianErrorJson } from '../../core/errorCauses.js';

/** Files that travel between stations are checked by `bundle import`; here they would read as unknown JSON. */
function refuseStationFile(json: unknown, path: string): void {
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  const what =
    format === REVIEW_BUNDLE_FORMAT ? 'a review bundle' : format === SIGNATURES_FORMAT ? 'a signatures file' : null;
  if (what)
    throw new GuardianError(
      'INVALID_FILE',
      `${path} is ${what}, not a queue file: bring it in with "guardian bundle import ${path}".`,
    );
}

export const importVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: {
        json: { type: 'boolean' },
        'chain-id': { type: 'string' },
        'safe-version': { type: 'string' },
        nonce: { type: 'string' },
        'multi-send': { type: 'string' },
      },
      allowPositionals: true,
    });
    const path = positionals[0];
    if (!path || positionals.length > 1) throw new GuardianError('INVALID_INPUT', 'Give one file to import.');
    return withStore(ctx, (store) => {
      const json = readJsonFile(path);
      refuseStationFile(json, path);
      const { imported, rejected } = importQueueFile(
        store,
        parseQueueJson(json, path, fileSafeContext(store, values)),
        path,
      );
      if (ctx.out.json) {
        ctx.out.data({
          imported: imported.map((i) => ({ safeTxHash: i.safeTxHash, nonce: i.safeTx.nonce.toString() })),
          rejected: rejected.map((r) => ({ index: r.index, error: guardianErrorJson(r.error) })),
        });
      } else {
        for (const item of imported)
          ctx.out.line(`${ctx.out.good('stored')} nonce ${item.safeTx.nonce} ${item.safeTxHash}`);
        for (const r of rejected)
          ctx.streams.stderr.write(
            `${ctx.out.bad('REFUSED')} transaction ${r.index + 1} of ${path}: ${r.error.message} [${r.error.code}]\n`,
          );
      }
      return rejected.length > 0 ? 1 : 0;
    });
  },
};
