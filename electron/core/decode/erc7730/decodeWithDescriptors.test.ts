import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Interface, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/openStore.js';
import { decodeTransaction } from '../decodeTransaction.js';
import { storedDecodeOptions } from '../../store/storedDecodeOptions.js';
import { readDescriptorFile } from './readDescriptorFile.js';
import { SHIPPED_DESCRIPTORS } from './shippedDescriptors.js';

const vaultAbi = JSON.parse(readFileSync('contracts/artifacts/Vault.json', 'utf8')).abi;
const vault = new Interface(vaultAbi);
const safeAbi = new Interface([
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function changeThreshold(uint256 _threshold)',
]);
const SAFE = Wallet.createRandom().address;
const VAULT = Wallet.createRandom().address;
const ELSEWHERE = Wallet.createRandom().address;
const NEW_IMPL = Wallet.createRandom().address;

/** The shipped Vault descriptor, deployed where this test's Vault is: what a team does for its own deployment. */
function vaultDescriptorFile(chainId: number, address: string): string {
  const json = JSON.parse(readFileSync('contracts/descriptors/Vault.erc7730.json', 'utf8'));
  json.context.contract.deployments = [{ chainId, address }];
  const path = join(mkdtempSync(join(tmpdir(), 'erc7730-')), 'Vault.erc7730.json');
  writeFileSync(path, JSON.stringify(json, null, 2));
  return path;
}

function trusted(path: string) {
  const file = readDescriptorFile(path);
  return {
    descriptor: file.descriptor,
    provenance: { file: file.path, sha256: file.sha256, addedAt: '2026-12-02T10:00:00.000Z', addedBy: 'local' },
  };
}

const tx = (to: string, data: string) => ({ chainId: 1n, safe: SAFE, to, value: 0n, data, operation: 0 as const });

describe('ERC-7730 descriptors in decoding', () => {
  it("describes the Vault's upgrade with the descriptor's intent and labelled fields, and names the descriptor as its source", () => {
    const descriptor = trusted(vaultDescriptorFile(1, VAULT));
    const data = vault.encodeFunctionData('upgradeToAndCall', [NEW_IMPL, '0x']);
    const [action] = decodeTransaction(tx(VAULT, data), { descriptors: [descriptor] }).actions;
    expect(action).toMatchObject({
      signature: 'upgradeToAndCall(address,bytes)',
      source: 'descriptor',
      class: 'upgrade',
    });
    expect(action!.clearSigning).toMatchObject({
      intent: 'Upgrade the vault',
      fields: [
        { label: 'New implementation', raw: NEW_IMPL },
        { label: 'Initialiser call', value: '0x' },
      ],
    });
    expect(action!.clearSigning!.source).toBe(
      `ERC-7730 descriptor Guardian Console drill protocol (sha256 ${descriptor.provenance.sha256.slice(0, 12)}…, added 2026-12-02T10:00:00.000Z by local)`,
    );
    expect(action!.sentence).toBe(`Upgrade the vault on ${VAULT}: New implementation ${NEW_IMPL}, Initialiser call 0x`);
    // The console's own words are kept beside the descriptor's: findings never rest on a descriptor's wording.
    expect(action!.clearSigning!.ownWords).toBe(`Upgrades ${VAULT} to implementation ${NEW_IMPL}`);
  });

  it('does not use a descriptor whose deployment is another address or another chain', () => {
    const data = vault.encodeFunctionData('pause');
    for (const descriptor of [trusted(vaultDescriptorFile(1, ELSEWHERE)), trusted(vaultDescriptorFile(10, VAULT))]) {
      const [action] = decodeTransaction(tx(VAULT, data), {
        descriptors: [descriptor],
        artifacts: [{ contractName: 'Vault', abi: vaultAbi }],
      }).actions;
      expect(action).toMatchObject({ signature: 'pause()', source: 'artifact', sentence: `Pauses ${VAULT}` });
      expect(action!.clearSigning).toBeUndefined();
    }
  });

  it("describes a Safe's calls to itself with the shipped Safe descriptor, and only those", () => {
    const OWNER = Wallet.createRandom().address;
    const data = safeAbi.encodeFunctionData('addOwnerWithThreshold', [OWNER, 3n]);
    const [own] = decodeTransaction(tx(SAFE, data), { descriptors: SHIPPED_DESCRIPTORS }).actions;
    expect(own!.clearSigning).toMatchObject({
      intent: 'Add owner',
      fields: [
        { label: 'New owner', raw: OWNER },
        { label: 'New threshold', value: '3' },
      ],
    });
    expect(own!.sentence).toMatch(
      new RegExp(`^Add owner on this Safe \\(0x.+\\): New owner ${OWNER}, New threshold 3$`),
    );
    expect(own!.class).toBe('safe-config');
    const [other] = decodeTransaction(tx(ELSEWHERE, data), { descriptors: SHIPPED_DESCRIPTORS }).actions;
    expect(other!.clearSigning).toBeUndefined();
    expect(other!.source).toBe('bundled');
  });

  it('keeps a registered ABI as the source and adds the words of a descriptor for the same address', () => {
    const path = vaultDescriptorFile(1, VAULT);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.display.formats = {
      'sweep(address to,uint256 amount)': json.display.formats['sweep(address to,uint256 amount)'],
    };
    writeFileSync(path, JSON.stringify(json));
    const data = vault.encodeFunctionData('sweep', [ELSEWHERE, 5n]);
    const registered = [{ address: VAULT, abi: ['function sweep(address to, uint256 amount)'] }];
    const [action] = decodeTransaction(tx(VAULT, data), {
      descriptors: [trusted(path)],
      registeredAbis: registered,
    }).actions;
    expect(action).toMatchObject({
      source: 'registered',
      clearSigning: {
        intent: 'Sweep tokens out of the vault',
        fields: [
          { label: 'To', raw: ELSEWHERE },
          { label: 'Amount', value: '5' },
        ],
      },
    });
  });

  it('stores a trusted descriptor with its provenance and hands it to decoding; an edited row is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'erc7730-store-'));
    const store = openStore({ dataDir: dir });
    try {
      const file = readDescriptorFile(vaultDescriptorFile(1, VAULT));
      const saved = store.saveDescriptor(file);
      expect(saved.provenance).toMatchObject({ file: file.path, sha256: file.sha256, addedBy: 'local' });
      const options = storedDecodeOptions(store, 1n, SAFE);
      const [action] = decodeTransaction(tx(VAULT, vault.encodeFunctionData('pause')), options).actions;
      expect(action).toMatchObject({ source: 'descriptor', sentence: `Pause the vault on ${VAULT}` });
      expect(action!.clearSigning!.source).toContain(`sha256 ${file.sha256.slice(0, 12)}`);
      const db = new DatabaseSync(join(dir, 'guardian.sqlite'));
      db.prepare(
        "UPDATE erc7730_descriptors SET descriptor_text = replace(descriptor_text, 'Pause the vault', 'Harmless')",
      ).run();
      db.close();
      expect(() => store.listDescriptors()).toThrow(/erc7730_descriptors/);
    } finally {
      store.close();
    }
  });

  it('refuses a descriptor file without deployments, naming what is missing', () => {
    const path = vaultDescriptorFile(1, VAULT);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.context.contract.deployments = [];
    writeFileSync(path, JSON.stringify(json));
    expect(() => readDescriptorFile(path)).toThrow(/deployments lists no chainId and address/);
  });
});
