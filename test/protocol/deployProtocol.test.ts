import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Contract, getAddress, id, Wallet, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey, readSources } from '../../contracts/compile.mjs';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import {
  deployProtocol,
  ERC1967_ADMIN_SLOT,
  ERC1967_IMPLEMENTATION_SLOT,
  loadArtifact,
  PROTOCOL_CONTRACT_NAMES,
  type Protocol,
} from './deployProtocol.js';

let chain: TestChain;
let protocol: Protocol;
let safe: string;

beforeAll(async () => {
  chain = await startTestChain();
  // A plain account stands in for the Safe here: these tests are about the fixtures, not the Safe.
  safe = chain.wallets[1]!.address;
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
});
afterAll(async () => chain?.stop());

const addressIn = async (contract: string, slot: string) =>
  getAddress(`0x${(await chain.provider.getStorage(contract, slot)).slice(26)}`);
const asSafe = (contract: Contract) => contract.connect(chain.wallets[1]!) as Contract;
const asStranger = (contract: Contract) => contract.connect(chain.wallets[2]!) as Contract;
const reverts = (name: string) => ({ revert: expect.objectContaining({ name }) });

/** Runs `body` and puts the chain back as it was, so one shared anvil serves tests that change state. */
async function thenRevertChain(body: () => Promise<void>): Promise<void> {
  const snapshot = (await chain.provider.send('evm_snapshot', [])) as string;
  try {
    await body();
  } finally {
    await chain.provider.send('evm_revert', [snapshot]);
  }
}

describe('the compiled artifacts', () => {
  it('are up to date with contracts/src, the compiler and OpenZeppelin', () => {
    const check = execFileSync(process.execPath, ['contracts/compile.mjs', '--check'], { encoding: 'utf8' });
    expect(check).toMatch(/up to date/);
  });

  it('are called stale when one byte of a source changes', () => {
    const sources = readSources();
    const vault = sources['Vault.sol']!.content;
    expect(
      cacheKey({ ...sources, 'Vault.sol': { content: vault.replace('totalDeposits', 'totalDeposit_') } }),
    ).not.toBe(cacheKey(sources));
  });

  it('exist for every contract the fixtures name, and only those', () => {
    const artifacts = readdirSync('contracts/artifacts').filter((file) => file !== 'cache-key.json');
    expect(artifacts.sort()).toEqual(PROTOCOL_CONTRACT_NAMES.map((name) => `${name}.json`).sort());
  });

  it("keep Vault's slots in VaultV2 and shift them in VaultV2Clash", () => {
    const slots = (name: 'Vault' | 'VaultV2' | 'VaultV2Clash') =>
      loadArtifact(name).storageLayout.storage.map((v) => `${v.slot}:${v.label}`);
    expect(slots('Vault')).toEqual(['0:token', '1:totalDeposits', '2:balanceOf']);
    expect(slots('VaultV2')).toEqual([...slots('Vault'), '3:withdrawalFeeBps']);
    expect(slots('VaultV2Clash')).toEqual(['0:feeCollector', '1:token', '2:totalDeposits', '3:balanceOf']);
  });
});

