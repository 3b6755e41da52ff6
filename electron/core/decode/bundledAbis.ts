/**
 * Function signatures the console knows without being told, grouped by what they belong to. These decode a
 * guardian's everyday transactions (Safe administration, batches, upgrades, pauses, roles, timelocks, tokens)
 * even when nobody registered an ABI.
 */
export const BUNDLED_ABIS: Readonly<Record<string, readonly string[]>> = {
  Safe: [
    'function addOwnerWithThreshold(address owner, uint256 _threshold)',
    'function removeOwner(address prevOwner, address owner, uint256 _threshold)',
    'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
    'function changeThreshold(uint256 _threshold)',
    'function enableModule(address module)',
    'function disableModule(address prevModule, address module)',
    'function setGuard(address guard)',
    'function setModuleGuard(address moduleGuard)',
    'function setFallbackHandler(address handler)',
    'function changeMasterCopy(address _masterCopy)',
    'function approveHash(bytes32 hashToApprove)',
    'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)',
    'function setup(address[] _owners, uint256 _threshold, address to, bytes data, address fallbackHandler, address paymentToken, uint256 payment, address paymentReceiver)',
  ],
  MultiSend: ['function multiSend(bytes transactions)'],
  'ERC-1967 proxy (UUPS)': [
    'function upgradeTo(address newImplementation)',
    'function upgradeToAndCall(address newImplementation, bytes data)',
  ],
  ProxyAdmin: [
    'function upgrade(address proxy, address implementation)',
    'function upgradeAndCall(address proxy, address implementation, bytes data)',
    'function changeProxyAdmin(address proxy, address newAdmin)',
  ],
  Pausable: ['function pause()', 'function unpause()'],
  Ownable: [
    'function transferOwnership(address newOwner)',
    'function renounceOwnership()',
    'function acceptOwnership()',
  ],
  AccessControl: [
    'function grantRole(bytes32 role, address account)',
    'function revokeRole(bytes32 role, address account)',
    'function renounceRole(bytes32 role, address callerConfirmation)',
  ],
  TimelockController: [
    'function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)',
    'function scheduleBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt, uint256 delay)',
    'function execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt)',
    'function executeBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt)',
    'function cancel(bytes32 id)',
    'function updateDelay(uint256 newDelay)',
  ],
  // Compound's GovernorAlpha/Bravo Timelock: an eta (a moment) instead of a delay.
  'Compound Timelock': [
    'function queueTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)',
    'function executeTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)',
  ],
  'ERC-20': [
    'function transfer(address to, uint256 amount)',
    'function approve(address spender, uint256 amount)',
    'function transferFrom(address from, address to, uint256 amount)',
  ],
  'ERC-721': [
    'function safeTransferFrom(address from, address to, uint256 tokenId)',
    'function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)',
    'function setApprovalForAll(address operator, bool approved)',
  ],
};
