import { createRequire } from 'node:module';
import { concat, getBytes, HDNodeWallet, keccak256, SigningKey, Transaction, type Signature } from 'ethers';
import { loadTransportClass } from '../../ledger/ledgerLibraries.js';
import { ApduStatus, parseApdu, readBip32Path, respond, status, SW } from './apdu.js';
import { Eip712Session, type Eip712FullReview } from './eip712Session.js';
import { PersonalMessageStream, TransactionStream } from './streamedPayloads.js';

/**
 * A Ledger running the Ethereum app, in software: it answers the APDUs of app-ethereum's doc/ethapp.adoc
 * with a real secp256k1 key from a BIP-39 test mnemonic, so the real hw-app-eth drives it through the same
 * Transport interface as a USB device. Scripted behaviour covers the ways a real device fails at 3 a.m.
 * It signs only where a key of no value belongs: in tests, and in drills, where drillDevice.ts refuses every
 * chain but the drill's own and labels it on every screen. Nothing else under electron/ imports it.
 */

const require = createRequire(import.meta.url);
const ledgerErrors = require('@ledgerhq/errors') as {
  DisconnectedDevice: new (message?: string) => Error;
  DisconnectedDeviceDuringOperation: new (message?: string) => Error;
};

/** Hardhat/anvil's well-known test mnemonic: never holds anything of value. */
export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';

export interface DeviceBehaviour {
  /** 'Ethereum', 'dashboard' (no app open) or the name of another app (e.g. 'Bitcoin'). */
  app: string;
  appVersion: string;
  locked: boolean;
  /** The Ethereum app's "Blind signing" setting (GET APP CONFIGURATION flag 0x01, "arbitrary data"). */
  blindSigning: boolean;
  /** False models a Nano S: the EIP-712 struct instructions are not implemented whatever the version. */
  eip712Full: boolean;
  /** What the person holding the device does when asked to approve. */
  decision: 'approve' | 'reject' | 'hang';
  /** The cable is pulled when this many APDUs have been answered. */
  unplugAfterApdus?: number;
  /** A faulty or compromised device: signs another hash, or with another key. */
  tamper?: 'other-hash' | 'other-key';
  /** What the person reads on the screen before pressing approve: false declines as they would. */
  approves?: (review: DeviceReview) => boolean;
}

export type DeviceReview =
  | { kind: 'address'; path: string; address: string }
  | { kind: 'eip712-hashed'; path: string; domainHash: string; messageHash: string; digest: string }
  | ({ path: string } & Eip712FullReview)
  | { kind: 'personal'; path: string; message: string }
  | { kind: 'transaction'; path: string; transaction: Transaction };

const DEFAULTS: DeviceBehaviour = {
  app: 'Ethereum',
  appVersion: '1.13.0',
  locked: false,
  blindSigning: true,
  eip712Full: true,
  decision: 'approve',
};

const TransportBase = loadTransportClass();

export class SoftwareLedger extends TransportBase {
  behaviour: DeviceBehaviour;
  /** What the device showed for approval, in order; tests compare it with what the console said. */
  readonly reviews: DeviceReview[] = [];
  /** Every APDU received, raw, in order. */
  readonly apdus: Buffer[] = [];
  private readonly root: HDNodeWallet;
  private unplugged = false;
  private readonly hanging = new Set<(error: Error) => void>();
  private eip712 = new Eip712Session();
  private personal = new PersonalMessageStream();
  private transaction = new TransactionStream();

  constructor(behaviour: Partial<DeviceBehaviour> = {}, mnemonic: string = TEST_MNEMONIC) {
    super();
    this.behaviour = { ...DEFAULTS, ...behaviour };
    this.root = HDNodeWallet.fromPhrase(mnemonic, undefined, 'm');
  }

  /** The address the device derives at `path`, for tests to compare with. */
  addressAt(path: string): string {
    return this.root.derivePath(normalisePath(path)).address;
  }

  unplug(): void {
    this.unplugged = true;
    for (const fail of this.hanging) fail(new ledgerErrors.DisconnectedDeviceDuringOperation('LIBUSB_ERROR_NO_DEVICE'));
    this.hanging.clear();
  }

