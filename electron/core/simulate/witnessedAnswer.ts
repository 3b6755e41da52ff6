import type { CallFrame } from '../primitives/simulationTypes.js';

/**
 * What `to` answered `data` while the simulation ran, when the trace shows it being asked: a call in its own
 * context (not a delegatecall, which runs its code on another account's storage) that did not fail. Undefined
 * when nobody asked, or when two askings got different answers: then the question goes to the chain.
 *
 * Why a witnessed answer is enough for proxiableUUID(): a UUPS upgrade asks the new implementation exactly this
 * during the upgrade, and that answer is the one the proxy acted on. Nothing asks it again afterwards (a later
 * upgrade asks the implementation after it), so the after-state answer would add nothing to what was seen.
 */
export function witnessedAnswer(callTree: CallFrame, to: string, data: string): string | undefined {
  const target = to.toLowerCase();
  const input = data.toLowerCase();
  const answers = new Set<string>();
  const walk = (frame: CallFrame) => {
    if (
      (frame.type === 'CALL' || frame.type === 'STATICCALL') &&
      !frame.error &&
      frame.to?.toLowerCase() === target &&
      frame.input.toLowerCase() === input
    ) {
      // callTracer leaves `output` out when a call returned nothing.
      answers.add((frame.output ?? '0x').toLowerCase());
    }
    for (const child of frame.calls ?? []) walk(child);
  };
  walk(callTree);
  return answers.size === 1 ? [...answers][0] : undefined;
}
