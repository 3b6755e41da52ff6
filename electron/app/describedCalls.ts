import type { DecodedTransaction } from '../core/decode/decodedTransaction.js';
import { walkActions } from '../core/risk/staticFindings.js';
import type { ReviewView } from '../ipc/contract.js';

/**
 * Every call an ERC-7730 descriptor described, depth first: the descriptor's words are only as good as whoever
 * wrote them, so the screen names the descriptor (owner, file hash) beside them, as `guardian decode` does.
 */
export function describedCalls(decoded: DecodedTransaction): ReviewView['described'] {
  const described: ReviewView['described'] = [];
  walkActions(decoded.actions, (action) => {
    const words = action.clearSigning;
    if (!words) return;
    described.push({
      path: action.path,
      intent: words.intent,
      fields: words.fields.map((f) => ({ label: f.label, value: f.value, raw: f.raw })),
      source: words.source,
      ownWords: words.ownWords,
    });
  });
  return described;
}
