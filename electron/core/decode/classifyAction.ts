import type { ActionClass } from './decodedTransaction.js';

/** What a function does, by name; the names come from the standards and contracts in bundledAbis.ts. */
const CLASS_BY_FUNCTION: Readonly<Record<string, ActionClass>> = {
  pause: 'emergency-pause',
  unpause: 'unpause',
  upgradeTo: 'upgrade',
  upgradeToAndCall: 'upgrade',
  upgrade: 'upgrade',
  upgradeAndCall: 'upgrade',
  addOwnerWithThreshold: 'safe-config',
  removeOwner: 'safe-config',
  swapOwner: 'safe-config',
  changeThreshold: 'safe-config',
  enableModule: 'safe-config',
  disableModule: 'safe-config',
  setGuard: 'safe-config',
  setModuleGuard: 'safe-config',
  setFallbackHandler: 'safe-config',
  changeMasterCopy: 'safe-config',
  setup: 'safe-config',
  transferOwnership: 'role-or-ownership',
  renounceOwnership: 'role-or-ownership',
  acceptOwnership: 'role-or-ownership',
  grantRole: 'role-or-ownership',
  revokeRole: 'role-or-ownership',
  renounceRole: 'role-or-ownership',
  changeProxyAdmin: 'role-or-ownership',
  schedule: 'timelock',
  scheduleBatch: 'timelock',
  execute: 'timelock',
  executeBatch: 'timelock',
  cancel: 'timelock',
  updateDelay: 'timelock',
  transfer: 'token-transfer',
  transferFrom: 'token-transfer',
  safeTransferFrom: 'token-transfer',
  approve: 'token-approval',
  setApprovalForAll: 'token-approval',
  multiSend: 'batch',
  execTransaction: 'nested-safe',
  approveHash: 'nested-safe',
};

export function classifyAction(functionName: string | null, hasData: boolean, value: bigint): ActionClass {
  if (functionName !== null) return CLASS_BY_FUNCTION[functionName] ?? 'unknown';
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
  'token-transfer',
  'token-approval',
  'native-transfer',
  'nested-safe',
  'batch',
  'unknown',
];
