import { encodeRlp, keccak256, toBeHex } from 'ethers';
import { GuardianError } from '../errors.js';
import type { BlockContext, BlockHeader } from '../primitives/simulationTypes.js';

/**
 * The header's fields in their RLP order (Yellow Paper 4.3, then London, Shanghai, Cancun and Prague append
 * theirs). A field a chain leaves out is absent from its header's RLP; a field this list does not know makes
 * the hash disagree, so an unknown header format is refused, never half-checked.
 */
const HEADER_FIELDS = [
  'parentHash',
  'sha3Uncles',
  'miner',
  'stateRoot',
  'transactionsRoot',
  'receiptsRoot',
  'logsBloom',
  'difficulty',
  'number',
  'gasLimit',
  'gasUsed',
  'timestamp',
  'extraData',
  'mixHash',
  'nonce',
  'baseFeePerGas',
  'withdrawalsRoot',
  'blobGasUsed',
  'excessBlobGas',
  'parentBeaconBlockRoot',
  'requestsHash',
] as const;
/** Scalars: RLP takes them as big-endian bytes without leading zeros, zero as the empty string. */
const SCALARS = new Set([
  'difficulty',
  'number',
  'gasLimit',
  'gasUsed',
  'timestamp',
  'baseFeePerGas',
  'blobGasUsed',
  'excessBlobGas',
]);

/** The header fields of a block as the RPC gave it (and its hash), without its transactions or anything else. */
export function blockHeader(block: object): BlockHeader {
  const fields = block as Record<string, unknown>;
  const header: Record<string, string> = {};
  for (const field of ['hash', ...HEADER_FIELDS]) if (typeof fields[field] === 'string') header[field] = fields[field];
  return header as BlockHeader;
}

/** keccak256 of the header's RLP: the block hash the header's fields commit to. */
export function headerHash(header: BlockHeader): string {
  const present = HEADER_FIELDS.filter((field) => header[field] !== undefined);
  return keccak256(
    encodeRlp(
      present.map((field) =>
        SCALARS.has(field) ? (BigInt(header[field]!) === 0n ? '0x' : toBeHex(BigInt(header[field]!))) : header[field]!,
      ),
    ),
  );
}

function refuse(why: string, details: Record<string, unknown>): never {
  throw new GuardianError(
    'STATE_PROOF_INVALID',
    `The carried block does not hold together: ${why}. Its state root cannot be trusted, so neither can the pre-state proven against it.`,
    { details },
  );
}

/**
 * The header must hash to the block hash it carries, and the number, state root and environment the replay
 * uses must be the header's own: otherwise a file could pair a real block hash with a state root of its own
 * making (and proofs against it), or replay at another block than the one its proofs come from.
 */
export function verifyBlockHeader(header: BlockHeader, block: BlockContext): void {
  const computed = headerHash(header);
  if (computed.toLowerCase() !== header.hash.toLowerCase())
    refuse(`its header fields hash to ${computed}, not to the block hash ${header.hash} it names`, {
      computed,
      claimed: header.hash,
    });
  if (block.hash !== undefined && block.hash.toLowerCase() !== header.hash.toLowerCase())
    refuse(`the block hash ${block.hash} is not its header's ${header.hash}`, {
      block: block.hash,
      header: header.hash,
    });
  const same = (field: string, value: string | null | undefined, own: string | undefined) => {
    if (value === undefined || value === null) return own === undefined || value === undefined;
    return (
      own !== undefined &&
      (SCALARS.has(field) ? BigInt(own) === BigInt(value) : own.toLowerCase() === value.toLowerCase())
    );
  };
  const env: Array<[string, string | null | undefined]> = [
    ['number', block.number],
    ['stateRoot', block.stateRoot],
    ['timestamp', block.timestamp],
    ['baseFeePerGas', block.baseFeePerGas],
    ['miner', block.miner],
    ['gasLimit', block.gasLimit],
  ];
  for (const [field, value] of env) {
    if (!same(field, value, header[field]))
      refuse(`its ${field} is ${value}, but the header of block ${header.hash} says ${header[field] ?? 'nothing'}`, {
        field,
        carried: value,
        header: header[field] ?? null,
      });
  }
}
