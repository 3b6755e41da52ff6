import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Transaction } from 'ethers';
import { SoftwareLedger, type DeviceBehaviour } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import type { GuardianErrorCode } from '../errors.js';
import { toDeviceError } from './deviceErrors.js';
import { openLedgerDevice } from './devices.js';
import { LedgerEthApp } from './ethApp.js';
import type { NodeHidTransportStatic } from './ledgerLibraries.js';
import { signSafeTx } from './signSafeTx.js';

const PATH = "44'/60'/0'/0/0";

async function signWith(behaviour: Partial<DeviceBehaviour>, mode: 'full' | 'hashed' = 'full') {
  const device = new SoftwareLedger(behaviour);
  const app = new LedgerEthApp(device, { approvalTimeoutMs: 50 });
  return signSafeTx(app, PATH, pauseSafeTx(), { expectedSigner: device.addressAt(PATH), mode });
}

describe('each device fault has its own error and a message a person can act on', () => {
  const cases: [string, Partial<DeviceBehaviour>, GuardianErrorCode, RegExp][] = [
    ['a locked device', { locked: true }, 'DEVICE_LOCKED', /Unlock your Ledger with its PIN/],
    ['the dashboard (no app open)', { app: 'dashboard' }, 'DEVICE_APP_NOT_OPEN', /Open the Ethereum app/],
    ['another app open', { app: 'Bitcoin' }, 'DEVICE_WRONG_APP', /The Bitcoin app is open/],
    ['a rejection on the device', { decision: 'reject' }, 'DEVICE_REJECTED', /Nothing was signed/],
    ['no answer from the person', { decision: 'hang' }, 'DEVICE_TIMEOUT', /did not answer/],
    ['the cable pulled mid-stream', { unplugAfterApdus: 6 }, 'DEVICE_UNPLUGGED', /Plug it back in/],
  ];
  it.each(cases)('%s', async (_, behaviour, code, message) => {
    const error = await signWith(behaviour).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it('blind signing off, when the device refuses a hashed EIP-712 message itself', async () => {
    const device = new SoftwareLedger({ blindSigning: false });
    const app = new LedgerEthApp(device);
    await expect(app.signEip712Hashed(PATH, `0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`)).rejects.toMatchObject({
      code: 'DEVICE_BLIND_SIGNING_DISABLED',
      details: { statusWord: '0x6A80' },
    });
  });

  it('blind signing off, when the device refuses a transaction with contract data', async () => {
    const app = new LedgerEthApp(new SoftwareLedger({ blindSigning: false }));
    const tx = Transaction.from({
      type: 2,
      chainId: 1n,
      nonce: 0,
      to: pauseSafeTx().to,
      data: '0x8456cb59',
      gasLimit: 1n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    });
    await expect(app.signTransaction(PATH, tx)).rejects.toMatchObject({ code: 'DEVICE_BLIND_SIGNING_DISABLED' });
  });

  it('an app too old for EIP-712', async () => {
    await expect(signWith({ appVersion: '1.4.2' })).rejects.toMatchObject({
      code: 'DEVICE_APP_TOO_OLD',
      message: /Update it with Ledger Live/,
    });
  });

  it('the device unplugged between requests', async () => {
    const device = new SoftwareLedger();
    const app = new LedgerEthApp(device);
    device.unplug();
    await expect(app.appInfo()).rejects.toMatchObject({ code: 'DEVICE_UNPLUGGED' });
  });

  it('a device still busy with an earlier request', async () => {
    const device = new SoftwareLedger({ decision: 'hang' });
    const app = new LedgerEthApp(device);
    const first = app.getAddress(PATH, { display: true }).catch((e: unknown) => e);
    await expect(app.getAddress(PATH)).rejects.toMatchObject({ code: 'DEVICE_FAILED', message: /still busy/ });
    device.unplug();
    expect(await first).toMatchObject({ code: 'DEVICE_UNPLUGGED' });
  });

  it('no device plugged in', async () => {
    const noDevices: NodeHidTransportStatic = {
      isSupported: async () => true,
      list: async () => [],
      listen: () => ({ unsubscribe: () => {} }),
      open: async () => {
        throw new Error('not reached');
      },
    };
    await expect(openLedgerDevice(undefined, noDevices)).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });
});

describe('toDeviceError on status words the software device does not produce', () => {
  const require = createRequire(import.meta.url);
  const { TransportStatusError } = require('@ledgerhq/errors') as { TransportStatusError: new (sw: number) => Error };
  it.each([
    [0x6982, 'sign-eip712-full', undefined, 'DEVICE_LOCKED'],
    [0x6b0c, 'read-app', undefined, 'DEVICE_LOCKED'],
    [0x6e00, 'get-address', undefined, 'DEVICE_APP_NOT_OPEN'],
    [0x6511, 'get-address', 'Solana', 'DEVICE_WRONG_APP'],
    [0x5501, 'sign-personal', undefined, 'DEVICE_REJECTED'],
    [0x6a80, 'sign-eip712-full', undefined, 'DEVICE_FAILED'],
    [0x6f00, 'sign-transaction', undefined, 'DEVICE_FAILED'],
  ] as const)('0x%s during %s (app %s) is %s', (sw, operation, appName, code) => {
    const error = toDeviceError(new TransportStatusError(sw), { operation, ...(appName ? { appName } : {}) });
    expect(error.code).toBe(code);
    expect(error.details?.statusWord).toBe(`0x${sw.toString(16).toUpperCase().padStart(4, '0')}`);
  });

  it('names hw-app-eth\'s "enable contract data" error as blind signing disabled', () => {
    const { EthAppPleaseEnableContractData } = require('@ledgerhq/hw-app-eth/lib/errors') as {
      EthAppPleaseEnableContractData: new (m: string) => Error;
    };
    expect(toDeviceError(new EthAppPleaseEnableContractData('x'), { operation: 'sign-transaction' }).code).toBe(
      'DEVICE_BLIND_SIGNING_DISABLED',
    );
  });

  it('keeps an error it does not know as DEVICE_FAILED with its cause', () => {
    const cause = new Error('HID read failed');
    const error = toDeviceError(cause, { operation: 'read-app' });
    expect(error).toMatchObject({ code: 'DEVICE_FAILED', cause });
    expect(error.message).toContain('HID read failed');
  });
});
