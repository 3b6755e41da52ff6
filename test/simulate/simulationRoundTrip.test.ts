import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXIABLE_UUID_CALL } from '../../electron/core/decode/upgradeFunctions.js';
import { upgradedByUupsCode } from '../../electron/core/risk/upgradedByUupsCode.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { batchingRpc } from '../../electron/core/simulate/batchingRpc.js';
import { forgetGetters } from '../../electron/core/simulate/getterGuesses.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { simulateSafeTx, type RpcClient } from '../../electron/core/simulate/simulateSafeTx.js';
import { stateViews } from '../../electron/core/simulate/stateView.js';
import { EIP1967 } from '../../electron/core/primitives/storageSlots.js';
import { witnessedAnswer } from '../../electron/core/simulate/witnessedAnswer.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, loadArtifact, type Protocol } from '../protocol/deployProtocol.js';

let chain: TestChain;
let protocol: Protocol;
let safe: string;
let owners: string[];
const vault = new Interface(loadArtifact('Vault').abi);
const proxyAdmin = new Interface(loadArtifact('ProxyAdmin').abi);
const erc20 = new Interface(['function totalSupply() view returns (uint256)']);

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
});
afterAll(async () => chain?.stop());

function tx(to: string, data: string): SafeTx {
  return createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, to, data });
}

/** The chain's client, noting every request made after the first answer came back: a second round trip. */
function watchedClient(): { client: RpcClient; later: string[] } {
  const inner = batchingRpc(chain.rpcUrl);
  let answered = false;
  const later: string[] = [];
  const client: RpcClient = {
    send(method, params) {
      if (answered) later.push(method);
      return inner.send(method, params).finally(() => (answered = true));
    },
  };
  return { client, later };
}

