/**
 * APDU framing as the Ledger Ethereum app documents it (app-ethereum doc/ethapp.adoc, "APDU Command payload
 * encoding"): CLA INS P1 P2 Lc data; a response is data followed by a two-byte status word. The software
 * device keeps its own copy of the status words so that a wrong constant in the core cannot agree with itself.
 */
export const SW = {
  OK: 0x9000,
  USER_DENIED: 0x6985,
  INVALID_DATA: 0x6a80,
  NOT_ENOUGH_MEMORY: 0x6a84,
  WRONG_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  CLA_NOT_SUPPORTED_DASHBOARD: 0x6e01,
  LOCKED: 0x5515,
  TECHNICAL_PROBLEM: 0x6f00,
} as const;

export interface Apdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Buffer;
}

export function parseApdu(raw: Buffer): Apdu {
  if (raw.length < 5) throw new Error(`APDU too short: ${raw.length} bytes`);
  const lc = raw[4]!;
  const data = raw.subarray(5, 5 + lc);
  if (data.length !== lc) throw new Error(`APDU declares ${lc} data bytes, carries ${data.length}`);
  return { cla: raw[0]!, ins: raw[1]!, p1: raw[2]!, p2: raw[3]!, data: Buffer.from(data) };
}

export function respond(data: Buffer | Uint8Array, sw: number = SW.OK): Buffer {
  const status = Buffer.alloc(2);
  status.writeUInt16BE(sw);
  return Buffer.concat([Buffer.from(data), status]);
}

export function status(sw: number): Buffer {
  return respond(Buffer.alloc(0), sw);
}

/** An error that ends a command with a status word, the way the app's handlers return one. */
export class ApduStatus extends Error {
  constructor(
    readonly sw: number,
    message?: string,
  ) {
    super(message ?? `status 0x${sw.toString(16)}`);
  }
}

/**
 * "Number of BIP 32 derivations (max 10), then each index as uint32 big-endian" (GET ETH PUBLIC ADDRESS
 * input data), read from the start of `data`; returns the path and the bytes after it.
 */
export function readBip32Path(data: Buffer): { path: string; rest: Buffer } {
  const count = data[0];
  if (count === undefined || count === 0 || count > 10 || data.length < 1 + count * 4) {
    throw new ApduStatus(SW.INVALID_DATA, 'bad BIP32 path');
  }
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = data.readUInt32BE(1 + i * 4);
    parts.push(index >= 0x80000000 ? `${index - 0x80000000}'` : `${index}`);
  }
  return { path: `m/${parts.join('/')}`, rest: data.subarray(1 + count * 4) };
}
