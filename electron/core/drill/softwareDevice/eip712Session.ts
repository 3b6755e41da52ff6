import { getAddress, hexlify, keccak256, concat, toBigInt, TypedDataEncoder, type TypedDataField } from 'ethers';
import { ApduStatus, SW } from './apdu.js';

/**
 * The device side of full EIP-712 signing (ethapp.adoc: EIP712 SEND STRUCT DEFINITION, EIP712 SEND STRUCT
 * IMPLEMENTATION, SIGN ETH EIP 712 with P2 = 01). Types are rebuilt from the streamed definitions and values
 * from the streamed implementations, with no knowledge of what the host meant to send; the hash that gets
 * signed is computed from those alone, so a host that streams the wrong struct gets a signature over the
 * wrong hash and a test sees it.
 */

interface FieldDef {
  name: string;
  /** Solidity-style type string rebuilt from the type descriptor, e.g. `uint256`, `bytes`, `Person[]`. */
  type: string;
  baseType: string;
  isCustom: boolean;
  arrayLevels: number;
  /** int/uint/bytesN size in bytes, from TypeSize. */
  size: number | undefined;
  baseKind: number;
}

type Value = unknown;

type Frame =
  | { kind: 'struct'; typeName: string; index: number; value: Record<string, Value> }
  | { kind: 'array'; field: FieldDef; levelsLeft: number; size: number; items: Value[] };

const TYPE_NAMES: Record<number, string> = {
  1: 'int',
  2: 'uint',
  3: 'address',
  4: 'bool',
  5: 'string',
  6: 'bytes',
  7: 'bytes',
};

export interface Eip712FullReview {
  kind: 'eip712-full';
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  domain: Record<string, Value>;
  message: Record<string, Value>;
  domainHash: string;
  messageHash: string;
  digest: string;
}

export class Eip712Session {
  private readonly structs = new Map<string, FieldDef[]>();
  private currentStruct: FieldDef[] | null = null;
  private stack: Frame[] = [];
  private pendingField: Buffer | null = null;
  private readonly roots = new Map<string, Record<string, Value>>();
  private lastRoot: string | null = null;
  /** How many field-value APDUs were received; tests read it to prove the values were really streamed. */
  fieldValueApdus = 0;

  /** True once any implementation has been streamed: a new definition then starts a new message. */
  implementationStarted(): boolean {
    return this.roots.size > 0 || this.stack.length > 0;
  }

  structDefinition(p1: number, p2: number, data: Buffer): void {
    if (p1 !== 0x00) throw new ApduStatus(SW.WRONG_P1_P2);
    if (p2 === 0x00) {
      const name = data.toString('utf8');
      this.currentStruct = [];
      this.structs.set(name, this.currentStruct);
      return;
    }
    if (p2 !== 0xff || this.currentStruct === null) throw new ApduStatus(SW.WRONG_P1_P2);
    this.currentStruct.push(parseFieldDefinition(data));
  }

  structImplementation(p1: number, p2: number, data: Buffer): void {
    if (p2 === 0x00) {
      if (this.stack.length > 0) throw new ApduStatus(SW.INVALID_DATA, 'previous root struct incomplete');
      const name = data.toString('utf8');
      if (!this.structs.has(name)) throw new ApduStatus(SW.INVALID_DATA, `unknown struct ${name}`);
      this.stack = [{ kind: 'struct', typeName: name, index: 0, value: {} }];
      this.lastRoot = name;
      this.settle();
      return;
    }
    if (p2 === 0x0f) {
      const field = this.expectedField();
      if (field.kind !== 'array-size') throw new ApduStatus(SW.INVALID_DATA, 'array size not expected here');
      if (data.length !== 1) throw new ApduStatus(SW.INVALID_DATA);
      this.stack.push({
        kind: 'array',
        field: field.field,
        levelsLeft: field.levelsLeft - 1,
        size: data[0]!,
        items: [],
      });
      this.settle();
      return;
    }
    if (p2 !== 0xff) throw new ApduStatus(SW.WRONG_P1_P2);
    this.fieldValueApdus++;
    this.pendingField = this.pendingField ? Buffer.concat([this.pendingField, data]) : data;
    if (p1 === 0x01) return; // partial send, more to come
    if (p1 !== 0x00) throw new ApduStatus(SW.WRONG_P1_P2);
    const whole = this.pendingField;
    this.pendingField = null;
    if (whole.length < 2) throw new ApduStatus(SW.INVALID_DATA);
    const length = whole.readUInt16BE(0);
    const raw = whole.subarray(2);
    if (raw.length !== length)
      throw new ApduStatus(SW.INVALID_DATA, `field declares ${length} bytes, got ${raw.length}`);
    const expected = this.expectedField();
    if (expected.kind !== 'leaf') throw new ApduStatus(SW.INVALID_DATA, 'field value not expected here');
    this.place(decodeValue(expected.field, raw));
    this.settle();
  }

  /** SIGN ETH EIP 712, full implementation: hash what was streamed. */
  review(): Eip712FullReview {
    if (this.stack.length > 0 || this.pendingField) throw new ApduStatus(SW.INVALID_DATA, 'message incomplete');
    const domain = this.roots.get('EIP712Domain');
    const primaryType = this.lastRoot;
    if (!domain || !primaryType || primaryType === 'EIP712Domain')
      throw new ApduStatus(SW.INVALID_DATA, 'no domain or message');
    const message = this.roots.get(primaryType)!;
    const types: Record<string, TypedDataField[]> = {};
    for (const [name, fields] of this.structs) types[name] = fields.map((f) => ({ name: f.name, type: f.type }));
    const { EIP712Domain: domainFields, ...messageTypes } = types;
    const domainHash = TypedDataEncoder.hashStruct('EIP712Domain', { EIP712Domain: domainFields! }, domain);
    const messageHash = TypedDataEncoder.hashStruct(primaryType, messageTypes, message);
    const digest = keccak256(concat(['0x1901', domainHash, messageHash]));
    return { kind: 'eip712-full', types, primaryType, domain, message, domainHash, messageHash, digest };
  }

