import { AbiCoder, dataSlice, ErrorFragment, type InterfaceAbi } from 'ethers';
import { indexAbiFragments } from '../primitives/abiFragments.js';
import type { RevertReason } from '../primitives/simulationTypes.js';
import { SAFE_ERROR_CODES } from './safeErrorCodes.js';

/** Solidity's Panic(uint256) codes (Solidity docs, "Panic via assert and Error via require"). */
const PANIC: Record<number, string> = {
  0x00: 'generic compiler panic',
  0x01: 'assert failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division or modulo by zero',
  0x21: 'invalid enum value',
  0x22: 'bad storage byte array encoding',
  0x31: 'pop on an empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised internal function',
};

const coder = AbiCoder.defaultAbiCoder();

/** Every error declared in the given ABIs, by selector; two ABIs that name its arguments differently list both. */
export function errorFragments(abis: readonly InterfaceAbi[]): Map<string, ErrorFragment[]> {
  return indexAbiFragments(abis, { kind: ErrorFragment, key: 'selector', same: 'full' });
}

function customError(data: string, errors: ReadonlyMap<string, ErrorFragment[]>): RevertReason {
  const selector = data.slice(0, 10).toLowerCase();
  const candidates = errors.get(selector) ?? [];
  const decoded = candidates.flatMap((fragment) => {
    try {
      const values = coder.decode(fragment.inputs, dataSlice(data, 4));
      return [
        `${fragment.name}(${fragment.inputs.map((input, i) => `${input.name ? `${input.name}: ` : ''}${String(values[i])}`).join(', ')})`,
      ];
    } catch {
      return [];
    }
  });
  if (decoded.length === 0)
    return { kind: 'unknown-custom-error', reason: `custom error ${selector} (no known ABI declares it)`, data };
  // Two declarations that both decode are both shown: picking one would be guessing.
  return { kind: 'custom-error', reason: decoded.join(' or '), data };
}

/**
 * Revert data as a guardian can read it: Error(string) (with the Safe's GS codes spelled out), Panic(uint256),
 * a custom error declared in a known ABI, or the bare selector when none declares it.
 */
export function decodeRevert(
  data: string | undefined,
  errors: ReadonlyMap<string, ErrorFragment[]> = new Map(),
): RevertReason {
  const raw = (data ?? '0x').toLowerCase();
  if (raw === '0x') return { kind: 'empty', reason: 'reverted without a reason', data: raw };
  if (raw.startsWith('0x08c379a0')) {
    try {
      const message = coder.decode(['string'], dataSlice(raw, 4))[0] as string;
      const safe = SAFE_ERROR_CODES[message];
      return safe
        ? { kind: 'safe-code', reason: `${message}: ${safe}`, data: raw }
        : { kind: 'error-string', reason: message, data: raw };
    } catch {
      return { kind: 'unknown-custom-error', reason: 'malformed Error(string) revert data', data: raw };
    }
  }
  if (raw.startsWith('0x4e487b71') && raw.length === 10 + 64) {
    const code = Number(BigInt(dataSlice(raw, 4)));
    return {
      kind: 'panic',
      reason: `Panic 0x${code.toString(16).padStart(2, '0')}: ${PANIC[code] ?? 'unknown panic code'}`,
      data: raw,
    };
  }
  return customError(raw, errors);
}
