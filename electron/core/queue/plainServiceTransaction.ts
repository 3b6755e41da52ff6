import { ZeroAddress } from 'ethers';
import { fitsUint256 } from '../input/fitsUint256.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';
import type { ServiceMultisigTransaction } from './serviceSchemas.js';

/**
 * serviceMultisigTransactionSchema's answer for a transaction in the plain form the service sends, without zod:
 * zod took 40 µs a transaction, most of a page's cost (`guardian hashes page.json`, a pull). It only ever says
 * yes, with exactly the object zod would give (the same fields in the same order, the same transforms, unknown
 * fields dropped); on anything else it says undefined and zod decides, so every refusal and its message are
 * still zod's. A test holds the two together on valid and broken transactions.
 */
export function plainServiceTransaction(json: unknown): ServiceMultisigTransaction | undefined {
  if (typeof json !== 'object' || json === null || Object.getPrototypeOf(json) !== Object.prototype) return undefined;
  const t = json as Record<string, unknown>;
  const value = uint(t['value']);
  const safeTxGas = uint(t['safeTxGas']);
  const baseGas = uint(t['baseGas']);
  const gasPrice = uint(t['gasPrice']);
  const nonce = uint(t['nonce']);
  const { safe, to, data, operation, gasToken, refundReceiver, safeTxHash } = t;
  if (
    !isAddress(safe) ||
    !isAddress(to) ||
    value === undefined ||
    !(data === null || (typeof data === 'string' && isWholeByteHex(data))) ||
    !(operation === 0 || operation === 1) ||
    safeTxGas === undefined ||
    baseGas === undefined ||
    gasPrice === undefined ||
    !(gasToken === null || isAddress(gasToken)) ||
    !(refundReceiver === null || isAddress(refundReceiver)) ||
    nonce === undefined ||
    !isHash(safeTxHash)
  )
    return undefined;
  const parsed: ServiceMultisigTransaction = {
    safe,
    to,
    value,
    data,
    operation,
    safeTxGas,
    baseGas,
    gasPrice,
    gasToken: gasToken ?? ZeroAddress,
    refundReceiver: refundReceiver ?? ZeroAddress,
    nonce,
    safeTxHash,
  };
  const fields = parsed as unknown as Record<string, unknown>;
  // Indexed, not for-of over pairs: a page checks a thousand before the loop is compiled, each step (and each pair
  // taken apart) allocating.
  for (let i = 0; i < OPTIONAL.length; i++) {
    const key = OPTIONAL[i]![0];
    const valid = OPTIONAL[i]![1];
    const v = t[key];
    if (v === undefined) {
      // zod keeps a key it was given as undefined, and adds none it was not given.
      if (key in t) fields[key] = undefined;
    } else if (valid(v)) fields[key] = v;
    else return undefined;
  }
  const confirmations = t['confirmations'];
  if (confirmations === undefined) {
    if ('confirmations' in t) parsed.confirmations = undefined;
  } else if (confirmations === null) parsed.confirmations = null;
  else {
    if (!Array.isArray(confirmations)) return undefined;
    const list: NonNullable<ServiceMultisigTransaction['confirmations']> = [];
    for (const c of confirmations as unknown[]) {
      const confirmation = plainConfirmation(c);
      if (!confirmation) return undefined;
      list.push(confirmation);
    }
    parsed.confirmations = list;
  }
  return parsed;
}

/** The optional fields, in the schema's order, each with what it accepts besides undefined. */
const OPTIONAL: ReadonlyArray<readonly [keyof ServiceMultisigTransaction, (v: unknown) => boolean]> = [
  ['proposer', (v) => v === null || isAddress(v)],
  ['submissionDate', (v) => typeof v === 'string'],
  ['isExecuted', (v) => typeof v === 'boolean'],
  ['executionDate', (v) => v === null || typeof v === 'string'],
  ['transactionHash', (v) => v === null || isHash(v)],
];

type Confirmation = NonNullable<ServiceMultisigTransaction['confirmations']>[number];

function plainConfirmation(json: unknown): Confirmation | undefined {
  if (typeof json !== 'object' || json === null || Object.getPrototypeOf(json) !== Object.prototype) return undefined;
  const c = json as Record<string, unknown>;
  const { owner, signature, signatureType, submissionDate } = c;
  if (!isAddress(owner) || !(signature === null || (typeof signature === 'string' && isWholeByteHex(signature))))
    return undefined;
  const parsed: Confirmation = { owner, signature };
  for (const [key, v] of [
    ['signatureType', signatureType],
    ['submissionDate', submissionDate],
  ] as const) {
    if (v === undefined) {
      if (key in c) parsed[key] = undefined;
    } else if (typeof v === 'string') parsed[key] = v;
    else return undefined;
  }
  return parsed;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const DECIMAL = /^[0-9]+$/;
const isAddress = (v: unknown): v is string => typeof v === 'string' && ADDRESS.test(v);
const isHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);

/** uintLike: a decimal string a uint256 holds (at most 78 digits past leading zeros), or a safe whole number. */
function uint(v: unknown): bigint | undefined {
  if (typeof v === 'string') {
    // More than 78 digits only past leading zeros: the longest uint256 is 78 digits long.
    if (!DECIMAL.test(v) || (v.length > 78 && v.replace(/^0+/, '').length > 78)) return undefined;
    const n = BigInt(v);
    return fitsUint256(n) ? n : undefined;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return undefined;
}
