import { importStationFile } from '../core/bundle/importStationFile.js';
import { importSignatureUrs } from '../core/bundle/qr/importSignatureUrs.js';
import { isReadablePicture } from '../core/bundle/qr/picturePixels.js';
import type { QrPictureReader } from '../core/bundle/qr/readQrPictureInWorker.js';
import { readQrPicture } from '../core/bundle/qr/readQrPicture.js';
import { isSignatureCodeFile, urTextsIn } from '../core/bundle/qr/signatureCodeFiles.js';
import { GuardianError } from '../core/errors.js';
import { importNonceChoice } from '../core/queue/importNonce.js';
import { importQueueFile } from '../core/queue/importQueueFile.js';
import { parseJsonText } from '../core/input/jsonText.js';
import { parseQueueJson, type SafeContext } from '../core/queue/readQueueFile.js';
import { resolveSafeContext } from '../core/queue/resolveSafeContext.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/**
 * A file a guardian picked in the app, whatever it is: a review bundle (an air-gapped station stores the
 * transaction and the proven pre-state to review and sign on), signatures coming back from one (each checked
 * against this station's owners and hash), or a Transaction Builder batch or Transaction Service JSON.
 *
 * A Transaction Builder batch carries no nonce. Rather than take the Safe's next one silently (which collides with
 * whatever is queued there), the first call stores nothing and answers with the choice: the Safe's next nonce, the
 * nonces already queued, and the first free one. The guardian's pick comes back as `nonce`.
 *
 * A picture's QR code is read by `readPicture`: on a worker thread in the app (readQrPictureInWorker), inline
 * where nothing else waits.
 */
export async function importedFile(
  store: Store,
  name: string,
  content: string | Uint8Array,
  nonce?: bigint,
  readPicture: QrPictureReader = async (picture, pictureName) => readQrPicture(picture, pictureName),
): Promise<Response<'queue.import'>> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (isSignatureCodeFile(bytes)) {
    // A picture of a QR code, or pasted ur:eth-signature lines: signatures coming back, each checked as a file's are.
    const urs = isReadablePicture(bytes)
      ? [{ text: await readPicture(bytes, name), source: name }]
      : urTextsIn([{ name, bytes }]);
    const { transactions, refused } = importSignatureUrs(store, urs, name);
    const reasons = [...refused, ...transactions.flatMap((t) => t.refused)];
    return {
      kind: 'signatures',
      imported: [],
      signatures: transactions.flatMap((t) => t.added),
      refused: reasons.map((e, i) => ({ position: i + 1, reason: e.message })),
    };
  }
  const json = parseJsonText(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'), name);
  const travelled = await importStationFile(store, json, name);
  if (travelled?.kind === 'review-bundle') {
    return {
      kind: 'review-bundle',
      imported: [
        { safeTxHash: travelled.item.safeTxHash.toLowerCase(), nonce: travelled.item.safeTx.nonce.toString() },
      ],
      producer: travelled.producer,
      signatures: [],
      refused: [],
    };
  }
  if (travelled?.kind === 'signatures') {
    const { added, refused } = travelled.signatures;
    return {
      kind: 'signatures',
      imported: [],
      signatures: added,
      refused: refused.map((e, i) => ({ position: i + 1, reason: e.message })),
    };
  }
  const resolve = resolveSafeContext(store, {});
  let batchSafe: { safe: string; context: SafeContext & { nonce: bigint } } | undefined;
  const file = parseQueueJson(json, name, (safe, chainId, needs) => {
    const context = resolve(safe, chainId, needs);
    if (needs.nonce && context.nonce !== undefined) batchSafe = { safe, context: { ...context, nonce: context.nonce } };
    return nonce === undefined ? context : { ...context, nonce };
  });
  if (file.kind === 'tx-builder-file' && batchSafe) {
    const { safe, context } = batchSafe;
    const choice = importNonceChoice(store, context.chainId, safe, context.nonce);
    if (nonce === undefined) {
      return {
        kind: 'needs-nonce',
        nonceChoice: {
          safe,
          safeNonce: choice.safeNonce.toString(),
          suggested: choice.suggested.toString(),
          queued: choice.queued.map((q) => ({ nonce: q.nonce.toString(), safeTxHashes: q.safeTxHashes })),
        },
        imported: [],
        signatures: [],
        refused: [],
      };
    }
    if (nonce < context.nonce) {
      throw new GuardianError(
        'INVALID_INPUT',
        `Nonce ${nonce} is already used by Safe ${safe}: its next nonce is ${context.nonce}, so a transaction at ${nonce} can never run.`,
      );
    }
  }
  const { imported, rejected } = importQueueFile(store, file, name);
  return {
    kind: 'queue-file',
    imported: imported.map((i) => ({ safeTxHash: i.safeTxHash.toLowerCase(), nonce: i.safeTx.nonce.toString() })),
    signatures: [],
    refused: rejected.map((r) => ({ position: r.index + 1, reason: r.error.message })),
  };
}