  override async exchange(apdu: Buffer): Promise<Buffer> {
    if (this.unplugged) throw new ledgerErrors.DisconnectedDevice();
    const limit = this.behaviour.unplugAfterApdus;
    if (limit !== undefined && this.apdus.length >= limit) {
      this.unplugged = true;
      // What TransportNodeHid throws when the device vanishes mid-write (hw-transport-node-hid-noevents).
      throw new ledgerErrors.DisconnectedDeviceDuringOperation('Cannot write to hid device');
    }
    this.apdus.push(Buffer.from(apdu));
    const command = parseApdu(apdu);
    if (this.behaviour.locked) return status(SW.LOCKED);
    try {
      if (command.cla === 0xb0 && command.ins === 0x01) return this.appAndVersion();
      if (this.behaviour.app === 'dashboard') return status(SW.CLA_NOT_SUPPORTED_DASHBOARD);
      if (this.behaviour.app !== 'Ethereum') return status(SW.CLA_NOT_SUPPORTED);
      if (command.cla !== 0xe0) return status(SW.CLA_NOT_SUPPORTED);
      return await this.ethereumApp(command.ins, command.p1, command.p2, command.data);
    } catch (error) {
      if (error instanceof ApduStatus) return status(error.sw);
      throw error;
    }
  }

  override async close(): Promise<void> {}

  private appAndVersion(): Buffer {
    const dashboard = this.behaviour.app === 'dashboard';
    const name = Buffer.from(dashboard ? 'BOLOS' : this.behaviour.app, 'ascii');
    const version = Buffer.from(dashboard ? '2.2.3' : this.behaviour.appVersion, 'ascii');
    return respond(
      Buffer.concat([
        Buffer.from([0x01, name.length]),
        name,
        Buffer.from([version.length]),
        version,
        Buffer.from([0x01, 0x00]),
      ]),
    );
  }

