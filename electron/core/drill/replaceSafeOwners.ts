import { Contract, Interface, getAddress, toBeHex, type JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';

/** The head of the Safe's owner list (OwnerManager.SENTINEL_OWNERS). */
const SENTINEL_OWNERS = '0x0000000000000000000000000000000000000001';

const ownerManager = new Interface([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
]);

/** How long a swap may take to be mined on the local drill chain, however loaded the machine. */
const MINED_WITHIN_MS = 30_000;

/** The transaction's receipt once the chain has stored it, or null when it has not within MINED_WITHIN_MS. */
async function minedReceipt(provider: JsonRpcProvider, hash: string): Promise<{ status: string } | null> {
  const deadline = Date.now() + MINED_WITHIN_MS;
  for (;;) {
    const receipt = (await provider.send('eth_getTransactionReceipt', [hash])) as { status: string } | null;
    if (receipt || Date.now() > deadline) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]!.toLowerCase());

/**
 * Swaps each of the Safe's owners for a drill key, in order, through the Safe's own swapOwner called by the Safe
 * itself (anvil impersonation on the drill chain): the Safe's code keeps its list and threshold consistent, for
 * whichever version it is, where a hand-written linked list could leave it in a state no Safe can reach. The
 * Safe's balance is put back as it was, since the gas of these calls is the drill's, not the team's.
 */
export async function replaceSafeOwners(
  provider: JsonRpcProvider,
  safe: string,
  drillKeys: readonly string[],
): Promise<{ replaced: string[]; threshold: number }> {
  const read = new Contract(safe, ownerManager, provider);
  const replaced = ((await read.getFunction('getOwners')()) as string[]).map((o) => getAddress(o));
  const threshold = Number((await read.getFunction('getThreshold')()) as bigint);
  if (replaced.length !== drillKeys.length)
    throw new GuardianError(
      'ANVIL_FAILED',
      `The drill chain's Safe ${safe} has ${replaced.length} owners, not the ${drillKeys.length} the bundle lists.`,
    );
  const balance = (await provider.send('eth_getBalance', [safe, 'latest'])) as string;
  await provider.send('anvil_impersonateAccount', [safe]);
  try {
    await provider.send('anvil_setBalance', [safe, toBeHex(10n ** 18n)]);
    for (const [i, owner] of replaced.entries()) {
      const prev = i === 0 ? SENTINEL_OWNERS : drillKeys[i - 1]!;
      const data = ownerManager.encodeFunctionData('swapOwner', [prev, owner, drillKeys[i]]);
      const hash = (await provider.send('eth_sendTransaction', [{ from: safe, to: safe, data }])) as string;
      // anvil answers with the hash before its automine has stored the receipt: asked at once, on a busy machine
      // the receipt can still be null (foundry-rs/foundry#3537), and the swap was taken for a failed one. Not ethers'
      // waitForTransaction: it waits for a block after the one it first read, and an automining chain makes none.
      const receipt = await minedReceipt(provider, hash);
      if (receipt?.status !== '0x1')
        throw new GuardianError(
          'ANVIL_FAILED',
          `The drill chain's Safe ${safe} did not swap owner ${owner} for a drill key (transaction ${hash}).`,
        );
    }
  } finally {
    await provider.send('anvil_setBalance', [safe, balance]);
    await provider.send('anvil_stopImpersonatingAccount', [safe]);
  }
  const owners = (await read.getFunction('getOwners')()) as string[];
  const after = Number((await read.getFunction('getThreshold')()) as bigint);
  if (!same(owners, drillKeys) || after !== threshold)
    throw new GuardianError(
      'ANVIL_FAILED',
      `After the swap the drill chain's Safe ${safe} has owners ${owners.join(', ')} and threshold ${after}, not the drill keys and threshold ${threshold}.`,
    );
  return { replaced, threshold };
}
