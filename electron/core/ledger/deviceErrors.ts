import { GuardianError, isGuardianError } from '../errors.js';

/** What the console was asking the device to do; the message names it so the guardian knows where it stopped. */
export type DeviceOperation =
  | 'open'
  | 'read-app'
  | 'get-address'
  | 'show-address'
  | 'sign-eip712-full'
  | 'sign-eip712-hashed'
  | 'sign-personal'
  | 'sign-transaction';

const OPERATION_WORDS: Record<DeviceOperation, string> = {
  open: 'connecting to the Ledger',
  'read-app': 'reading the Ethereum app',
  'get-address': 'reading an address',
  'show-address': 'showing an address on the device',
  'sign-eip712-full': 'signing the Safe transaction (full EIP-712)',
  'sign-eip712-hashed': 'signing the Safe transaction (hashed EIP-712)',
  'sign-personal': 'signing the Safe transaction hash (eth_sign)',
  'sign-transaction': 'signing the Ethereum transaction',
};

export interface DeviceErrorContext {
  operation: DeviceOperation;
  /** The app the device reported as open (GET APP AND VERSION), when known. */
  appName?: string;
}

/**
 * Status words, from app-ethereum doc/ethapp.adoc ("Status Words"), its sources and @ledgerhq/errors:
 * 6985 is the user pressing Reject; 5515 is the OS saying the device is locked (older firmware answered
 * 6982 or 6B0C); 6E00/6E01/6511/650F/6D02 come from the OS or another app when the Ethereum app is not
 * the one running; 6D00 inside the Ethereum app means the instruction does not exist in this version.
 */
const SW = {
  userDenied: [0x6985, 0x5501],
  locked: [0x5515, 0x6982, 0x6b0c],
  appNotRunning: [0x6e00, 0x6e01, 0x6511, 0x650f, 0x6d02],
  insNotSupported: 0x6d00,
  invalidData: 0x6a80,
  notEnoughMemory: 0x6a84,
} as const;

/** Maps anything the transport or hw-app-eth throws to a GuardianError a guardian can act on at 3 a.m. */
export function toDeviceError(cause: unknown, context: DeviceErrorContext): GuardianError {
  if (isGuardianError(cause)) return cause;
  const doing = OPERATION_WORDS[context.operation];
  const name = errorName(cause);
  const id = (cause as { id?: unknown } | null)?.id;
  const statusCode = (cause as { statusCode?: unknown } | null)?.statusCode;
  const details: Record<string, unknown> = { operation: context.operation };

  if (name === 'DisconnectedDevice' || name === 'DisconnectedDeviceDuringOperation') {
    return new GuardianError(
      'DEVICE_UNPLUGGED',
      `The Ledger was disconnected while ${doing}. Nothing from this attempt was kept. Plug it back in, unlock it, open the Ethereum app and start again.`,
      { details, cause },
    );
  }
  if (id === 'NoDevice' || id === 'NoDeviceFound' || id === 'ListenTimeout') {
    return new GuardianError(
      'DEVICE_NOT_FOUND',
      'No Ledger found. Plug it in with a data cable, unlock it with its PIN, then try again.',
      { details, cause },
    );
  }
  if (name === 'TransportRaceCondition' || id === 'TransportLocked') {
    return new GuardianError(
      'DEVICE_FAILED',
      'The Ledger is still busy with an earlier request. Answer or reject it on the device, or unplug and replug it, then try again.',
      { details, cause },
    );
  }
  // hw-app-eth's own name for 6A80 during SIGN ETH TRANSACTION.
  if (name === 'EthAppPleaseEnableContractData') return blindSigningDisabled(doing, details, cause);

  if (typeof statusCode !== 'number') {
    return new GuardianError(
      'DEVICE_FAILED',
      `The Ledger failed while ${doing}: ${messageOf(cause)}. Unplug it, plug it back in and try again.`,
      {
        details,
        cause,
      },
    );
  }
  const statusWord = `0x${statusCode.toString(16).padStart(4, '0').toUpperCase()}`;
  details.statusWord = statusWord;
  if ((SW.userDenied as readonly number[]).includes(statusCode)) {
    return new GuardianError(
      'DEVICE_REJECTED',
      `Rejected on the Ledger while ${doing}. Nothing was signed. Start again if that was a slip.`,
      { details, cause },
    );
  }
  if ((SW.locked as readonly number[]).includes(statusCode)) {
    return new GuardianError(
      'DEVICE_LOCKED',
      'The Ledger is locked. Unlock your Ledger with its PIN, then try again.',
      { details, cause },
    );
  }
  if ((SW.appNotRunning as readonly number[]).includes(statusCode)) return appNotOpen(context.appName, details, cause);
  if (statusCode === SW.insNotSupported) {
    return new GuardianError(
      'DEVICE_APP_TOO_OLD',
      `The Ethereum app on this Ledger cannot do this (${doing}). Update the Ethereum app (and the device firmware) with Ledger Live, then try again.`,
      { details, cause },
    );
  }
  if (
    statusCode === SW.invalidData &&
    (context.operation === 'sign-eip712-hashed' || context.operation === 'sign-transaction')
  ) {
    return blindSigningDisabled(doing, details, cause);
  }
  if (statusCode === SW.notEnoughMemory) {
    return new GuardianError(
      'DEVICE_FAILED',
      `The Ledger ran out of memory while ${doing}: this message is too large for it.`,
      { details, cause },
    );
  }
  return new GuardianError(
    'DEVICE_FAILED',
    `The Ledger answered ${statusWord} while ${doing}. Unplug it, plug it back in, open the Ethereum app and try again; if it repeats, update the Ethereum app.`,
    { details, cause },
  );
}

export function appNotOpen(
  appName: string | undefined,
  details: Record<string, unknown>,
  cause?: unknown,
): GuardianError {
  if (appName && appName !== 'BOLOS' && appName !== 'Ethereum') {
    return new GuardianError(
      'DEVICE_WRONG_APP',
      `The ${appName} app is open on the Ledger, not Ethereum. Quit it, open the Ethereum app, then try again.`,
      { details: { ...details, appName }, cause },
    );
  }
  return new GuardianError(
    'DEVICE_APP_NOT_OPEN',
    'The Ethereum app is not open on the Ledger. Open the Ethereum app on the device, then try again.',
    {
      details,
      cause,
    },
  );
}

function blindSigningDisabled(doing: string, details: Record<string, unknown>, cause: unknown): GuardianError {
  return new GuardianError(
    'DEVICE_BLIND_SIGNING_DISABLED',
    `Blind signing is off in the Ledger's Ethereum app, so it refused ${doing}. On the device open Ethereum > Settings > Blind signing, enable it, then try again, and compare every hash the console shows with the device screen.`,
    { details, cause },
  );
}

function errorName(cause: unknown): string | undefined {
  return cause instanceof Error || (typeof cause === 'object' && cause !== null)
    ? (cause as { name?: string }).name
    : undefined;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
