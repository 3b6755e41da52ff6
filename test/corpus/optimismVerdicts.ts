import { getAddress, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ERC1967_ADMIN_SLOT, ERC1967_IMPLEMENTATION_SLOT } from '../protocol/deployProtocol.js';
import { alarms, events, reviewOf, run, simulatedHandover } from './corpusRun.js';
import { optimismArtifact } from './optimismArtifacts.js';

/** Optimism bedrock's SuperchainConfig and SystemConfig behind its own Proxy, in the corpus's one run. */
export function describeOptimismVerdicts(): void {
  describe("Optimism's bedrock contracts, deployed from @eth-optimism/contracts-bedrock's forge-artifacts", () => {
    const word = (address: string) => zeroPadValue(address, 32).toLowerCase();
    const storage = async (contract: { getAddress(): Promise<string> }, slot: string) =>
      run.corpus.chain.provider.getStorage(await contract.getAddress(), slot);
    const changesAt = async (name: string, contract: { getAddress(): Promise<string> }) => {
      const at = getAddress(await contract.getAddress());
      return reviewOf(name).diff.contracts.find((c) => c.address === at);
    };

    it("runs Optimism's published code behind bedrock's Proxy, the Safe its admin, SuperchainConfig's guardian and SystemConfig's owner", async () => {
      const { superchainConfig, pausedSuperchainConfig, systemConfig, superchainConfigImplementation } =
        run.corpus.optimism;
      const runtime = (name: 'Proxy' | 'SuperchainConfig') => optimismArtifact(name).deployedBytecode;
      expect(await run.corpus.chain.provider.getCode(superchainConfigImplementation)).toBe(runtime('SuperchainConfig'));
      expect(await run.corpus.chain.provider.getCode(await superchainConfig.getAddress())).toBe(runtime('Proxy'));
      for (const proxy of [superchainConfig, pausedSuperchainConfig, systemConfig])
        expect(await storage(proxy, ERC1967_ADMIN_SLOT)).toBe(word(run.corpus.safe));
      expect(await storage(superchainConfig, ERC1967_IMPLEMENTATION_SLOT)).toBe(word(superchainConfigImplementation));
      expect(await superchainConfig.getFunction('guardian')()).toBe(run.corpus.safe);
      expect([
        await superchainConfig.getFunction('paused')(),
        await pausedSuperchainConfig.getFunction('paused')(),
      ]).toEqual([false, true]);
      expect(await systemConfig.getFunction('owner')()).toBe(run.corpus.safe);
      expect(await systemConfig.getFunction('unsafeBlockSigner')()).toBe(run.corpus.optimism.unsafeBlockSigner);
      expect(await systemConfig.getFunction('gasLimit')()).toBe(30_000_000n);
    });

    it('SuperchainConfig pause("…") and unpause() read as paused false → true and true → false, with no alarm', async () => {
      for (const [name, contract, before, after] of [
        ['op-superchain-pause', run.corpus.optimism.superchainConfig, 'false', 'true'],
        ['op-superchain-unpause', run.corpus.optimism.pausedSuperchainConfig, 'true', 'false'],
      ] as const) {
        const r = reviewOf(name);
        expect(alarms(r), name).toEqual([]);
        // The flag lives in an unstructured slot (keccak("superchainConfig.paused") - 1): read by the paused() getter.
        expect((await changesAt(name, contract))?.changes, name).toEqual([{ what: 'paused', before, after }]);
        expect(r.contradictions, name).toEqual([]);
      }
      expect(events(reviewOf('op-superchain-pause'))).toContain('Paused');
      expect(reviewOf('op-superchain-pause').findings.map((f) => f.code)).toContain('PROTOCOL_PAUSED');
      expect(reviewOf('op-superchain-unpause').findings.map((f) => f.code)).toContain('PROTOCOL_UNPAUSED');
    });

    it('SystemConfig gas settings packed beside other variables are explained by its getters, at most medium', async () => {
      const ecotone = await changesAt('op-system-gas-config-ecotone', run.corpus.optimism.systemConfig);
      expect(alarms(reviewOf('op-system-gas-config-ecotone'))).toEqual([]);
      expect(ecotone?.changes.map((c) => [c.what, c.before, c.after]).slice(0, 2)).toEqual([
        ['basefeeScalar', '1368', '1500'],
        ['blobbasefeeScalar', '810949', '900000'],
      ]);
      expect(ecotone?.otherSlots).toEqual([]);
      const gasLimit = await changesAt('op-system-gas-limit', run.corpus.optimism.systemConfig);
      expect(alarms(reviewOf('op-system-gas-limit'))).toEqual([]);
      expect(gasLimit?.changes).toEqual([{ what: 'gasLimit', before: '30000000', after: '60000000' }]);
      expect(gasLimit?.otherSlots).toEqual([]);
    });

    it("the sequencer's block-signing key rotated to an unknown address is high, named by its getter", async () => {
      const key = reviewOf('op-system-unsafe-block-signer').findings.find(
        (f) => f.code === 'SIGNING_KEY_TO_UNKNOWN_ADDRESS',
      );
      expect(key?.severity).toBe('high');
      expect(key?.evidence).toMatchObject({
        contract: await run.corpus.optimism.systemConfig.getAddress(),
        what: 'unsafeBlockSigner',
        before: run.corpus.optimism.unsafeBlockSigner,
        key: run.corpus.optimism.nextUnsafeBlockSigner,
      });
    });

    it('a new batcher, held as a padded address in batcherHash, is high too', () => {
      const batcher = reviewOf('op-system-batcher').findings.find((f) => f.code === 'SIGNING_KEY_TO_UNKNOWN_ADDRESS');
      expect(batcher?.severity).toBe('high');
      expect(batcher?.evidence).toMatchObject({
        what: 'batcherHash',
        before: zeroPadValue(run.corpus.optimism.batcher, 32).toLowerCase(),
        key: run.corpus.optimism.nextBatcher,
      });
    });

    it("an upgrade by Optimism's playbook (StorageSetter, then upgradeToAndCall and initialize) is no alarm: bedrock's Proxy upgrades itself, no proxiableUUID needed", async () => {
      const r = reviewOf('op-superchain-upgrade');
      expect(alarms(r)).toEqual([]);
      expect((await changesAt('op-superchain-upgrade', run.corpus.optimism.superchainConfig))?.changes).toEqual([
        {
          what: 'implementation',
          before: run.corpus.optimism.superchainConfigImplementation,
          after: run.corpus.optimism.nextSuperchainConfigImplementation,
        },
      ]);
      expect(events(r)).toEqual(expect.arrayContaining(['Upgraded', 'Initialized']));
    });

    it('the same playbook re-initialising a stranger as guardian is critical from the guardian() getter', async () => {
      const r = reviewOf('op-reinitialize-guardian-stranger');
      expect(r.worst).toBe('critical');
      const handover = r.findings.find(
        (f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS' && f.evidence['what'] === 'guardian',
      );
      expect(handover?.evidence).toMatchObject({ before: run.corpus.safe, after: run.corpus.stranger });
    });

    it("bedrock's Proxy: an upgrade to no code, which it does not refuse, and its admin to a stranger are critical", async () => {
      const dead = reviewOf('op-proxy-upgrade-to-eoa');
      expect(dead.simulation.success).toBe(true);
      expect(dead.findings.find((f) => f.code === 'IMPLEMENTATION_WITHOUT_CODE')?.severity).toBe('critical');
      expect(
        simulatedHandover(
          reviewOf('op-proxy-admin-to-stranger'),
          await run.corpus.optimism.superchainConfig.getAddress(),
        ),
      ).toEqual({
        what: 'admin',
        before: run.corpus.safe,
        after: run.corpus.stranger,
      });
      expect(
        simulatedHandover(reviewOf('op-system-owner-to-stranger'), await run.corpus.optimism.systemConfig.getAddress()),
      ).toEqual({
        what: 'owner',
        before: run.corpus.safe,
        after: run.corpus.stranger,
      });
    });
  });
}
