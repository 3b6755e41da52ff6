import { Contract, getAddress, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { corpusArtifact, type CorpusContractName } from './corpusArtifacts.js';

export interface PackedContracts {
  /** `paused` packed with the rewards token, lastPauseTime and the fee in slot 0. */
  stakingPool: Contract;
  /** The owner packed with the pause switches and a nonce in slot 0. */
  bridge: Contract;
  /** A Bybit-style "transfer" that writes slot 0: an unknown contract a delegatecall trap points at. */
  sweeper: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const deployment = (name: CorpusContractName, args: unknown[] = []) => ({ ...corpusArtifact(name), args });

/** The hand-written contracts with packed storage, owned by the Safe, and the sweeper an attacker would deploy. */
export async function deployPacked(
  signer: Signer,
  options: { safe: string; rewardsToken: string; relayer: string },
): Promise<PackedContracts> {
  const safe = getAddress(options.safe);
  const [stakingPool, bridge, sweeper] = (await deployInOrder(signer, [
    deployment('PackedStakingPool', [safe, options.rewardsToken]),
    deployment('PackedBridge', [safe, options.relayer]),
    deployment('SafeSweeper'),
  ])) as [Contract, Contract, Contract];
  // A deposit moves the bridge's nonce, so slot 0 holds more than the owner and zeros.
  await (await bridge.getFunction('deposit')({ value: 10n ** 15n })).wait();
  const [poolAddress, bridgeAddress] = await Promise.all([stakingPool.getAddress(), bridge.getAddress()]);
  return {
    stakingPool,
    bridge,
    sweeper: await sweeper.getAddress(),
    // The guardian has the protocol's ABIs, never the attacker's.
    abis: [
      { address: poolAddress, name: 'PackedStakingPool', abi: corpusArtifact('PackedStakingPool').abi },
      { address: bridgeAddress, name: 'PackedBridge', abi: corpusArtifact('PackedBridge').abi },
    ],
  };
}