  private expectedField():
    { kind: 'leaf'; field: FieldDef } | { kind: 'array-size'; field: FieldDef; levelsLeft: number } | { kind: 'none' } {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { kind: 'none' };
    if (top.kind === 'struct') {
      const field = this.structs.get(top.typeName)![top.index]!;
      if (field.arrayLevels > 0) return { kind: 'array-size', field, levelsLeft: field.arrayLevels };
      return { kind: 'leaf', field };
    }
    if (top.levelsLeft > 0) return { kind: 'array-size', field: top.field, levelsLeft: top.levelsLeft };
    return { kind: 'leaf', field: top.field };
  }

  /** Descends into nested structs and pops finished frames until the next thing expected is a value or a size. */
  private settle(): void {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) return;
      if (top.kind === 'struct') {
        const fields = this.structs.get(top.typeName)!;
        if (top.index >= fields.length) {
          this.finish();
          continue;
        }
        const field = fields[top.index]!;
        if (field.arrayLevels === 0 && field.isCustom) {
          if (!this.structs.has(field.baseType))
            throw new ApduStatus(SW.INVALID_DATA, `unknown struct ${field.baseType}`);
          this.stack.push({ kind: 'struct', typeName: field.baseType, index: 0, value: {} });
          continue;
        }
        return;
      }
      if (top.items.length >= top.size) {
        this.finish();
        continue;
      }
      if (top.levelsLeft === 0 && top.field.isCustom) {
        this.stack.push({ kind: 'struct', typeName: top.field.baseType, index: 0, value: {} });
        continue;
      }
      return;
    }
  }

  private finish(): void {
    const done = this.stack.pop()!;
    const value = done.kind === 'struct' ? done.value : done.items;
    if (this.stack.length === 0) {
      if (done.kind !== 'struct') throw new ApduStatus(SW.INVALID_DATA);
      this.roots.set(done.typeName, done.value);
      return;
    }
    this.place(value);
  }

  private place(value: Value): void {
    const top = this.stack[this.stack.length - 1]!;
    if (top.kind === 'struct') {
      const field = this.structs.get(top.typeName)![top.index]!;
      top.value[field.name] = value;
      top.index++;
    } else {
      top.items.push(value);
    }
  }
}

function parseFieldDefinition(data: Buffer): FieldDef {
  let at = 0;
  const take = (n: number): Buffer => {
    if (at + n > data.length) throw new ApduStatus(SW.INVALID_DATA, 'field definition truncated');
    const out = data.subarray(at, at + n);
    at += n;
    return out;
  };
  const desc = take(1)[0]!;
  const isArray = (desc & 0x80) !== 0;
  const hasSize = (desc & 0x40) !== 0;
  const kind = desc & 0x0f;
  let baseType: string;
  if (kind === 0) {
    baseType = take(take(1)[0]!).toString('utf8');
  } else {
    const name = TYPE_NAMES[kind];
    if (!name) throw new ApduStatus(SW.INVALID_DATA, `unknown type ${kind}`);
    baseType = name;
  }
  let size: number | undefined;
  if (hasSize) {
    size = take(1)[0]!;
    if (kind === 1 || kind === 2) baseType += String(size * 8);
    else if (kind === 6) baseType += String(size);
    else throw new ApduStatus(SW.INVALID_DATA, 'size on a sizeless type');
  }
  let suffix = '';
  let arrayLevels = 0;
  if (isArray) {
    arrayLevels = take(1)[0]!;
    for (let i = 0; i < arrayLevels; i++) {
      const levelKind = take(1)[0]!;
      suffix += levelKind === 1 ? `[${take(1)[0]!}]` : '[]';
    }
  }
  const name = take(take(1)[0]!).toString('utf8');
  if (at !== data.length) throw new ApduStatus(SW.INVALID_DATA, 'trailing bytes in field definition');
  return { name, type: baseType + suffix, baseType, isCustom: kind === 0, arrayLevels, size, baseKind: kind };
}

/** "Raw as in, an integer in the JSON file represented as "128" would only be 1 byte long (0x80)". */
function decodeValue(field: FieldDef, raw: Buffer): Value {
  switch (field.baseKind) {
    case 1: {
      const bits = (field.size ?? 32) * 8;
      const unsigned = raw.length === 0 ? 0n : toBigInt(raw);
      const negative = raw.length * 8 >= bits && raw.length > 0 && (raw[0]! & 0x80) !== 0;
      return negative ? unsigned - (1n << BigInt(raw.length * 8)) : unsigned;
    }
    case 2:
      return raw.length === 0 ? 0n : toBigInt(raw);
    case 3:
      if (raw.length !== 20) throw new ApduStatus(SW.INVALID_DATA, 'address must be 20 bytes');
      return getAddress(hexlify(raw));
    case 4:
      return raw.length > 0 && raw[raw.length - 1] !== 0;
    case 5:
      return raw.toString('utf8');
    case 6:
      if (raw.length !== field.size)
        throw new ApduStatus(SW.INVALID_DATA, `bytes${field.size} has ${raw.length} bytes`);
      return hexlify(raw);
    case 7:
      return hexlify(raw);
    default:
      throw new ApduStatus(SW.INVALID_DATA);
  }
}