  private async ethereumApp(ins: number, p1: number, p2: number, data: Buffer): Promise<Buffer> {
    const supports = (minimum: string): boolean => compareVersions(this.behaviour.appVersion, minimum) >= 0;
    switch (ins) {
      case 0x02:
        return this.getAddress(p1, p2, data);
      case 0x06: {
        const [major, minor, patch] = this.behaviour.appVersion.split('.').map((n) => Number.parseInt(n, 10));
        return respond(Buffer.from([this.behaviour.blindSigning ? 0x01 : 0x00, major ?? 0, minor ?? 0, patch ?? 0]));
      }
      case 0x04: {
        const raw = this.transaction.push(p1, data);
        if (!raw) return status(SW.OK);
        return this.signTransaction(this.transaction.path, raw);
      }
      case 0x08: {
        const message = this.personal.push(p1, data);
        if (!message) return status(SW.OK);
        const path = this.personal.path;
        const digest = keccak256(
          concat([
            getBytes(`0x${Buffer.from(`\x19Ethereum Signed Message:\n${message.length}`).toString('hex')}`),
            message,
          ]),
        );
        await this.askApproval({ kind: 'personal', path, message: `0x${message.toString('hex')}` });
        return this.signature(path, digest);
      }
      case 0x0c:
        if (p2 === 0x00) {
          if (!supports('1.5.0')) return status(SW.INS_NOT_SUPPORTED);
          return this.signEip712Hashed(p1, data);
        }
        if (p2 !== 0x01) return status(SW.WRONG_P1_P2);
        if (!this.behaviour.eip712Full || !supports('1.9.19')) return status(SW.INS_NOT_SUPPORTED);
        return this.signEip712Full(data);
      case 0x1a:
      case 0x1c:
      case 0x1e:
        if (!this.behaviour.eip712Full || !supports('1.9.19')) return status(SW.INS_NOT_SUPPORTED);
        if (ins === 0x1a) this.eip712StructDefinition(p1, p2, data);
        if (ins === 0x1c) this.eip712.structImplementation(p1, p2, data);
        return status(SW.OK);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  private eip712StructDefinition(p1: number, p2: number, data: Buffer): void {
    // The first definition of a new message: forget the previous one, as the app does on a fresh sign flow.
    if (p2 === 0x00 && this.eip712.implementationStarted()) this.eip712 = new Eip712Session();
    this.eip712.structDefinition(p1, p2, data);
  }

  private async getAddress(p1: number, p2: number, data: Buffer): Promise<Buffer> {
    const { path } = readBip32Path(data);
    const node = this.root.derivePath(path);
    if (p1 === 0x01) await this.askApproval({ kind: 'address', path, address: node.address });
    const publicKey = Buffer.from(getBytes(SigningKey.computePublicKey(node.publicKey, false)));
    const address = Buffer.from(node.address.slice(2), 'ascii');
    const parts = [Buffer.from([publicKey.length]), publicKey, Buffer.from([address.length]), address];
    if (p2 === 0x01) parts.push(Buffer.from(getBytes(node.chainCode)));
    return respond(Buffer.concat(parts));
  }

  private async signEip712Hashed(p1: number, data: Buffer): Promise<Buffer> {
    if (p1 !== 0x00) return status(SW.WRONG_P1_P2);
    // app-ethereum cmd_signMessage712.c: hashed (v0) signing is blind signing and is refused without the setting.
    if (!this.behaviour.blindSigning) return status(SW.INVALID_DATA);
    const { path, rest } = readBip32Path(data);
    if (rest.length !== 64) return status(SW.INVALID_DATA);
    const domainHash = `0x${rest.subarray(0, 32).toString('hex')}`;
    const messageHash = `0x${rest.subarray(32).toString('hex')}`;
    const digest = keccak256(concat(['0x1901', domainHash, messageHash]));
    await this.askApproval({ kind: 'eip712-hashed', path, domainHash, messageHash, digest });
    return this.signature(path, digest);
  }

  private async signEip712Full(data: Buffer): Promise<Buffer> {
    const { path } = readBip32Path(data);
    const review = this.eip712.review();
    this.eip712 = new Eip712Session();
    await this.askApproval({ ...review, path });
    return this.signature(path, review.digest);
  }

  private async signTransaction(path: string, raw: Buffer): Promise<Buffer> {
    const tx = Transaction.from(`0x${raw.toString('hex')}`);
    // logic_sign_tx.c: contract data without a plugin is blind signing, refused without the setting.
    if (tx.data !== '0x' && !this.behaviour.blindSigning) return status(SW.INVALID_DATA);
    await this.askApproval({ kind: 'transaction', path, transaction: tx });
    const sig = this.sign(path, tx.unsignedHash);
    let v: number;
    if (tx.type !== null && tx.type !== 0) v = sig.yParity;
    else if (tx.chainId === 0n) v = 27 + sig.yParity;
    // The app keeps the chain id's first four bytes and a single byte of v (hw-app-eth utils.ts getParity).
    else v = (Number.parseInt(tx.chainId.toString(16).padStart(2, '0').slice(0, 8), 16) * 2 + 35 + sig.yParity) % 256;
    return respond(Buffer.concat([Buffer.from([v]), Buffer.from(getBytes(sig.r)), Buffer.from(getBytes(sig.s))]));
  }

  private signature(path: string, digest: string): Buffer {
    const sig = this.sign(path, digest);
    return respond(Buffer.concat([Buffer.from([sig.v]), Buffer.from(getBytes(sig.r)), Buffer.from(getBytes(sig.s))]));
  }

  private sign(path: string, digest: string): Signature {
    const tamper = this.behaviour.tamper;
    const signer = this.root.derivePath(tamper === 'other-key' ? `${path.replace(/\/\d+'?$/, '')}/999` : path);
    return signer.signingKey.sign(tamper === 'other-hash' ? keccak256(digest) : digest);
  }

  private askApproval(review: DeviceReview): Promise<void> {
    this.reviews.push(review);
    if (this.behaviour.approves && !this.behaviour.approves(review))
      return Promise.reject(new ApduStatus(SW.USER_DENIED));
    if (this.behaviour.decision === 'approve') return Promise.resolve();
    if (this.behaviour.decision === 'reject') return Promise.reject(new ApduStatus(SW.USER_DENIED));
    return new Promise((_, reject) => this.hanging.add(reject));
  }
}

function normalisePath(path: string): string {
  return path.startsWith('m/') ? path : `m/${path}`;
}

function compareVersions(a: string, b: string): number {
  const x = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const y = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}
