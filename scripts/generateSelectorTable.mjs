// Generates electron/core/decode/selectorTable.json: selector -> every known text signature with it. Shipped
// with the app so calldata decodes offline, with no 4byte lookup that could be watched or poisoned. The
// signatures are real, widely deployed functions (standards, OpenZeppelin, Safe, governance, the large DeFi
// protocols); a selector with several signatures keeps them all, and the decoder shows every candidate.
// Usage: node scripts/generateSelectorTable.mjs
import { writeFileSync } from 'node:fs';
import { FunctionFragment, id } from 'ethers';

const signatures = [
  // ERC-20, ERC-2612, WETH, common token admin
  'transfer(address,uint256)', 'transferFrom(address,address,uint256)', 'approve(address,uint256)', 'increaseAllowance(address,uint256)',
  'decreaseAllowance(address,uint256)', 'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', 'deposit()', 'withdraw(uint256)',
  'mint(address,uint256)', 'mint(uint256)', 'burn(uint256)', 'burn(address,uint256)', 'burnFrom(address,uint256)', 'balanceOf(address)',
  'allowance(address,address)', 'totalSupply()', 'name()', 'symbol()', 'decimals()', 'nonces(address)', 'DOMAIN_SEPARATOR()',
  'blacklist(address)', 'unBlacklist(address)', 'addToBlacklist(address)', 'removeFromBlacklist(address)', 'configureMinter(address,uint256)',
  'removeMinter(address)', 'updateMasterMinter(address)', 'updatePauser(address)', 'updateBlacklister(address)', 'addMinter(address)',
  'setMinter(address)', 'setMinter(address,bool)',
  // ERC-721, ERC-1155, ERC-4626
  'safeTransferFrom(address,address,uint256)', 'safeTransferFrom(address,address,uint256,bytes)', 'setApprovalForAll(address,bool)',
  'ownerOf(uint256)', 'getApproved(uint256)', 'isApprovedForAll(address,address)', 'tokenURI(uint256)', 'setBaseURI(string)',
  'safeTransferFrom(address,address,uint256,uint256,bytes)', 'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)',
  'setURI(string)', 'deposit(uint256,address)', 'mint(uint256,address)', 'withdraw(uint256,address,address)', 'redeem(uint256,address,address)',
  'asset()', 'totalAssets()', 'convertToShares(uint256)', 'convertToAssets(uint256)', 'maxDeposit(address)', 'previewRedeem(uint256)',
  // Ownership, roles, pausing, upgrades (OpenZeppelin and the usual variants)
  'owner()', 'pendingOwner()', 'transferOwnership(address)', 'renounceOwnership()', 'acceptOwnership()', 'grantRole(bytes32,address)',
  'revokeRole(bytes32,address)', 'renounceRole(bytes32,address)', 'hasRole(bytes32,address)', 'getRoleAdmin(bytes32)',
  'beginDefaultAdminTransfer(address)', 'acceptDefaultAdminTransfer()', 'cancelDefaultAdminTransfer()', 'changeDefaultAdminDelay(uint48)',
  'pause()', 'unpause()', 'paused()', 'setPaused(bool)', 'setPauser(address)', 'setAdmin(address)', 'changeAdmin(address)', 'admin()',
  'setOwner(address)', 'setGovernance(address)', 'acceptGovernance()', 'setPendingGovernance(address)', 'setGuardian(address)',
  'setKeeper(address)', 'setOperator(address)', 'setManager(address)', 'setController(address)', 'setStrategist(address)',
  'upgradeTo(address)', 'upgradeToAndCall(address,bytes)', 'upgrade(address,address)', 'upgradeAndCall(address,address,bytes)',
  'changeProxyAdmin(address,address)', 'getProxyImplementation(address)', 'getProxyAdmin(address)', 'implementation()',
  'proxiableUUID()', 'UPGRADE_INTERFACE_VERSION()', 'upgradeBeacon(address)', 'setImplementation(address)',
  'initialize()', 'initialize(address)', 'initialize(address,address)', 'initialize(address,address,address)', 'initialize(uint256)',
  'initialize(string,string)', 'initialize(address,uint256)', 'reinitialize(uint8)',
  // Safe singletons, modules, guards, libraries, proxy factory
  'setup(address[],uint256,address,bytes,address,address,uint256,address)',
  'addOwnerWithThreshold(address,uint256)', 'removeOwner(address,address,uint256)', 'swapOwner(address,address,address)',
  'changeThreshold(uint256)', 'enableModule(address)', 'disableModule(address,address)', 'setGuard(address)', 'setModuleGuard(address)',
  'setFallbackHandler(address)', 'changeMasterCopy(address)', 'approveHash(bytes32)', 'multiSend(bytes)',
  'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
  'execTransactionFromModule(address,uint256,bytes,uint8)', 'execTransactionFromModuleReturnData(address,uint256,bytes,uint8)',
  'simulateAndRevert(address,bytes)', 'getOwners()', 'getThreshold()', 'isOwner(address)', 'nonce()', 'VERSION()',
  'getModulesPaginated(address,uint256)', 'isModuleEnabled(address)', 'signedMessages(bytes32)', 'approvedHashes(address,bytes32)',
  'getTransactionHash(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,uint256)', 'domainSeparator()',
  'checkSignatures(bytes32,bytes,bytes)', 'checkNSignatures(bytes32,bytes,bytes,uint256)', 'signMessage(bytes)',
  'createProxyWithNonce(address,bytes,uint256)', 'createChainSpecificProxyWithNonce(address,bytes,uint256)', 'createProxy(address,bytes)',
  'performCreate(uint256,bytes)', 'performCreate2(uint256,bytes,bytes32)', 'migrateSingleton()', 'migrateWithFallbackHandler()',
  'migrateL2Singleton()', 'migrateL2WithFallbackHandler()', 'migrateToL2(address)', 'setupToL2(address)',
  'setDelegateAllowance(address,address,uint96,uint16,uint32)', 'addDelegate(address)', 'removeDelegate(address,bool)',
  'setAllowance(address,address,uint96,uint16,uint32)', 'executeAllowanceTransfer(address,address,address,uint96,address,uint96,address,bytes)',
  // Zodiac modules (Roles, Delay) and Safe modules commonly enabled on protocol Safes
  'execTransactionWithRole(address,uint256,bytes,uint8,bytes32,bool)', 'assignRoles(address,bytes32[],bool[])',
  'setDefaultRole(address,bytes32)', 'scopeTarget(bytes32,address)', 'allowTarget(bytes32,address,uint8)', 'revokeTarget(bytes32,address)',
  'setTxCooldown(uint256)', 'setTxExpiration(uint256)', 'setTxNonce(uint256)', 'executeNextTx(address,uint256,bytes,uint8)',
  'setAvatar(address)', 'setTarget(address)', 'enableModule(address)',
  // Timelocks and governors (OpenZeppelin, Compound)
  'schedule(address,uint256,bytes,bytes32,bytes32,uint256)', 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
  'execute(address,uint256,bytes,bytes32,bytes32)', 'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)', 'cancel(bytes32)',
  'updateDelay(uint256)', 'getMinDelay()', 'hashOperation(address,uint256,bytes,bytes32,bytes32)', 'isOperationReady(bytes32)',
  'queueTransaction(address,uint256,string,bytes,uint256)', 'executeTransaction(address,uint256,string,bytes,uint256)',
  'cancelTransaction(address,uint256,string,bytes,uint256)', 'setDelay(uint256)', 'setPendingAdmin(address)', 'acceptAdmin()',
  'propose(address[],uint256[],bytes[],string)', 'propose(address[],uint256[],string[],bytes[],string)',
  'queue(address[],uint256[],bytes[],bytes32)', 'execute(address[],uint256[],bytes[],bytes32)', 'cancel(address[],uint256[],bytes[],bytes32)',
  'queue(uint256)', 'execute(uint256)', 'cancel(uint256)', 'castVote(uint256,uint8)', 'castVoteWithReason(uint256,uint8,string)',
  'castVoteBySig(uint256,uint8,uint8,bytes32,bytes32)', 'delegate(address)', 'delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)',
  'relay(address,uint256,bytes)', 'setVotingDelay(uint256)', 'setVotingPeriod(uint256)', 'setProposalThreshold(uint256)',
  'updateQuorumNumerator(uint256)', 'updateTimelock(address)', 'setWhitelistAccountExpiration(address,uint256)',
  // Oracles, fees, caps, rescues: the levers touched in incidents
  'setPriceFeed(address,address)', 'setOracle(address)', 'setFee(uint256)', 'setFeeRecipient(address)', 'setFeeTo(address)',
  'setFeeToSetter(address)', 'setTreasury(address)', 'setCap(uint256)', 'setSupplyCap(address,uint256)', 'setBorrowCap(address,uint256)',
  'sweep(address,uint256)', 'sweep(address)', 'rescueTokens(address,address,uint256)', 'rescueERC20(address,address,uint256)',
  'recoverERC20(address,uint256)', 'emergencyWithdraw(uint256)', 'emergencyWithdraw()', 'withdrawAll()', 'skim(address)', 'sync()',
  'setAssetSources(address[],address[])', 'setFallbackOracle(address)', 'latestRoundData()', 'latestAnswer()', 'getPrice(address)',
  'setRewardsDistribution(address)', 'notifyRewardAmount(uint256)', 'setRewardsDuration(uint256)', 'setWhitelist(address,bool)',
  'setLimits(uint256,uint256)', 'setMaxSupply(uint256)', 'setRateLimit(uint256,uint256)',
  // Multicall and batching
  'multicall(bytes[])', 'multicall(uint256,bytes[])', 'aggregate((address,bytes)[])', 'aggregate3((address,bool,bytes)[])',
  'aggregate3Value((address,bool,uint256,bytes)[])', 'tryAggregate(bool,(address,bytes)[])', 'batch(bytes[],bool)',
  // Uniswap v2 / v3 / Universal Router / Permit2
  'swapExactTokensForTokens(uint256,uint256,address[],address,uint256)', 'swapTokensForExactTokens(uint256,uint256,address[],address,uint256)',
  'swapExactETHForTokens(uint256,address[],address,uint256)', 'swapExactTokensForETH(uint256,uint256,address[],address,uint256)',
  'addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)', 'addLiquidityETH(address,uint256,uint256,uint256,address,uint256)',
  'removeLiquidity(address,address,uint256,uint256,uint256,address,uint256)', 'removeLiquidityETH(address,uint256,uint256,uint256,address,uint256)',
  'createPair(address,address)', 'swap(uint256,uint256,address,bytes)',
  'exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))', 'exactInput((bytes,address,uint256,uint256,uint256))',
  'exactOutputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))', 'exactOutput((bytes,address,uint256,uint256,uint256))',
  'mint((address,address,uint24,int24,int24,uint256,uint256,uint256,uint256,address,uint256))',
  'increaseLiquidity((uint256,uint256,uint256,uint256,uint256,uint256))', 'decreaseLiquidity((uint256,uint128,uint256,uint256,uint256))',
  'collect((uint256,address,uint128,uint128))', 'unwrapWETH9(uint256,address)', 'refundETH()', 'createPool(address,address,uint24)',
  'setOwner(address)', 'enableFeeAmount(uint24,int24)', 'execute(bytes,bytes[],uint256)', 'execute(bytes,bytes[])',
  'approve(address,address,uint160,uint48)', 'lockdown((address,address)[])', 'invalidateNonces(address,address,uint48)',
  // Aave v2/v3 pool and configurator
  'supply(address,uint256,address,uint16)', 'deposit(address,uint256,address,uint16)', 'withdraw(address,uint256,address)',
  'borrow(address,uint256,uint256,uint16,address)', 'repay(address,uint256,uint256,address)', 'liquidationCall(address,address,address,uint256,bool)',
  'flashLoan(address,address[],uint256[],uint256[],address,bytes,uint16)', 'flashLoanSimple(address,address,uint256,bytes,uint16)',
  'setUserUseReserveAsCollateral(address,bool)', 'setReservePause(address,bool)', 'setPoolPause(bool)', 'setReserveFreeze(address,bool)',
  'setReserveBorrowing(address,bool)', 'configureReserveAsCollateral(address,uint256,uint256,uint256)', 'setReserveFactor(address,uint256)',
  'setDebtCeiling(address,uint256)', 'setReserveInterestRateStrategyAddress(address,address)', 'dropReserve(address)',
  'updateAToken((address,address,address,string,string,address,bytes))', 'setPoolImpl(address)', 'setPoolConfiguratorImpl(address)',
  'setPriceOracle(address)', 'setACLAdmin(address)', 'addPoolAdmin(address)', 'removePoolAdmin(address)', 'addEmergencyAdmin(address)',
  'addRiskAdmin(address)',
  // Compound v2 / v3
  'mint()', 'redeem(uint256)', 'redeemUnderlying(uint256)', 'borrow(uint256)', 'repayBorrow(uint256)', 'repayBorrow()',
  'liquidateBorrow(address,uint256,address)', 'enterMarkets(address[])', 'exitMarket(address)', '_setPendingAdmin(address)',
  '_acceptAdmin()', '_setReserveFactor(uint256)', '_setCollateralFactor(address,uint256)', '_setPriceOracle(address)',
  '_setPauseGuardian(address)', '_setMintPaused(address,bool)', '_setBorrowPaused(address,bool)', '_setTransferPaused(bool)',
  '_setSeizePaused(bool)', '_supportMarket(address)', '_setMarketBorrowCaps(address[],uint256[])', '_setImplementation(address,bool,bytes)',
  '_setPendingImplementation(address)', '_become(address)', '_reduceReserves(uint256)', '_setInterestRateModel(address)',
  'supply(address,uint256)', 'withdraw(address,uint256)', 'absorb(address,address[])', 'buyCollateral(address,uint256,uint256,address)',
  'pause(bool,bool,bool,bool,bool)', 'setConfiguration(address,(address,address,address,address,address,uint64,uint64,uint64,uint64,uint64,uint64,uint64,uint64,uint64,uint64,uint104,uint104,uint104,(address,address,uint8,uint64,uint64,uint64,uint128)[]))',
  'deployAndUpgradeTo(address,address)',
  // Maker, Lido, Curve, Balancer, Chainlink CCIP and bridges
  'rely(address)', 'deny(address)', 'file(bytes32,uint256)', 'file(bytes32,address)', 'file(bytes32,bytes32,uint256)', 'cage()',
  'submit(address)', 'requestWithdrawals(uint256[],address)', 'claimWithdrawal(uint256)', 'wrap(uint256)', 'unwrap(uint256)',
  'exchange(int128,int128,uint256,uint256)', 'exchange_underlying(int128,int128,uint256,uint256)', 'add_liquidity(uint256[2],uint256)',
  'add_liquidity(uint256[3],uint256)', 'remove_liquidity(uint256,uint256[2])', 'remove_liquidity_one_coin(uint256,int128,uint256)',
  'commit_transfer_ownership(address)', 'apply_transfer_ownership()', 'kill_me()', 'unkill_me()', 'set_killed(bool)',
  'commit_new_fee(uint256)', 'apply_new_fee()', 'ramp_A(uint256,uint256)', 'stop_ramp_A()',
  'swap((bytes32,uint8,address,address,uint256,bytes),(address,bool,address,bool),uint256,uint256)',
  'joinPool(bytes32,address,address,(address[],uint256[],bytes,bool))', 'exitPool(bytes32,address,address,(address[],uint256[],bytes,bool))',
  'setPaused(bool)', 'setSwapFeePercentage(uint256)', 'setAuthorizer(address)',
  'ccipSend(uint64,(bytes,bytes,(address,uint256)[],address,bytes))', 'applyRampUpdates((uint64,address)[],(uint64,address)[],(uint64,address)[])',
  'depositETH(address,uint256,bytes)', 'depositERC20(address,address,uint256,uint32,bytes)', 'bridgeERC20To(address,address,address,uint256,uint32,bytes)',
  'outboundTransfer(address,address,uint256,uint256,uint256,bytes)', 'sendMessage(address,bytes,uint32)', 'setPeer(uint32,bytes32)',
  'setTrustedRemote(uint16,bytes)', 'setConfig(uint16,uint16,uint256,bytes)', 'setDelegate(address)', 'setEnforcedOptions((uint32,uint16,bytes)[])',
  // ERC-165/1271/4337 and account plumbing a transaction can touch
  'supportsInterface(bytes4)', 'isValidSignature(bytes32,bytes)', 'isValidSignature(bytes,bytes)',
  'handleOps((address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes)[],address)', 'depositTo(address)',
  'addStake(uint32)', 'unlockStake()', 'withdrawStake(address)', 'withdrawTo(address,uint256)', 'executeUserOp((address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes),bytes32)',
  'execute(address,uint256,bytes)', 'executeBatch(address[],uint256[],bytes[])', 'executeBatch(address[],bytes[])',
  'setApprovalForAll(address,bool)', 'transferAndCall(address,uint256,bytes)', 'permit2()', 'onERC721Received(address,address,uint256,bytes)',
];

