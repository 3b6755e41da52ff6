import { Contract, type Provider } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SignatureEvidence } from './confirmationVerdict.js';
import { onChainSignatureChecks } from './onChainSignatureChecks.js';
import type { SafeTx } from './safeTx.js';

const safeAbi = ['function approvedHashes(address owner, bytes32 hash) view returns (uint256)'];

/**
 * The Safe's own chain as the evidence for approved hashes and contract signatures, read at its latest block.
 * A chain that cannot be reached leaves a signature unverified; only an answer from the chain refuses one.
 * `where` names the chain for a person (a host, never a URL that may carry an API key).
 */
export function chainSignatureEvidence(provider: Provider, tx: SafeTx, where: string): SignatureEvidence {
  const checks = onChainSignatureChecks(provider, tx);
  const safe = new Contract(tx.safe, safeAbi, provider);
  let lastFailure = '';
  const unreachable = (cause: unknown): null => {
    lastFailure =
      (cause as { shortMessage?: string; message?: string }).shortMessage ?? (cause as Error).message ?? String(cause);
    return null;
  };
  return {
    source: `the chain (${where})`,
    async approvedHash(owner, safeTxHash) {
      let approved: bigint;
      try {
        approved = (await safe.getFunction('approvedHashes')(owner, safeTxHash)) as bigint;
      } catch (cause) {
        return unreachable(cause);
      }
      return approved !== 0n;
    },
    async contractSignatureValid(owner, safeTxHash, contractSignature) {
      // Asked first so that a chain that cannot be reached is told apart from a contract that says no:
      // onChainSignatureChecks counts any failed call as a rejection.
      let code: string;
      try {
        code = await provider.getCode(owner);
      } catch (cause) {
        return unreachable(cause);
      }
      if (code === '0x')
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `${owner} has no code on ${where}: a contract signature in its name cannot be valid.`,
        );
      return checks.contractSignatureValid(owner, safeTxHash, contractSignature);
    },
    unavailable: (kind, owner) =>
      `The chain (${where}) could not be asked about the ${kind} signature of ${owner}: ${lastFailure}`,
  };
}
