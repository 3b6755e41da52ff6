import { Interface, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, expect } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import type { KnownLayout } from '../../electron/core/simulate/implementationFacts.js';
import { carriedState, parseCarriedState, replayReview } from '../../electron/core/simulate/replaySimulation.js';
import { reviewSafeTx, type Review, type ReviewInput } from '../../electron/core/simulate/reviewSafeTx.js';
import { collectStateProofs } from '../../electron/core/simulate/verifyStateProof.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';
import { deployReviewScenarios, type ReviewScenarioChain } from './reviewScenarioChain.js';

export const vault = new Interface(loadArtifact('Vault').abi);
export const proxyAdmin = new Interface(loadArtifact('ProxyAdmin').abi);
const layouts: KnownLayout[] = (
  ['Vault', 'VaultV2', 'VaultV2Clash', 'VaultNoUpgrade', 'VaultUpgradeDeadEnd', 'ProxyAdmin'] as const
).map((n) => loadArtifact(n) as unknown as KnownLayout);

export const codes = (r: Review, severity?: string) =>
  r.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);
export const changeOf = (r: Review, address: string, what: string) =>
  r.diff.contracts.find((c) => c.address.toLowerCase() === address.toLowerCase())?.changes.find((c) => c.what === what);

/** The review scenarios' chain as a test file sees it, and the reviews it asks of it. */
export interface ReviewScenarioSuite extends ReviewScenarioChain {
  chain: TestChain;
  book(): AddressBook;
  /** A transaction of the scenarios' Safe (1.4.1, nonce 0). */
  tx(fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx;
  /** What reviewSafeTx is given for a transaction: the Safe's owners, the protocol's layouts, ABIs and names. */
  input(t: SafeTx, provider?: JsonRpcProvider): ReviewInput;
  review(t: SafeTx): Promise<Review>;
  /**
   * Carries a review's pre-state as a file would (JSON), proven against the block's state root, into a fresh
   * anvil with no fork, replays it there in the carried block's environment, and compares the diffs.
   */
  expectSameDiffOnReplay(t: SafeTx, original: Review): Promise<void>;
}

/**
 * Starts an anvil with the review scenarios deployed (reviewScenarioChain.ts) before the file's tests, and stops
 * it after them. Each test file that calls it has its own chain, so the files run apart.
 */
export function onReviewScenarioChain(): ReviewScenarioSuite {
  // The chain and what is deployed on it are filled in before the first test; the reviews read them then.
  const reviews: Omit<ReviewScenarioSuite, 'chain' | keyof ReviewScenarioChain> = {
    book() {
      const b = new AddressBook();
      for (const [name, address] of Object.entries(suite.protocol.addresses)) b.add(address, name);
      return b;
    },
    tx(fields) {
      return createSafeTx({
        chainId: suite.chain.chainId,
        safe: suite.safe,
        safeVersion: '1.4.1',
        nonce: 0n,
        ...fields,
      });
    },
    input(t, provider = suite.chain.provider) {
      return {
        provider,
        tx: t,
        owners: suite.owners,
        threshold: 2,
        safeNonce: 0n,
        layouts,
        decodeOptions: {
          addressBook: suite.book(),
          artifacts: Object.values(suite.protocol.artifacts),
          extraMultiSend: [suite.contracts.multiSend, suite.contracts.multiSendCallOnly],
        },
      };
    },
    review(t) {
      return reviewSafeTx(suite.input(t));
    },
    async expectSameDiffOnReplay(t, original) {
      const fresh = await startTestChain();
      try {
        // The guardian's review keeps no code; the one made to be carried does, and must read the same.
        const carrying = await reviewSafeTx({ ...suite.input(t), carry: true });
        expect(carrying.diff).toEqual(original.diff);
        const proofs = await collectStateProofs(
          suite.chain.provider,
          carrying.simulation.prestate,
          carrying.simulation.block.number,
        );
        const carried = parseCarriedState(JSON.parse(JSON.stringify(carriedState(carrying.simulation, proofs))));
        const { verdict, review: replayed } = await replayReview({ ...suite.input(t, fresh.provider), carried });
        expect(verdict).toBe('proven');
        expect(replayed.simulation.block).toEqual(original.simulation.block);
        expect(replayed.simulation.success).toBe(original.simulation.success);
        expect(replayed.simulation.revertReason).toBe(original.simulation.revertReason);
        expect(replayed.diff.tokenMovements).toEqual(original.diff.tokenMovements);
        expect(replayed.diff.contracts, JSON.stringify([replayed.diff.contracts, original.diff.contracts])).toEqual(
          original.diff.contracts,
        );
        expect(replayed.diff.events.map((e) => [e.address, e.name, e.topics])).toEqual(
          original.diff.events.map((e) => [e.address, e.name, e.topics]),
        );
        expect(codes(replayed)).toEqual(codes(original));
      } finally {
        await fresh.stop();
      }
    },
  };
  const suite = reviews as ReviewScenarioSuite;
  beforeAll(async () => {
    suite.chain = await startTestChain();
    Object.assign(suite, await deployReviewScenarios(suite.chain));
  });
  afterAll(async () => suite.chain?.stop());
  return suite;
}
