// Generates electron/core/decode/selectorTable.json: selector -> every known text signature with it. Shipped
// with the app so calldata decodes offline. Signatures are real, widely deployed functions; a selector with
// several signatures keeps them all (the decoder shows every candidate and flags it, never picks one).
// Usage: node scripts/generateSelectorTable.mjs
import { writeFileSync } from 'node:fs';
import { id } from 'ethers';

const signatures = [
  // ERC-20 / ERC-2612 / WETH
  'transfer(address,uint256)', 'transferFrom(address,address,uint256)', 'approve(address,uint256)', 'increaseAllowance(address,uint256)',
  'decreaseAllowance(address,uint256)', 'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', 'deposit()', 'withdraw(uint256)',
  'mint(address,uint256)', 'burn(uint256)', 'burnFrom(address,uint256)',
  // ERC-721 / ERC-1155
  'safeTransferFrom(address,address,uint256)', 'safeTransferFrom(address,address,uint256,bytes)', 'setApprovalForAll(address,bool)',
  'safeTransferFrom(address,address,uint256,uint256,bytes)', 'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)',
  // Ownership, roles, pausing
  'transferOwnership(address)', 'renounceOwnership()', 'acceptOwnership()', 'grantRole(bytes32,address)', 'revokeRole(bytes32,address)',
  'renounceRole(bytes32,address)', 'pause()', 'unpause()', 'setPaused(bool)', 'setPauser(address)', 'setAdmin(address)', 'changeAdmin(address)',
  'setOwner(address)', 'setGovernance(address)', 'setGuardian(address)',
  // Proxies
  'upgradeTo(address)', 'upgradeToAndCall(address,bytes)', 'upgrade(address,address)', 'upgradeAndCall(address,address,bytes)',
  'changeProxyAdmin(address,address)', 'initialize()', 'initialize(address)', 'initialize(address,address)',
  // Safe
  'addOwnerWithThreshold(address,uint256)', 'removeOwner(address,address,uint256)', 'swapOwner(address,address,address)',
  'changeThreshold(uint256)', 'enableModule(address)', 'disableModule(address,address)', 'setGuard(address)', 'setModuleGuard(address)',
  'setFallbackHandler(address)', 'changeMasterCopy(address)', 'approveHash(bytes32)', 'multiSend(bytes)',
  'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
  'execTransactionFromModule(address,uint256,bytes,uint8)', 'simulateAndRevert(address,bytes)',
  // Timelocks and governors
  'schedule(address,uint256,bytes,bytes32,bytes32,uint256)', 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
  'execute(address,uint256,bytes,bytes32,bytes32)', 'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)', 'cancel(bytes32)',
  'updateDelay(uint256)', 'queueTransaction(address,uint256,string,bytes,uint256)', 'executeTransaction(address,uint256,string,bytes,uint256)',
  'cancelTransaction(address,uint256,string,bytes,uint256)', 'setDelay(uint256)', 'setPendingAdmin(address)', 'acceptAdmin()',
  // Oracles, fees, limits commonly touched in incidents
  'setPriceFeed(address,address)', 'setOracle(address)', 'setFee(uint256)', 'setFeeRecipient(address)', 'setTreasury(address)',
  'setCap(uint256)', 'setSupplyCap(address,uint256)', 'setBorrowCap(address,uint256)', 'sweep(address,uint256)', 'rescueTokens(address,address,uint256)',
  'multicall(bytes[])', 'aggregate((address,bytes)[])',
];

// Real four-byte collisions: each pair shares a selector, which this script checks. A hostile contract can
// name a function so that its calldata looks like a harmless one; the table keeps both names.
const collisions = [
  ['collate_propagate_storage(bytes16)', 'burn(uint256)'],
];

const table = {};
for (const sig of [...signatures, ...collisions.flat()]) {
  const selector = id(sig).slice(0, 10);
  (table[selector] ??= []).includes(sig) || table[selector].push(sig);
}
for (const pair of collisions) {
  const selectors = new Set(pair.map((s) => id(s).slice(0, 10)));
  if (selectors.size !== 1) throw new Error(`not a collision: ${pair.join(' / ')}`);
}
const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(new URL('../electron/core/decode/selectorTable.json', import.meta.url), `${JSON.stringify(sorted, null, 0)}\n`);
console.log(`wrote ${Object.keys(sorted).length} selectors`);
