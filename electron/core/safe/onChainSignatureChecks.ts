import { Contract, Interface, type Provider } from 'ethers';
import type { SafeTx } from './safeTx.js';
import { safeTxPreimage } from './safeTxHash.js';
import { safeVersionRules } from './safeVersions.js';
import type { OnChainSignatureChecks } from './verifySafeSignatures.js';

const safeAbi = ['function approvedHashes(address owner, bytes32 hash) view returns (uint256)'];
const eip1271Abi = ['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)'];
const legacyValidatorAbi = ['function isValidSignature(bytes data, bytes signature) view returns (bytes4)'];
/** bytes4(keccak256("isValidSignature(bytes32,bytes)")) */
const EIP1271_MAGIC_VALUE = '0x1626ba7e';
/** bytes4(keccak256("isValidSignature(bytes,bytes)")), what Safe <= 1.4.1 expects from an owner contract. */
const LEGACY_MAGIC_VALUE = '0x20c13b0b';

/**
 * The call that asks an owner contract whether it accepts a signature, as this Safe's version asks it: what a
 * carried review traces, so that an air-gapped station can ask the same question of the same state.
 */
export function contractSignatureCall(
  tx: SafeTx,
  safeTxHash: string,
  owner: string,
  contractSignature: string,
): { to: string; data: string } {
  if (safeVersionRules(tx.safeVersion).contractSignatureCheck === 'eip1271-bytes32')
    return {
      to: owner,
      data: new Interface(eip1271Abi).encodeFunctionData('isValidSignature', [safeTxHash, contractSignature]),
    };
  return {
    to: owner,
    data: new Interface(legacyValidatorAbi).encodeFunctionData('isValidSignature', [
      safeTxPreimage(tx),
      contractSignature,
    ]),
  };
}

/**
 * Answers the two questions only the chain can, the way this Safe's version asks them: has this owner
 * approved the hash (v=1), and does this owner contract accept the signature (v=0). A call that reverts
 * counts as "no", never as "yes".
 */
export function onChainSignatureChecks(provider: Provider, tx: SafeTx): OnChainSignatureChecks {
  const safeContract = new Contract(tx.safe, safeAbi, provider);
  const rules = safeVersionRules(tx.safeVersion);
  return {
    async approvedHash(owner, safeTxHash) {
      const approved = (await safeContract.getFunction('approvedHashes')(owner, safeTxHash)) as bigint;
      return approved !== 0n;
    },
    async contractSignatureValid(owner, safeTxHash, contractSignature) {
      try {
        if (rules.contractSignatureCheck === 'eip1271-bytes32') {
          const magic = (await new Contract(owner, eip1271Abi, provider).getFunction('isValidSignature')(
            safeTxHash,
            contractSignature,
          )) as string;
          return magic.toLowerCase() === EIP1271_MAGIC_VALUE;
        }
        const magic = (await new Contract(owner, legacyValidatorAbi, provider).getFunction('isValidSignature')(
          safeTxPreimage(tx),
          contractSignature,
        )) as string;
        return magic.toLowerCase() === LEGACY_MAGIC_VALUE;
      } catch {
        return false;
      }
    },
  };
}
