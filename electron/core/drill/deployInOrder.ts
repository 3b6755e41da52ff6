import { type BaseContract, ContractFactory, type InterfaceAbi, type Signer } from 'ethers';

export interface Deployment {
  abi: InterfaceAbi;
  bytecode: string;
  args?: unknown[];
}

/**
 * Sends the deployments one after another from `signer`'s next nonce, then waits for them all together.
 * Sent in parallel, a later nonce can reach anvil before an earlier one; anvil then holds it in its pool and,
 * now and then, never mines it: a test setup that hangs until its hook times out.
 */
export async function deployInOrder(signer: Signer, deployments: readonly Deployment[]): Promise<BaseContract[]> {
  let nonce = await signer.getNonce('pending');
  const sent: BaseContract[] = [];
  for (const { abi, bytecode, args = [] } of deployments)
    sent.push(await new ContractFactory(abi, bytecode, signer).deploy(...args, { nonce: nonce++ }));
  return Promise.all(sent.map((contract) => contract.waitForDeployment()));
}
