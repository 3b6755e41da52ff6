import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDescriptorFile } from '../../electron/core/decode/erc7730/readDescriptorFile.js';
import type { TrustedDescriptor } from '../../electron/core/decode/erc7730/trustedDescriptors.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

let chain: TestChain;
let protocol: Protocol;
let store: Store;
let session: RendererSession;
let dir: string;
let trusted: TrustedDescriptor;
const screenshots = join(process.cwd(), 'test-results');
const vault = new Interface(['function upgradeToAndCall(address,bytes)']);

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-descriptor-ui-'));
  mkdirSync(screenshots, { recursive: true });
  store = openStore({ dataDir: join(dir, 'data') });
  store.addWatchedSafe({ chainId: chain.chainId, address: safe, serviceUrl: null, rpcUrl: chain.rpcUrl, label: null });
  store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  // Names only, no ABI: the call is decoded by the descriptor, the one source that knows this deployment.
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  // The drill protocol's own descriptor, pointed at this chain's Vault, trusted as `guardian descriptor add` does.
  const json = JSON.parse(readFileSync('contracts/descriptors/Vault.erc7730.json', 'utf8'));
  json.context.contract.deployments = [{ chainId: Number(chain.chainId), address: protocol.addresses['Vault'] }];
  const file = join(dir, 'Vault.erc7730.json');
  writeFileSync(file, JSON.stringify(json, null, 2));
  trusted = store.saveDescriptor(readDescriptorFile(file));
  const upgrade = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    nonce: 0n,
    to: protocol.addresses['Vault']!,
    data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
  });
  store.saveQueueItems([
    {
      safeTx: upgrade,
      safeTxHash: safeTxHash(upgrade),
      claimedSafeTxHash: safeTxHash(upgrade),
      source: { kind: 'service' as const, url: 'x' },
      confirmations: [],
      fetchedAt: 'now',
    },
  ]);
  session = await openRenderer({ store, version: '0.1.0', dataDir: join(dir, 'data') });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the review screen with an ERC-7730 descriptor the guardian trusts', () => {
  it("shows the descriptor's intent and fields, with its owner and file sha256 as the decoding source", async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('review').waitFor({ timeout: 30_000 });
    const described = page.getByTestId('described-call');
    expect(await described.count()).toBe(1);
    expect(squash(await described.getByTestId('described-intent').innerText())).toBe('Upgrade the vault');
    const fields = (await described.getByTestId('described-field').allInnerTexts()).map(squash);
    expect(fields[0]).toMatch(/^New implementation VaultV2Implementation \(0x\w{4}…\w{4}\)/);
    expect(fields[1]).toMatch(/^Initialiser call 0x$/);
    // The new implementation's full address is on screen beside its name, as the chain has it.
    expect(
      await described.getByTestId('described-field').first().getByTestId('address').getAttribute('data-address'),
    ).toBe(protocol.vaultV2Implementation);
    expect(trusted.provenance.addedBy).toBe('local');
    expect(squash(await described.getByTestId('described-source').innerText())).toBe(
      `Decoded by ERC-7730 descriptor Guardian Console drill protocol (sha256 ${trusted.provenance.sha256.slice(0, 12)}…, added ${trusted.provenance.addedAt} by local)`,
    );
    // The claim in the bar is the descriptor's sentence too: the same words the CLI's decode prints.
    expect(squash(await page.getByTestId('review').getByTestId('claim').innerText())).toMatch(
      /^calldata: Upgrade the vault on Vault/i,
    );
    await described.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'review-descriptor-1280x800-light.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