describe("the simulation's round trip", () => {
  it('answer before the transaction, and after it only where the transaction changed nothing they read', async () => {
    const pausedCall = vault.encodeFunctionData('paused');
    const supplyCall = erc20.encodeFunctionData('totalSupply');
    const token = await protocol.token.getAddress();
    const { client, later } = watchedClient();
    const sim = await simulateSafeTx({
      provider: client,
      tx: tx(protocol.addresses['Vault']!, vault.encodeFunctionData('pause')),
      owners,
      threshold: 2,
      preStateCalls: [
        { to: protocol.addresses['Vault']!, data: pausedCall },
        { to: token, data: supplyCall },
      ],
    });
    const { before, after } = stateViews(client, sim);
    // The pause writes the Vault's storage, which paused() reads: that answer is asked again, after.
    expect(BigInt((await before.call(protocol.addresses['Vault']!, pausedCall))!)).toBe(0n);
    expect(BigInt((await after.call(protocol.addresses['Vault']!, pausedCall))!)).toBe(1n);
    // The token is untouched: its supply before is its supply after, with no second question.
    const supply = await protocol.token.getFunction('totalSupply')();
    expect(BigInt((await after.call(token, supplyCall))!)).toBe(supply);
    expect(later).toEqual(['eth_call']);
    // Code the pre-state calls read is the code on the chain.
    expect(await before.code(token)).toBe(await chain.provider.getCode(token));
  });

  it("a UUPS upgrade is judged in one round trip: its implementation's code is read with the simulation, and the upgrade is seen asking it", async () => {
    const { client, later } = watchedClient();
    const r = await reviewSafeTx({
      provider: client,
      tx: tx(
        protocol.addresses['Vault']!,
        vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
      ),
      owners,
      threshold: 2,
      safeNonce: 0n,
    });
    // No proxiableUUID() of its own: the old implementation's code asked it, and the trace shows the answer.
    // The proxy's owner() is asked in the getter batch at the pre-state: what that batch reads is the proxy's
    // code and the old implementation's, which the getter comparison needs, and the predicted state's batch
    // reads the new implementation's. Their code comes with those reads: no call or code asked beside them.
    const vaultAddress = protocol.addresses['Vault']!;
    expect(r.simulation.preStateCalls).toEqual([]);
    const ownerBefore = r.simulation.guessedCalls!.find(
      (g) => g.data === vault.encodeFunctionData('owner') && Object.keys(g.overrides).length === 0,
    )!;
    expect(ownerBefore.read).toEqual(
      expect.arrayContaining([vaultAddress.toLowerCase(), protocol.vaultImplementation.toLowerCase()]),
    );
    expect(witnessedAnswer(r.simulation.callTree, protocol.vaultV2Implementation, PROXIABLE_UUID_CALL)).toBe(
      EIP1967.implementation,
    );
    for (const address of [vaultAddress, protocol.vaultImplementation, protocol.vaultV2Implementation])
      expect(r.simulation.preStateCodes[address.toLowerCase()]).toBe(await chain.provider.getCode(address));
    expect(
      upgradedByUupsCode(
        r.simulation.callTree,
        protocol.addresses['Vault']!,
        protocol.vaultImplementation,
        protocol.vaultV2Implementation,
      ),
    ).toBe(true);
    // An upgrade is never info; the getters read after the upgrade (layout continuity too: the old code over the
    // new storage) were guessed with the simulation, from the ABIs the console knows: nothing is asked after.
    expect(r.worst).toBe('medium');
    expect(r.diff.layoutClashes).toEqual([]);
    expect(later).toEqual([]);
  });

  it("an upgrade reviewed again asks nothing after its simulation: the proxy's getters are asked with it, before and as predicted", async () => {
    forgetGetters();
    const vaultAddress = protocol.addresses['Vault']!;
    const upgrade = tx(
      vaultAddress,
      vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
    );
    const first = watchedClient();
    const r1 = await reviewSafeTx({ provider: first.client, tx: upgrade, owners, threshold: 2, safeNonce: 0n });
    // A console that never saw the proxy guesses every getter the ABIs it knows declare, whatever the code
    // holds (not read yet), and those keyed by the Upgraded event's implementation (balanceOf): none is left to
    // ask after.
    const predicted = r1.simulation.guessedCalls!.filter((g) => Object.keys(g.overrides).length > 0);
    expect(predicted.map((g) => g.data)).toEqual(
      expect.arrayContaining([
        vault.encodeFunctionData('owner'),
        vault.encodeFunctionData('paused'),
        vault.encodeFunctionData('balanceOf', [protocol.vaultV2Implementation]),
      ]),
    );
    expect(predicted[0]!.read).toEqual(expect.arrayContaining([protocol.vaultV2Implementation.toLowerCase()]));
    expect(first.later).toEqual([]);
    const again = watchedClient();
    const r2 = await reviewSafeTx({ provider: again.client, tx: upgrade, owners, threshold: 2, safeNonce: 0n });
    expect(again.later).toEqual([]);
    // The same judgement, the layout check included (the old code's reading of the new storage).
    expect(r2.diff).toEqual(r1.diff);
    expect(r2.findings).toEqual(r1.findings);
    expect(r2.worst).toBe('medium');
  });

  it('a guess the upgrade does not bear out is asked again: an upgrade whose call pauses the vault reads paused after it', async () => {
    const vaultAddress = protocol.addresses['Vault']!;
    const upgrade = tx(
      vaultAddress,
      vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, vault.encodeFunctionData('pause')]),
    );
    // Twice: guessed from the standard getters, then from those the first review compared.
    for (const _ of [1, 2]) {
      const { client, later } = watchedClient();
      const r = await reviewSafeTx({ provider: client, tx: upgrade, owners, threshold: 2, safeNonce: 0n });
      expect(r.simulation.guessedCalls?.some((g) => g.data === vault.encodeFunctionData('paused'))).toBe(true);
      // The proxy's storage after holds more than the new implementation: no predicted answer stands for it.
      const changes = r.diff.contracts.find((c) => c.address.toLowerCase() === vaultAddress.toLowerCase())!.changes;
      expect(changes).toContainEqual(expect.objectContaining({ what: 'paused', before: 'false', after: 'true' }));
      expect(later).toContain('eth_call');
    }
  });

  it('a UUPS upgrade that reverts before asking its implementation still has it judged, by asking the chain after', async () => {
    const { client, later } = watchedClient();
    // upgradeTo is not in OpenZeppelin 5's UUPS: the proxy reverts without asking anything.
    const upgradeTo = new Interface(['function upgradeTo(address)']);
    const r = await reviewSafeTx({
      provider: client,
      tx: tx(protocol.addresses['Vault']!, upgradeTo.encodeFunctionData('upgradeTo', [protocol.addresses['Vault']!])),
      owners,
      threshold: 2,
      safeNonce: 0n,
    });
    expect(r.simulation.success).toBe(false);
    expect(witnessedAnswer(r.simulation.callTree, protocol.addresses['Vault']!, PROXIABLE_UUID_CALL)).toBeUndefined();
    // The proxy itself named as the implementation: it has code, and a proxy does not answer proxiableUUID().
    expect(r.findings.map((f) => f.code)).toContain('IMPLEMENTATION_NOT_UPGRADEABLE');
    expect(later).toEqual(['eth_call']);
  });

  it('a Transparent upgrade asks its implementation with the simulation, and carries what that read', async () => {
    const transparent = protocol.addresses['TransparentVault']!;
    const data = proxyAdmin.encodeFunctionData('upgradeAndCall', [
      transparent,
      protocol.transparentVaultV2Implementation,
      '0x',
    ]);
    const r = await reviewSafeTx({
      provider: chain.provider,
      tx: tx(protocol.addresses['ProxyAdmin']!, data),
      owners,
      threshold: 2,
      safeNonce: 0n,
      carry: true,
    });
    expect(r.simulation.preStateCalls.map((c) => [c.to, c.data])).toEqual([
      [protocol.transparentVaultV2Implementation, PROXIABLE_UUID_CALL],
      [transparent, vault.encodeFunctionData('owner')],
    ]);
    const implementation = protocol.transparentVaultV2Implementation.toLowerCase();
    expect(Object.keys(r.simulation.prestate).map((a) => a.toLowerCase())).toContain(implementation);
  });

  it('traces again, pinned, when a block is mined while it traces, and reports the block it finally saw', async () => {
    const inner = batchingRpc(chain.rpcUrl);
    let mined = false;
    const client: RpcClient = {
      flush: () => inner.flush?.(),
      async send(method, params) {
        if (method === 'eth_blockNumber' && !mined) {
          mined = true;
          await chain.provider.send('evm_mine', []);
        }
        return inner.send(method, params);
      },
    };
    const before = await chain.provider.getBlockNumber();
    const sim = await simulateSafeTx({
      provider: client,
      tx: tx(protocol.addresses['Vault']!, vault.encodeFunctionData('pause')),
      owners,
      threshold: 2,
    });
    expect(mined).toBe(true);
    expect(BigInt(sim.block.number)).toBe(BigInt(before + 1));
    expect(sim.chainTag).toBe(sim.block.number);
    expect(sim.success).toBe(true);
  });

  it('a Transparent proxy upgraded by its ProxyAdmin is not taken for UUPS', async () => {
    const transparent = protocol.addresses['TransparentVault']!;
    const data = proxyAdmin.encodeFunctionData('upgradeAndCall', [
      transparent,
      protocol.transparentVaultV2Implementation,
      '0x',
    ]);
    const r = await reviewSafeTx({
      provider: chain.provider,
      tx: tx(protocol.addresses['ProxyAdmin']!, data),
      owners,
      threshold: 2,
      safeNonce: 0n,
    });
    expect(
      r.diff.contracts.find((c) => c.address === transparent)?.changes.find((c) => c.what === 'implementation')?.after,
    ).toBe(protocol.transparentVaultV2Implementation);
    expect(
      upgradedByUupsCode(
        r.simulation.callTree,
        transparent,
        protocol.transparentVaultImplementation,
        protocol.transparentVaultV2Implementation,
      ),
    ).toBe(false);
    expect(r.findings.map((f) => f.code)).not.toContain('IMPLEMENTATION_NOT_UPGRADEABLE');
  });
});
