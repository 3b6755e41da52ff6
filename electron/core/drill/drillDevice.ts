import { JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';
import { LedgerEthApp } from '../ledger/ethApp.js';
import { SoftwareLedger, type DeviceReview } from './softwareDevice/softwareLedger.js';

/** The drill chain's id ("dr" in ASCII): a chain no value lives on, so a drill key can sign nothing that matters. */
export const DRILL_CHAIN_ID = 0x6472n;

/** Shown wherever a drill signer appears: a guardian must never mistake it for their Ledger. */
export const DRILL_SIGNER_LABEL = 'DRILL software signer (rehearsal only, drill chain only)';

/** The chain a review on the device's screen is for, or null where the screen does not say (a bare hash). */
function chainOnScreen(review: DeviceReview): bigint | null {
  if (review.kind === 'eip712-full')
    return review.domain['chainId'] === undefined ? null : BigInt(String(review.domain['chainId']));
  if (review.kind === 'transaction') return review.transaction.chainId;
  return null;
}

/**
 * A software key standing in for a guardian's Ledger in a rehearsal, through the same Ethereum-app protocol
 * and the same signing gate. It refuses to start on any chain but the drill's own (asked of the RPC, not taken
 * from the caller) and declines, as a person reading the screen would, anything whose chain it cannot see
 * (hashed EIP-712, eth_sign) or that names another chain.
 */
export async function openDrillDevice(rpcUrl: string, mnemonic: string): Promise<LedgerEthApp> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  let chainId: bigint;
  try {
    chainId = BigInt((await provider.send('eth_chainId', [])) as string);
  } catch (cause) {
    throw new GuardianError(
      'RPC_UNREACHABLE',
      `The drill chain at ${rpcUrl} did not answer: ${(cause as Error).message}.`,
      { cause },
    );
  } finally {
    provider.destroy();
  }
  if (chainId !== DRILL_CHAIN_ID) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `A drill signer signs only on the drill chain (${DRILL_CHAIN_ID}); ${rpcUrl} is chain ${chainId}. Sign with your Ledger.`,
    );
  }
  const device = new SoftwareLedger(
    { approves: (review) => review.kind === 'address' || chainOnScreen(review) === DRILL_CHAIN_ID },
    mnemonic,
  );
  return new LedgerEthApp(device);
}
