import { ApduStatus, SW, readBip32Path } from './apdu.js';

/**
 * SIGN ETH PERSONAL MESSAGE: first block = path ‖ message length (uint32 BE) ‖ chunk, then chunks with
 * P1 = 0x80 until the announced length has arrived (ethapp.adoc).
 */
export class PersonalMessageStream {
  path = '';
  private expected = 0;
  private chunks: Buffer[] = [];
  private received = 0;

  /** Returns the whole message once it is complete, else null. */
  push(p1: number, data: Buffer): Buffer | null {
    if (p1 === 0x00) {
      const { path, rest } = readBip32Path(data);
      if (rest.length < 4) throw new ApduStatus(SW.INVALID_DATA);
      this.path = path;
      this.expected = rest.readUInt32BE(0);
      this.chunks = [rest.subarray(4)];
      this.received = rest.length - 4;
    } else if (p1 === 0x80) {
      if (this.chunks.length === 0) throw new ApduStatus(SW.INVALID_DATA, 'no message started');
      this.chunks.push(data);
      this.received += data.length;
    } else {
      throw new ApduStatus(SW.WRONG_P1_P2);
    }
    if (this.received > this.expected) throw new ApduStatus(SW.INVALID_DATA, 'more message bytes than announced');
    if (this.received < this.expected) return null;
    const message = Buffer.concat(this.chunks);
    this.chunks = [];
    return message;
  }
}

/**
 * SIGN ETH TRANSACTION: path ‖ unsigned transaction (type byte for typed transactions, then its RLP list),
 * streamed in blocks of at most 255 bytes. The app knows the transaction is complete when the outer RLP
 * list has been read in full.
 */
export class TransactionStream {
  path = '';
  private bytes: Buffer = Buffer.alloc(0);
  private started = false;

  push(p1: number, data: Buffer): Buffer | null {
    if (p1 === 0x00) {
      const { path, rest } = readBip32Path(data);
      this.path = path;
      this.bytes = Buffer.from(rest);
      this.started = true;
    } else if (p1 === 0x80) {
      if (!this.started) throw new ApduStatus(SW.INVALID_DATA, 'no transaction started');
      this.bytes = Buffer.concat([this.bytes, data]);
    } else {
      throw new ApduStatus(SW.WRONG_P1_P2);
    }
    const total = expectedLength(this.bytes);
    if (total === null || this.bytes.length < total) return null;
    if (this.bytes.length > total) throw new ApduStatus(SW.INVALID_DATA, 'bytes after the transaction');
    this.started = false;
    return this.bytes;
  }
}

function expectedLength(tx: Buffer): number | null {
  const typed = tx.length > 0 && tx[0]! <= 0x7f;
  const at = typed ? 1 : 0;
  const head = tx[at];
  if (head === undefined) return null;
  if (head < 0xc0) throw new ApduStatus(SW.INVALID_DATA, 'transaction is not an RLP list');
  if (head <= 0xf7) return at + 1 + (head - 0xc0);
  const lengthBytes = head - 0xf7;
  if (tx.length < at + 1 + lengthBytes) return null;
  return at + 1 + lengthBytes + tx.readUIntBE(at + 1, lengthBytes);
}
