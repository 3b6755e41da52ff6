import type { ActionClass } from './decodedTransaction.js';

/**
 * What a function does, by its full signature, never by its name alone: a registered ABI may hold a
 * `transfer(uint256,uint256)` or an `execute(bytes)` that has nothing to do with the standard ones, and a
 * name-only match would dress it in the standard's words.
 */
const CLASS_BY_SIGNATURE: Readonly<Record<string, ActionClass>> = {
  'pause()': 'emergency-pause',
  // Optimism's SuperchainConfig: the string only names who paused (the Paused(identifier) event).
  'pause(string)': 'emergency-pause',
  'unpause()': 'unpause',
  'upgradeTo(address)': 'upgrade',
  'upgradeToAndCall(address,bytes)': 'upgrade',
  'upgrade(address,address)': 'upgrade',
  'upgradeAndCall(address,address,bytes)': 'upgrade',
  'addOwnerWithThreshold(address,uint256)': 'safe-config',
  'removeOwner(address,address,uint256)': 'safe-config',
  'swapOwner(address,address,address)': 'safe-config',
  'changeThreshold(uint256)': 'safe-config',
  'enableModule(address)': 'safe-config',
  'disableModule(address,address)': 'safe-config',
  'setGuard(address)': 'safe-config',
  'setModuleGuard(address)': 'safe-config',
  'setFallbackHandler(address)': 'safe-config',
  'changeMasterCopy(address)': 'safe-config',
  'setup(address[],uint256,address,bytes,address,address,uint256,address)': 'safe-config',
  'transferOwnership(address)': 'role-or-ownership',
  'renounceOwnership()': 'role-or-ownership',
  'acceptOwnership()': 'role-or-ownership',
  'grantRole(bytes32,address)': 'role-or-ownership',
  'revokeRole(bytes32,address)': 'role-or-ownership',
  'renounceRole(bytes32,address)': 'role-or-ownership',
  'changeProxyAdmin(address,address)': 'role-or-ownership',
  'changeAdmin(address)': 'role-or-ownership',
  'setOwner(address)': 'role-or-ownership',
  'setAdmin(address)': 'role-or-ownership',
  'setPendingAdmin(address)': 'role-or-ownership',
  'acceptAdmin()': 'role-or-ownership',
  'setGovernance(address)': 'role-or-ownership',
  'setGuardian(address)': 'role-or-ownership',
  'setPauser(address)': 'role-or-ownership',
  'schedule(address,uint256,bytes,bytes32,bytes32,uint256)': 'timelock',
  'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)': 'timelock',
  'execute(address,uint256,bytes,bytes32,bytes32)': 'timelock',
  'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)': 'timelock',
  'cancel(bytes32)': 'timelock',
  'updateDelay(uint256)': 'timelock',
  'queueTransaction(address,uint256,string,bytes,uint256)': 'timelock',
  'executeTransaction(address,uint256,string,bytes,uint256)': 'timelock',
  'cancelTransaction(address,uint256,string,bytes,uint256)': 'timelock',
  'setDelay(uint256)': 'timelock',
  // Compound's GovernorAlpha (Uniswap's, and its forks): votes decide what its timelock will be handed to run.
  'propose(address[],uint256[],string[],bytes[],string)': 'governance',
  'castVote(uint256,bool)': 'governance',
  'castVoteBySig(uint256,bool,uint8,bytes32,bytes32)': 'governance',
  // GovernorBravo's and OpenZeppelin Governor's: support 0 against, 1 for, 2 abstain.
  'castVote(uint256,uint8)': 'governance',
  'castVoteWithReason(uint256,uint8,string)': 'governance',
  'castVoteBySig(uint256,uint8,uint8,bytes32,bytes32)': 'governance',
  'queue(uint256)': 'governance',
  'execute(uint256)': 'governance',
  'cancel(uint256)': 'governance',
  'transfer(address,uint256)': 'token-transfer',
  'transferFrom(address,address,uint256)': 'token-transfer',
  'safeTransferFrom(address,address,uint256)': 'token-transfer',
  'safeTransferFrom(address,address,uint256,bytes)': 'token-transfer',
  'safeTransferFrom(address,address,uint256,uint256,bytes)': 'token-transfer',
  'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)': 'token-transfer',
  'approve(address,uint256)': 'token-approval',
  'increaseAllowance(address,uint256)': 'token-approval',
  'setApprovalForAll(address,bool)': 'token-approval',
  'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)': 'token-approval',
  // OpenZeppelin 5's AccessManager: every permission of its targets is one of these calls.
  'grantRole(uint64,address,uint32)': 'role-or-ownership',
  'revokeRole(uint64,address)': 'role-or-ownership',
  'renounceRole(uint64,address)': 'role-or-ownership',
  'setRoleAdmin(uint64,uint64)': 'role-or-ownership',
  'setRoleGuardian(uint64,uint64)': 'role-or-ownership',
  'setTargetFunctionRole(address,bytes4[],uint64)': 'role-or-ownership',
  'updateAuthority(address,address)': 'role-or-ownership',
  'execute(address,bytes)': 'relay',
  'schedule(address,bytes,uint48)': 'timelock',
  'setGrantDelay(uint64,uint32)': 'timelock',
  'setTargetAdminDelay(address,uint32)': 'timelock',
  'multiSend(bytes)': 'batch',
  'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)': 'nested-safe',
  'approveHash(bytes32)': 'nested-safe',
};

/**
 * Functions whose class is in an argument: AccessManager's setTargetClosed(target, true) is an emergency stop of
 * every restricted function of the target (a pause by another name), with false it reopens them.
 */
const CLASS_BY_ARGUMENT: Readonly<Record<string, (args: readonly string[]) => ActionClass>> = {
  'setTargetClosed(address,bool)': (args) => (args[1] === 'true' ? 'emergency-pause' : 'unpause'),
};

export function classifyAction(
  signature: string | null,
  hasData: boolean,
  value: bigint,
  args: readonly string[] = [],
): ActionClass {
  if (signature !== null) return CLASS_BY_ARGUMENT[signature]?.(args) ?? CLASS_BY_SIGNATURE[signature] ?? 'unknown';
  return !hasData && value > 0n ? 'native-transfer' : 'unknown';
}

/** Most significant first: what a guardian must read before anything else. */
export const CLASS_ORDER: readonly ActionClass[] = [
  'safe-config',
  'upgrade',
  'role-or-ownership',
  'emergency-pause',
  'unpause',
  'timelock',
  'governance',
  'token-transfer',
  'token-approval',
  'native-transfer',
  'nested-safe',
  'relay',
  'batch',
  'unknown',
];
