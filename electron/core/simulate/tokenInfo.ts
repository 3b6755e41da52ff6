import { AbiCoder, id, Interface } from 'ethers';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { MAX_TOKEN_DECIMALS, TOKEN_SYMBOL } from '../primitives/tokenInfo.js';
import { walkActions } from '../risk/staticFindings.js';
import type { CallFrame, StateView } from '../primitives/simulationTypes.js';

const erc20 = new Interface(['function decimals() view returns (uint8)', 'function symbol() view returns (string)']);
const coder = AbiCoder.defaultAbiCoder();
const TRANSFER_TOPIC = id('Transfer(address,address,uint256)');
const AMOUNT_CALLS = new Set([
  'transfer(address,uint256)',
  'transferFrom(address,address,uint256)',
  'approve(address,uint256)',
  'increaseAllowance(address,uint256)',
  'decreaseAllowance(address,uint256)',
]);

/** Tokens whose amounts a review shows: targets of ERC-20 calls, and every emitter of an ERC-20 Transfer. */
export function tokenCandidates(decoded: DecodedTransaction, callTree: CallFrame): string[] {
  const found = new Set<string>();
  walkActions(
    decoded.actions,
    (a) => a.signature !== null && AMOUNT_CALLS.has(a.signature) && found.add(a.to.toLowerCase()),
  );
  const walk = (frame: CallFrame) => {
    if (frame.error) return;
    for (const log of frame.logs ?? [])
      if (log.topics.length === 3 && log.topics[0]?.toLowerCase() === TRANSFER_TOPIC)
        found.add(log.address.toLowerCase());
    for (const child of frame.calls ?? []) walk(child);
  };
  walk(callTree);
  return [...found];
}

/** A symbol as the token states it, ABI string or the bytes32 some old tokens return, if TOKEN_SYMBOL believes it. */
function symbolOf(answer: string | null): string | null {
  if (!answer || answer === '0x') return null;
  let text: string;
  try {
    text = coder.decode(['string'], answer)[0] as string;
  } catch {
    if (answer.length !== 66) return null;
    text = Buffer.from(answer.slice(2), 'hex').toString('latin1').replace(/\0+$/, '');
  }
  return TOKEN_SYMBOL.test(text) ? text : null;
}

function decimalsOf(answer: string | null): number | null {
  if (!answer || answer.length !== 66) return null;
  const value = BigInt(answer);
  return value <= BigInt(MAX_TOKEN_DECIMALS) ? Number(value) : null;
}

/**
 * decimals() and symbol() as each token answers them before the transaction. A token that answers no
 * sensible decimals is left out and its amounts stay in raw units; one without a usable symbol is named by its
 * address alone.
 */
export async function readTokenInfo(view: StateView, addresses: readonly string[]): Promise<Map<string, TokenInfo>> {
  const answers = await Promise.all(
    addresses.map(async (address) => {
      const [decimals, symbol] = await Promise.all([
        view.call(address, erc20.encodeFunctionData('decimals')),
        view.call(address, erc20.encodeFunctionData('symbol')),
      ]);
      return [address.toLowerCase(), decimalsOf(decimals), symbolOf(symbol)] as const;
    }),
  );
  const tokens = new Map<string, TokenInfo>();
  for (const [address, decimals, symbol] of answers)
    if (decimals !== null) tokens.set(address, { decimals, symbol: symbol ?? 'units' });
  return tokens;
}
