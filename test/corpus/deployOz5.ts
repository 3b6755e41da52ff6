import { Contract, getAddress, type InterfaceAbi, type Signer } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import { corpusArtifact } from './corpusArtifacts.js';

export interface Oz5Treasuries {
  /** OpenZeppelin 5 Ownable2Step and Pausable, owned by the Safe. */
  treasury: Contract;
  /** The same contract, still owned by its deployer, who has named the Safe its pending owner. */
  incoming: Contract;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

/** Two OpenZeppelin 5 two-step-owned treasuries: one the Safe owns, one handed to it and waiting for acceptOwnership. */
export async function deployOz5(signer: Signer, options: { safe: string }): Promise<Oz5Treasuries> {
  const safe = getAddress(options.safe);
  const artifact = corpusArtifact('Oz5Treasury');
  const [treasury, incoming] = (await deployInOrder(signer, [
    { ...artifact, args: [safe] },
    { ...artifact, args: [await signer.getAddress()] },
  ])) as [Contract, Contract];
  await (await incoming.getFunction('transferOwnership')(safe)).wait();
  const [treasuryAt, incomingAt] = await Promise.all([treasury.getAddress(), incoming.getAddress()]);
  return {
    treasury,
    incoming,
    abis: [
      { address: treasuryAt, name: 'OZ5 Treasury', abi: artifact.abi },
      { address: incomingAt, name: 'OZ5 Incoming Treasury', abi: artifact.abi },
    ],
  };
}
