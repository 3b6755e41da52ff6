import { describe, expect, it } from 'vitest';
import { HDNodeWallet, Transaction } from 'ethers';
import { SoftwareLedger, TEST_MNEMONIC } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { LedgerEthApp } from './ethApp.js';
import { ledgerPath } from './ledgerPaths.js';

const expectedAddress = (path: string) => HDNodeWallet.fromPhrase(TEST_MNEMONIC, undefined, `m/${path}`).address;

describe('LedgerEthApp over the real hw-app-eth', () => {
  it.each(['ledger-live', 'legacy', 'bip44'] as const)(
    'derives %s addresses as ethers does from the same mnemonic',
    async (style) => {
      const app = new LedgerEthApp(new SoftwareLedger());
      for (const index of [0, 1, 7]) {
        const path = ledgerPath(style, index);
        expect((await app.getAddress(path)).address).toBe(expectedAddress(path));
      }
    },
  );

  it('shows an address on the device when asked to, and only then', async () => {
    const device = new SoftwareLedger();
    const app = new LedgerEthApp(device);
    await app.getAddress("44'/60'/0'/0/0");
    expect(device.reviews).toHaveLength(0);
    const { address } = await app.getAddress("44'/60'/0'/0/0", { display: true });
    expect(device.reviews).toEqual([{ kind: 'address', path: "m/44'/60'/0'/0/0", address }]);
  });

  it('reads the app version and settings', async () => {
    const app = new LedgerEthApp(new SoftwareLedger({ appVersion: '1.9.18', blindSigning: false }));
    expect(await app.appInfo()).toEqual({
      appName: 'Ethereum',
      version: '1.9.18',
      blindSigningEnabled: false,
      eip712Full: false,
      eip712Hashed: true,
    });
  });

  it('signs an EIP-1559 transaction that recovers to the device address', async () => {
    const path = "44'/60'/0'/0/0";
    const app = new LedgerEthApp(new SoftwareLedger());
    const unsigned = Transaction.from({
      type: 2,
      chainId: 31337n,
      nonce: 3,
      to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      value: 0n,
      // execTransaction calldata is long: it must be streamed over several APDUs.
      data: `0x6a761202${'00'.repeat(600)}`,
      gasLimit: 300_000n,
      maxFeePerGas: 2_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    const signed = await app.signTransaction(path, unsigned);
    expect(Transaction.from(signed.serialized).from).toBe(expectedAddress(path));
    expect(signed.unsignedHash).toBe(unsigned.unsignedHash);
  });

  it('signs a legacy EIP-155 transaction on a chain id above 255 that recovers to the device address', async () => {
    const path = "44'/60'/0'/3";
    const app = new LedgerEthApp(new SoftwareLedger());
    const unsigned = Transaction.from({
      type: 0,
      chainId: 31337n,
      nonce: 0,
      to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      gasLimit: 21_000n,
      gasPrice: 1n,
    });
    const signed = await app.signTransaction(path, unsigned);
    expect(Transaction.from(signed.serialized).from).toBe(expectedAddress(path));
  });
});
