import { Interface, ZeroHash, zeroPadValue } from 'ethers';
import { encodeMultiSend, type MultiSendCall } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import type { Scenario } from './corpusScenarios.js';
import type { Corpus } from './deployCorpus.js';
import { optimismArtifact } from './optimismArtifacts.js';

const proxy = new Interface(optimismArtifact('Proxy').abi);
const superchain = new Interface(optimismArtifact('SuperchainConfig').abi);
const systemConfig = new Interface(optimismArtifact('SystemConfig').abi);
const storageSetter = new Interface(optimismArtifact('StorageSetter').abi);

/** Optimism's bedrock contracts, administered by the Safe: its guardian's pause, the chain's gas settings, the proxies. */
export async function optimismScenarios(corpus: Corpus): Promise<Scenario[]> {
  const op = corpus.optimism;
  const [superchainAt, pausedAt, systemConfigAt] = (await Promise.all(
    [op.superchainConfig, op.pausedSuperchainConfig, op.systemConfig].map((c) => c.getAddress()),
  )) as [string, string, string];
  const call = (to: string, data: string): MultiSendCall => ({ operation: 0, to, value: 0n, data });
  const tx = (fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx =>
    createSafeTx({ chainId: corpus.chain.chainId, safe: corpus.safe, safeVersion: '1.4.1', nonce: 0n, ...fields });
  const batch = (calls: MultiSendCall[]): SafeTx =>
    tx({ to: corpus.safeContracts.multiSendCallOnly, data: encodeMultiSend(calls), operation: 1 });
  // Optimism's upgrade playbooks reset the initializer this way, so the new implementation's initialize runs again.
  const clearInitialized = call(
    superchainAt,
    proxy.encodeFunctionData('upgradeToAndCall', [
      op.storageSetter,
      storageSetter.encodeFunctionData('setBytes32(bytes32,bytes32)', [ZeroHash, ZeroHash]),
    ]),
  );
  const reinitialize = (implementation: string, guardian: string) =>
    call(
      superchainAt,
      proxy.encodeFunctionData('upgradeToAndCall', [
        implementation,
        superchain.encodeFunctionData('initialize', [guardian, false]),
      ]),
    );
  return [
    {
      name: 'op-superchain-pause',
      kind: 'honest',
      summary: 'Optimism SuperchainConfig.pause("incident"): withdrawals stop on every chain of the Superchain',
      tx: tx(call(superchainAt, superchain.encodeFunctionData('pause', ['incident 2026-12-03']))),
    },
    {
      name: 'op-superchain-unpause',
      kind: 'honest',
      summary: 'Optimism SuperchainConfig.unpause(): the incident is over',
      tx: tx(call(pausedAt, superchain.encodeFunctionData('unpause'))),
    },
    {
      name: 'op-system-gas-config-ecotone',
      kind: 'honest',
      summary: 'Optimism SystemConfig.setGasConfigEcotone(1500, 900000): scalars packed beside the L2 gas limit',
      tx: tx(call(systemConfigAt, systemConfig.encodeFunctionData('setGasConfigEcotone', [1500, 900_000]))),
    },
    {
      name: 'op-system-gas-limit',
      kind: 'honest',
      summary: 'Optimism SystemConfig.setGasLimit(60M): packed beside the Ecotone scalars',
      tx: tx(call(systemConfigAt, systemConfig.encodeFunctionData('setGasLimit', [60_000_000n]))),
    },
    // The unsafe block signer is the sequencer's key: nodes follow the blocks it gossips as the chain's tip until
    // the batches posted to L1 say otherwise. A key no one here knows can show every exchange and bridge that acts
    // on the unsafe head a chain that is later reorged away: a guardian checks the new key with the operator
    // before signing, so a rotation is a real change (at least high). It is not a trap: it moves no funds and
    // no contract's control, and the chain derived from L1 (batcherHash) stays the truth.
    {
      name: 'op-system-unsafe-block-signer',
      kind: 'change',
      summary: "Optimism SystemConfig.setUnsafeBlockSigner(new key): the sequencer's block-signing key is rotated",
      tx: tx(call(systemConfigAt, systemConfig.encodeFunctionData('setUnsafeBlockSigner', [op.nextUnsafeBlockSigner]))),
    },
    // The batcher's address is the only one whose L1 data the chain is derived from: a stranger's cannot forge a
    // user's transaction, but it decides which are included and in what order (censorship, not theft). The same
    // call as the key rotation above: at least high, checked with the operator.
    {
      name: 'op-system-batcher',
      kind: 'change',
      summary: 'Optimism SystemConfig.setBatcherHash(new batcher): whose L1 batches the chain is derived from',
      tx: tx(
        call(systemConfigAt, systemConfig.encodeFunctionData('setBatcherHash', [zeroPadValue(op.nextBatcher, 32)])),
      ),
    },
    {
      name: 'op-proxy-upgrade-to-eoa',
      kind: 'trap',
      summary: 'bedrock Proxy.upgradeTo(an address with no code) on SuperchainConfig: bedrock does not refuse it',
      tx: tx(call(superchainAt, proxy.encodeFunctionData('upgradeTo', [corpus.stranger]))),
    },
    {
      name: 'op-superchain-upgrade',
      kind: 'honest',
      summary:
        "MultiSend, Optimism's upgrade playbook: StorageSetter clears _initialized, then upgradeToAndCall(next SuperchainConfig, initialize(this Safe, false))",
      tx: batch([clearInitialized, reinitialize(op.nextSuperchainConfigImplementation, corpus.safe)]),
    },
    {
      name: 'op-reinitialize-guardian-stranger',
      kind: 'trap',
      summary:
        "MultiSend, Optimism's upgrade playbook: StorageSetter clears _initialized, then upgradeToAndCall(SuperchainConfig, initialize(stranger, false))",
      tx: batch([clearInitialized, reinitialize(op.superchainConfigImplementation, corpus.stranger)]),
    },
    {
      name: 'op-proxy-admin-to-stranger',
      kind: 'trap',
      summary: 'bedrock Proxy.changeAdmin(stranger) on SuperchainConfig: the upgrade right leaves the Safe',
      tx: tx(call(superchainAt, proxy.encodeFunctionData('changeAdmin', [corpus.stranger]))),
    },
    {
      name: 'op-system-owner-to-stranger',
      kind: 'trap',
      summary: 'Optimism SystemConfig.transferOwnership(stranger)',
      tx: tx(call(systemConfigAt, systemConfig.encodeFunctionData('transferOwnership', [corpus.stranger]))),
    },
  ];
}
