import { Interface } from 'ethers';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { createSafeTx, Operation, type SafeTx } from '../safe/safeTx.js';
import type { DrillChain } from './drillChain.js';
import type { DrillAction } from './drillScenario.js';

const vault = new Interface([
  'function pause()',
  'function unpause()',
  'function transferOwnership(address newOwner)',
  'function upgradeToAndCall(address newImplementation, bytes data)',
]);
const safeOwnerManager = new Interface(['function changeThreshold(uint256 threshold)']);
const erc20 = new Interface(['function transfer(address to, uint256 amount)']);

/** The Safe transaction a drill step proposes, at the Safe's next nonce: a refused trap leaves its nonce free. */
export function drillSafeTx(chain: DrillChain, action: DrillAction, nonce: bigint, chainId: bigint): SafeTx {
  const base = { chainId, safe: chain.safe, safeVersion: '1.4.1', nonce };
  switch (action) {
    case 'pause':
    case 'unpause':
      return createSafeTx({ ...base, to: chain.vault, data: vault.encodeFunctionData(action) });
    case 'upgrade':
      return createSafeTx({
        ...base,
        to: chain.vault,
        data: vault.encodeFunctionData('upgradeToAndCall', [chain.vaultV2Implementation, '0x']),
      });
    case 'trap-upgrade-dead-end':
      return createSafeTx({
        ...base,
        to: chain.vault,
        data: vault.encodeFunctionData('upgradeToAndCall', [chain.deadEndImplementation, '0x']),
      });
    case 'trap-ownership-batch':
      // Radiant, Oct 2024: the handover rode in a batch that looked routine.
      return createSafeTx({
        ...base,
        to: chain.safeContracts.multiSendCallOnly,
        operation: Operation.DelegateCall,
        data: encodeMultiSend([
          { operation: 0, to: chain.vault, value: 0n, data: vault.encodeFunctionData('pause') },
          {
            operation: 0,
            to: chain.vault,
            value: 0n,
            data: vault.encodeFunctionData('transferOwnership', [chain.stranger]),
          },
        ]),
      });
    case 'raise-threshold':
      // One more signature for everything after it: the Safe calls itself, as the Safe app does.
      return createSafeTx({
        ...base,
        to: chain.safe,
        data: safeOwnerManager.encodeFunctionData('changeThreshold', [chain.threshold + 1]),
      });
    case 'trap-delegatecall':
      // Bybit, Feb 2025: a "transfer of 0" that was a DELEGATECALL into the attacker's contract.
      return createSafeTx({
        ...base,
        to: chain.strangerContract,
        operation: Operation.DelegateCall,
        data: erc20.encodeFunctionData('transfer', [chain.stranger, 0n]),
      });
  }
}
