import {
  getAddress,
  getBytes,
  hexlify,
  Signature,
  Transaction,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers';
import { GuardianError } from '../errors.js';
import { appNotOpen, toDeviceError, type DeviceOperation } from './deviceErrors.js';
import { appVersionAtLeast, ETH_APP_MIN_VERSION } from './ethAppVersion.js';
import { loadEthClass, type Eth, type Transport } from './ledgerLibraries.js';

/** The Ethereum app as the device reports it: GET APP AND VERSION (BOLOS, CLA B0) and GET APP CONFIGURATION. */
export interface EthAppInfo {
  appName: string;
  version: string;
  /** "Blind signing" (the configuration flag the spec calls "arbitrary data signature enabled by user"). */
  blindSigningEnabled: boolean;
  eip712Full: boolean;
  eip712Hashed: boolean;
}

/** EIP-712 typed data as hw-app-eth streams it to the device. */
export interface Eip712TypedData {
  domain: TypedDataDomain;
  primaryType: string;
  types: Record<string, TypedDataField[]>;
  message: Record<string, unknown>;
}

export interface LedgerEthAppOptions {
  /** How long a command that needs no person may take (reading the app, an address). */
  answerTimeoutMs?: number;
  /** How long the guardian has to read and approve on the device. */
  approvalTimeoutMs?: number;
}

/**
 * Every remote source hw-app-eth would consult (Ledger's CAL for EIP-712 filters and token data, plugin
 * and NFT services), switched off: the console signs offline, and what the device shows must come from the
 * transaction alone, not from a server. With no filters the app shows every field of the SafeTx.
 */
const OFFLINE_LOAD_CONFIG = {
  calServiceURL: null,
  cryptoassetsBaseURL: null,
  nftExplorerBaseURL: null,
  pluginBaseURL: null,
  extraPlugins: null,
  staticERC20Signatures: null,
  staticEIP712SignaturesV1: null,
  staticEIP712SignaturesV2: null,
};

export type ApduListener = (apdu: { cla: number; ins: number; p1: number; p2: number }) => void;
const apduListeners = new WeakMap<Transport, Set<ApduListener>>();

/**
 * The Ethereum app on one Ledger, over any Transport (USB HID in the app, the software device in tests).
 * Every failure leaves as a GuardianError from deviceErrors.ts.
 */
export class LedgerEthApp {
  readonly transport: Transport;
  private readonly eth: Eth;
  private readonly answerTimeoutMs: number;
  private readonly approvalTimeoutMs: number;
  private appName: string | undefined;

  constructor(transport: Transport, options: LedgerEthAppOptions = {}) {
    this.transport = transport;
    const EthClass = loadEthClass();
    this.eth = new EthClass(transport, 'w0w', OFFLINE_LOAD_CONFIG);
    this.answerTimeoutMs = options.answerTimeoutMs ?? 15_000;
    this.approvalTimeoutMs = options.approvalTimeoutMs ?? 300_000;
  }

  /**
   * Sees every APDU sent, to tell "streaming" from "waiting for the person". The transport's own exchange
   * is wrapped once; hw-transport's send() calls this.exchange, so the wrapper sees everything.
   */
  onApdu(listener: ApduListener): () => void {
    let listeners = apduListeners.get(this.transport);
    if (!listeners) {
      const set = new Set<ApduListener>();
      listeners = set;
      apduListeners.set(this.transport, set);
      const original = this.transport.exchange.bind(this.transport);
      this.transport.exchange = (apdu: Buffer, options?: { abortTimeoutMs?: number }) => {
        for (const l of set) l({ cla: apdu[0]!, ins: apdu[1]!, p1: apdu[2]!, p2: apdu[3]! });
        return original(apdu, options);
      };
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async appInfo(): Promise<EthAppInfo> {
    const { name } = await this.run('read-app', this.answerTimeoutMs, () => this.appAndVersion());
    this.appName = name;
    if (name !== 'Ethereum') throw appNotOpen(name, { operation: 'read-app' });
    const config = await this.run('read-app', this.answerTimeoutMs, () => this.eth.getAppConfiguration());
    return {
      appName: name,
      version: config.version,
      blindSigningEnabled: (config.arbitraryDataEnabled & 0x01) !== 0,
      eip712Full: appVersionAtLeast(config.version, ETH_APP_MIN_VERSION.eip712Full),
      eip712Hashed: appVersionAtLeast(config.version, ETH_APP_MIN_VERSION.eip712Hashed),
    };
  }

  /** With `display`, the device shows the address and the guardian confirms it matches the console. */
  async getAddress(path: string, options: { display?: boolean } = {}): Promise<{ address: string; publicKey: string }> {
    const display = options.display ?? false;
    const result = await this.run(
      display ? 'show-address' : 'get-address',
      display ? this.approvalTimeoutMs : this.answerTimeoutMs,
      () => this.eth.getAddress(path, display, false),
    );
    return { address: getAddress(result.address), publicKey: `0x${result.publicKey}` };
  }

  /** Full EIP-712: the device receives every field, shows them, hashes them itself. Returns r‖s‖v, v 27/28. */
  async signEip712Full(path: string, typedData: Eip712TypedData): Promise<string> {
    const message = {
      domain: jsonSafe(typedData.domain) as Record<string, unknown>,
      types: typedData.types,
      primaryType: typedData.primaryType,
      message: jsonSafe(typedData.message) as Record<string, unknown>,
    };
    const rsv = await this.run('sign-eip712-full', this.approvalTimeoutMs, () =>
      this.eth.signEIP712Message(path, message as Parameters<Eth['signEIP712Message']>[1]),
    );
    return rsvToSignature(rsv);
  }

  /** EIP-712 v0: the device shows the domain hash and message hash and signs keccak(0x1901‖domain‖message). */
  async signEip712Hashed(path: string, domainHash: string, messageHash: string): Promise<string> {
    const rsv = await this.run('sign-eip712-hashed', this.approvalTimeoutMs, () =>
      this.eth.signEIP712HashedMessage(path, strip0x(domainHash), strip0x(messageHash)),
    );
    return rsvToSignature(rsv);
  }

  /** personal_sign (EIP-191) of `message` bytes. Returns r‖s‖v with v 27/28; the Safe's v+4 is the caller's. */
  async signPersonalMessage(path: string, message: string): Promise<string> {
    const rsv = await this.run('sign-personal', this.approvalTimeoutMs, () =>
      this.eth.signPersonalMessage(path, strip0x(hexlify(getBytes(message)))),
    );
    return rsvToSignature(rsv);
  }

  /** Signs an unsigned transaction (EIP-1559 or legacy) and returns it signed, ready to broadcast. */
  async signTransaction(path: string, unsigned: Transaction): Promise<Transaction> {
    if (unsigned.signature)
      throw new GuardianError('INVALID_INPUT', 'The transaction to sign already carries a signature.');
    // resolution null: no lookup of token or plugin data on Ledger's servers; the device signs what it is given.
    const rsv = await this.run('sign-transaction', this.approvalTimeoutMs, () =>
      this.eth.signTransaction(path, strip0x(unsigned.unsignedSerialized), null),
    );
    const signed = unsigned.clone();
    signed.signature = Signature.from({ r: `0x${rsv.r}`, s: `0x${rsv.s}`, v: BigInt(`0x${rsv.v}`) });
    return signed;
  }

  private async appAndVersion(): Promise<{ name: string; version: string }> {
    const response = await this.transport.send(0xb0, 0x01, 0x00, 0x00);
    let at = 1;
    const nameLength = response[at++] ?? 0;
    const name = response.subarray(at, at + nameLength).toString('ascii');
    at += nameLength;
    const versionLength = response[at++] ?? 0;
    return { name, version: response.subarray(at, at + versionLength).toString('ascii') };
  }

  private async run<T>(operation: DeviceOperation, timeoutMs: number, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GuardianError(
              'DEVICE_TIMEOUT',
              `The Ledger did not answer within ${Math.round(timeoutMs / 1000)} s. Look at its screen: approve or reject what it shows; if it shows nothing, unplug it, plug it back in and start again.`,
              { details: { operation, timeoutMs } },
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      throw toDeviceError(error, { operation, ...(this.appName ? { appName: this.appName } : {}) });
    } finally {
      clearTimeout(timer);
    }
  }
}

function rsvToSignature(rsv: { v: number | string; r: string; s: string }): string {
  const v = typeof rsv.v === 'number' ? rsv.v : Number.parseInt(rsv.v, 16);
  if (v !== 27 && v !== 28)
    throw new GuardianError('INVALID_SIGNATURE', `The Ledger returned a signature with v = ${v}; expected 27 or 28.`);
  return hexlify(
    new Uint8Array([...getBytes(`0x${rsv.r.padStart(64, '0')}`), ...getBytes(`0x${rsv.s.padStart(64, '0')}`), v]),
  );
}

function strip0x(hex: string): string {
  return hex.replace(/^0x/i, '');
}

/** bigints become decimal strings: hw-app-eth encodes integers through bignumber.js, which takes strings. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}
