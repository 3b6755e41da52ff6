import { basename } from 'node:path';
import { ownersReplacedLine, type BundleDrillOrigin } from '../core/drill/bundleDrillOrigin.js';
import { DRILL_CHAIN_ID } from '../core/drill/drillDevice.js';

/**
 * What the Drill screen says about a drill from a review bundle, as `guardian drill run --from` prints it:
 * where the bundle came from (its file, its chain and the drill chain), and that the team's owners were
 * replaced by drill keys with the threshold kept, so nobody takes the drill Safe for the team's own.
 */
export interface BundleDrillSummary {
  file: string;
  /** The bundle's chain, a label only; the drill runs on the drill chain, a fresh local anvil. */
  chainId: string;
  drillChainId: string;
  safe: string;
  safeVersion: string;
  safeTxHash: string;
  drillSafeTxHash: string;
  block: string;
  blockHash: string | null;
  producer: string | null;
  /** The team's owners, who sign nothing in the drill. */
  ownersReplaced: string[];
  drillKeys: string[];
  threshold: number;
  nonce: { carried: string; set: string } | null;
  /** The CLI's line, word for word. */
  line: string;
}

export function bundleDrillSummary(origin: BundleDrillOrigin): BundleDrillSummary {
  return {
    file: basename(origin.file),
    chainId: origin.chainId,
    drillChainId: DRILL_CHAIN_ID.toString(),
    safe: origin.safe,
    safeVersion: origin.safeVersion,
    safeTxHash: origin.safeTxHash,
    drillSafeTxHash: origin.drillSafeTxHash,
    block: origin.block,
    blockHash: origin.blockHash,
    producer: origin.producer,
    ownersReplaced: [...origin.owners.replaced],
    drillKeys: [...origin.owners.drillKeys],
    threshold: origin.owners.threshold,
    nonce: origin.nonce,
    line: `Drill from review bundle ${basename(origin.file)}: its Safe ${origin.safe} (chain ${origin.chainId}, block ${origin.block}) on a fresh local drill chain (chain ${DRILL_CHAIN_ID}), from its proven pre-state; ${ownersReplacedLine(origin)}.`,
  };
}