// Real four-byte collisions from public selector lists, each checked here. A contract can name a function so
// that its selector equals a harmless one; the table keeps every name, and the decoder shows them all. The
// Poly Network hack (Aug 2021) called putCurEpochConPubKeyBytes through a brute-forced f1121318093 name.
const collisions = [
  ['burn(uint256)', 'collate_propagate_storage(bytes16)'],
  ['putCurEpochConPubKeyBytes(bytes)', 'f1121318093(bytes,bytes,uint64)'],
  ['transfer(address,uint256)', 'many_msg_babbage(bytes1)'],
  ['transferFrom(address,address,uint256)', 'gasprice_bit_ether(int128)'],
  ['approve(address,uint256)', 'sign_szabo_bytecode(bytes16,uint128)'],
  ['balanceOf(address)', 'branch_passphrase_public(uint256,bytes8)'],
  ['owner()', 'ideal_warn_timed(uint256,uint128)'],
  ['totalSupply()', 'voting_var(address,uint256,int128,int128)'],
  ['allowance(address,address)', 'remove_good(uint256[],bytes8,bool)'],
];

for (const pair of collisions) {
  if (new Set(pair.map((s) => id(s).slice(0, 10))).size !== 1) throw new Error(`not a collision: ${pair.join(' / ')}`);
}
const table = {};
for (const sig of [...signatures, ...collisions.flat()]) {
  // A typo here would ship a signature no contract has: parse it as Solidity would before hashing it.
  const canonical = FunctionFragment.from(`function ${sig}`).format('sighash');
  if (canonical !== sig) throw new Error(`not canonical: ${sig} (is ${canonical})`);
  const selector = id(sig).slice(0, 10);
  table[selector] ??= [];
  if (!table[selector].includes(sig)) table[selector].push(sig);
}
const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)).map(([s, list]) => [s, list.sort()]));
// One selector a line: compact, yet a reviewer can read the diff when a signature is added.
const body = Object.entries(sorted).map(([s, list]) => `${JSON.stringify(s)}:${JSON.stringify(list)}`).join(',\n');
writeFileSync(new URL('../electron/core/decode/selectorTable.json', import.meta.url), `{\n${body}\n}\n`);
console.log(`wrote ${Object.keys(sorted).length} selectors, ${Object.values(sorted).filter((l) => l.length > 1).length} with several signatures`);