describe('deployProtocol', () => {
  it('gives the Safe the UUPS vault, the Transparent vault and the ProxyAdmin named in the ERC-1967 admin slot', async () => {
    const transparent = await protocol.transparentVault.getAddress();
    expect(await addressIn(transparent, ERC1967_ADMIN_SLOT)).toBe(await protocol.proxyAdmin.getAddress());
    expect(await protocol.proxyAdmin.getFunction('owner')()).toBe(safe);
    expect(await protocol.transparentVault.getFunction('owner')()).toBe(safe);
    expect(await addressIn(transparent, ERC1967_IMPLEMENTATION_SLOT)).toBe(protocol.transparentVaultImplementation);
    expect(await protocol.vault.getFunction('owner')()).toBe(safe);
    expect(await protocol.vault.getFunction('token')()).toBe(await protocol.token.getAddress());
    expect(await addressIn(await protocol.vault.getAddress(), ERC1967_IMPLEMENTATION_SLOT)).toBe(
      protocol.vaultImplementation,
    );
  });

  it("makes the Safe the timelock's proposer and executor, with no outside admin", async () => {
    const hasRole = protocol.timelock.getFunction('hasRole');
    for (const role of ['PROPOSER_ROLE', 'CANCELLER_ROLE', 'EXECUTOR_ROLE'])
      expect(await hasRole(id(role), safe), role).toBe(true);
    expect(await hasRole(id('PROPOSER_ROLE'), chain.wallets[0]!.address)).toBe(false);
    expect(await hasRole(await protocol.timelock.getFunction('DEFAULT_ADMIN_ROLE')(), chain.wallets[0]!.address)).toBe(
      false,
    );
    expect(await protocol.timelock.getFunction('getMinDelay')()).toBe(3600n);
  });

  it('lets only the owner pause and unpause the vault, and a paused vault takes no deposits', async () => {
    await thenRevertChain(async () => {
      await expect(asStranger(protocol.vault).getFunction('pause').staticCall()).rejects.toMatchObject(
        reverts('OwnableUnauthorizedAccount'),
      );
      await (await asSafe(protocol.vault).getFunction('pause')()).wait();
      expect(await protocol.vault.getFunction('paused')()).toBe(true);
      await expect(protocol.vault.getFunction('deposit').staticCall(1n)).rejects.toMatchObject(
        reverts('EnforcedPause'),
      );
      await expect(asStranger(protocol.vault).getFunction('unpause').staticCall()).rejects.toMatchObject(
        reverts('OwnableUnauthorizedAccount'),
      );
      await (await asSafe(protocol.vault).getFunction('unpause')()).wait();
      expect(await protocol.vault.getFunction('paused')()).toBe(false);
    });
  });

  it('lets the owner, and no one else, upgrade the UUPS vault to V2, which keeps its deposits and says version 2', async () => {
    await thenRevertChain(async () => {
      const vaultAddress = await protocol.vault.getAddress();
      await (await protocol.token.getFunction('approve')(vaultAddress, 500n)).wait();
      await (await protocol.vault.getFunction('deposit')(500n)).wait();
      const upgrade = [protocol.vaultV2Implementation, '0x'] as const;
      await expect(
        asStranger(protocol.vault)
          .getFunction('upgradeToAndCall')
          .staticCall(...upgrade),
      ).rejects.toMatchObject(reverts('OwnableUnauthorizedAccount'));
      await (await asSafe(protocol.vault).getFunction('upgradeToAndCall')(...upgrade)).wait();
      expect(await addressIn(vaultAddress, ERC1967_IMPLEMENTATION_SLOT)).toBe(protocol.vaultV2Implementation);
      const v2 = new Contract(vaultAddress, loadArtifact('VaultV2').abi, chain.provider);
      expect(await v2.getFunction('version')()).toBe(2n);
      expect(await v2.getFunction('totalDeposits')()).toBe(500n);
      expect(await v2.getFunction('balanceOf')(chain.wallets[0]!.address)).toBe(500n);
    });
  });

  it('lets the Safe upgrade the Transparent vault through its ProxyAdmin', async () => {
    await thenRevertChain(async () => {
      const proxy = await protocol.transparentVault.getAddress();
      const upgrade = [proxy, protocol.transparentVaultV2Implementation, '0x'] as const;
      await expect(
        asStranger(protocol.proxyAdmin)
          .getFunction('upgradeAndCall')
          .staticCall(...upgrade),
      ).rejects.toMatchObject(reverts('OwnableUnauthorizedAccount'));
      await (await asSafe(protocol.proxyAdmin).getFunction('upgradeAndCall')(...upgrade)).wait();
      const v2 = new Contract(proxy, loadArtifact('TransparentVaultV2').abi, chain.provider);
      expect(await v2.getFunction('version')()).toBe(2n);
    });
  });

  it('ships an implementation OpenZeppelin 5 refuses, and a dead end it accepts that freezes the proxy', async () => {
    await thenRevertChain(async () => {
      const upgradeToAndCall = asSafe(protocol.vault).getFunction('upgradeToAndCall');
      await expect(upgradeToAndCall.staticCall(protocol.vaultNoUpgradeImplementation, '0x')).rejects.toMatchObject(
        reverts('ERC1967InvalidImplementation'),
      );
      await (await upgradeToAndCall(protocol.vaultDeadEndImplementation, '0x')).wait();
      expect(await addressIn(await protocol.vault.getAddress(), ERC1967_IMPLEMENTATION_SLOT)).toBe(
        protocol.vaultDeadEndImplementation,
      );
      // Even the Safe cannot move it back: the dead end has no upgrade function to call.
      await expect(upgradeToAndCall.staticCall(protocol.vaultImplementation, '0x')).rejects.toMatchObject({
        code: 'CALL_EXCEPTION',
        data: '0x',
      });
      expect(await protocol.vault.getFunction('owner')()).toBe(safe);
    });
  });

  it('refuses a Safe address that is malformed or zero, and a signer with no provider', async () => {
    await expect(deployProtocol(chain.wallets[0]!, { safe: '0x1234' })).rejects.toThrow(/invalid address/);
    await expect(
      deployProtocol(chain.wallets[0]!, { safe: safe.replace(/[a-f]/, (c) => c.toUpperCase()) }),
    ).rejects.toThrow(/bad address checksum/);
    await expect(deployProtocol(chain.wallets[0]!, { safe: ZeroAddress })).rejects.toThrow(/zero address/);
    await expect(deployProtocol(Wallet.createRandom(), { safe })).rejects.toThrow(/connected to a provider/);
  });
});
