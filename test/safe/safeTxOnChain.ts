import type { Contract, Wallet } from 'ethers';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';

/** Every field non-zero, so the contract and this code must agree on each one. */
export function everyFieldSafeTx(chainId: bigint, safe: string, safeVersion: string): SafeTx {
  return createSafeTx({
    chainId,
    safe,
    safeVersion,
    to: '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
    value: 10n ** 18n,
    data: '0x8456cb59',
    operation: 1,
    safeTxGas: 50_000n,
    baseGas: 21_000n,
    gasPrice: 3n,
    gasToken: '0x1111111111111111111111111111111111111111',
    refundReceiver: '0x2222222222222222222222222222222222222222',
    nonce: 42n,
  });
}

/** The SafeTx fields getTransactionHash and execTransaction both take first, in the Safe's order. */
function callFields(tx: SafeTx) {
  const { to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver } = tx;
  return [to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver];
}

/** The Safe contract's own `getTransactionHash` for the transaction's fields. */
export async function onChainSafeTxHash(safe: Contract, tx: SafeTx): Promise<string> {
  return (await safe.getFunction('getTransactionHash')(...callFields(tx), tx.nonce)) as string;
}

/** Sends `execTransaction` from `sender` and waits for it to be mined. */
export async function executeOnChain(safe: Contract, tx: SafeTx, signatures: string, sender: Wallet) {
  const exec = safe.connect(sender).getFunction('execTransaction');
  return (await exec(...callFields(tx), signatures)).wait();
}
