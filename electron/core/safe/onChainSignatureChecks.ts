import { Contract, type Provider } from 'ethers';
import type { OnChainSignatureChecks } from './verifySafeSignatures.js';

const safeAbi = ['function approvedHashes(address owner, bytes32 hash) view returns (uint256)'];
const erc1271Abi = ['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)'];
/** bytes4(keccak256("isValidSignature(bytes32,bytes)")), the EIP-1271 "yes". */
const ERC1271_MAGIC_VALUE = '0x1626ba7e';

/**
 * Answers the two questions only the chain can: has this owner approved the hash on the Safe (v=1), and does
 * this owner contract accept the signature (v=0). A call that reverts counts as "no", never as "yes".
 */
export function onChainSignatureChecks(provider: Provider, safe: string): OnChainSignatureChecks {
  const safeContract = new Contract(safe, safeAbi, provider);
  return {
    async approvedHash(owner, safeTxHash) {
      const approved = (await safeContract.getFunction('approvedHashes')(owner, safeTxHash)) as bigint;
      return approved !== 0n;
    },
    async contractSignatureValid(owner, safeTxHash, contractSignature) {
      try {
        const magic = (await new Contract(owner, erc1271Abi, provider).getFunction('isValidSignature')(safeTxHash, contractSignature)) as string;
        return magic.toLowerCase() === ERC1271_MAGIC_VALUE;
      } catch {
        return false;
      }
    },
  };
}
