import type { Severity } from '../primitives/severity.js';
import type { SafeMessage } from '../safe/safeMessage.js';

export interface MessageWarning {
  code:
    | 'MESSAGE_GRANTS_ALLOWANCE'
    | 'MESSAGE_IS_SAFE_TX'
    | 'MESSAGE_TRADE_ORDER'
    | 'MESSAGE_OTHER_CHAIN'
    | 'MESSAGE_IS_BARE_HASH';
  /** critical: signing is refused until the guardian acknowledges it (as a transaction's critical findings are). */
  severity: Exclude<Severity, 'info'>;
  text: string;
}

// Permit (EIP-2612, DAI), Permit2's PermitSingle/PermitBatch/PermitTransferFrom/PermitWitnessTransferFrom.
const PERMIT = /^permit/i;
// CoW Protocol's Order, Seaport's OrderComponents, 0x's LimitOrder/RfqOrder: a signed order is a trade anyone can fill.
const ORDER = /^(order|ordercomponents|limitorder|rfqorder|otcorder)$/i;

/**
 * What an off-chain signature by the Safe can do that its words may not say. Once the owners' signatures are
 * collected, the Safe vouches for the message through isValidSignature, to any contract that asks: a permit is
 * an allowance spent without a transaction (the Permit2 drains), a SafeTx is another Safe's transaction that
 * this Safe, as its owner, approves.
 */
export function messageWarnings(message: SafeMessage): MessageWarning[] {
  const { content } = message;
  const warnings: MessageWarning[] = [];
  if (typeof content === 'string') {
    if (/^\s*0x[0-9a-fA-F]{64}\s*$/.test(content)) {
      warnings.push({
        code: 'MESSAGE_IS_BARE_HASH',
        severity: 'medium',
        text: 'The text is only a 32-byte hash: what it stands for cannot be read here. Ask the proposer for what was hashed.',
      });
    }
    return warnings;
  }
  const name = typeof content.domain['name'] === 'string' ? content.domain['name'] : '';
  if (PERMIT.test(content.primaryType) || /permit2/i.test(name)) {
    warnings.push({
      code: 'MESSAGE_GRANTS_ALLOWANCE',
      severity: 'critical',
      text: `A ${content.primaryType} lets its spender move the Safe's tokens without a transaction of the Safe. Check the spender, token, amount and deadline.`,
    });
  }
  if (content.primaryType === 'SafeTx') {
    warnings.push({
      code: 'MESSAGE_IS_SAFE_TX',
      severity: 'critical',
      text: `This is a transaction of the Safe at ${String(content.domain['verifyingContract'] ?? '?')}: signed, it is this Safe's approval as that Safe's owner. Review that transaction itself.`,
    });
  }
  if (ORDER.test(content.primaryType)) {
    warnings.push({
      code: 'MESSAGE_TRADE_ORDER',
      severity: 'high',
      text: `A signed ${content.primaryType} is a trade anyone can fill until it expires or is cancelled on-chain.`,
    });
  }
  const chainId = content.domain['chainId'];
  if (
    chainId !== undefined &&
    String(chainId) !== message.chainId.toString() &&
    !(typeof chainId === 'string' && /^0x/i.test(chainId) && BigInt(chainId) === message.chainId)
  ) {
    warnings.push({
      code: 'MESSAGE_OTHER_CHAIN',
      severity: 'medium',
      text: `The typed data is for chain ${String(chainId)}, the Safe is on chain ${message.chainId}.`,
    });
  }
  return warnings;
}
