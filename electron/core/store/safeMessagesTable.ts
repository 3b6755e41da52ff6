import { getAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import { safeMessageContentSchema, type SafeMessageContent } from '../safe/safeMessage.js';
import { safeMessageHash } from '../safe/safeMessageHash.js';
import type { MessageSignature, StoredSafeMessage } from './storedSafeMessage.js';
import type { Database } from './store.js';
import {
  corruptRow,
  parseRow,
  rowKey,
  storedAddress,
  storedDecimal,
  storedHash,
  storedHex,
  storedJson,
} from './storedRow.js';

const messageRow = lazySchema(() =>
  z.object({
    safe_message_hash: storedHash(),
    chain_id: storedDecimal(),
    safe: storedAddress(),
    safe_version: z.string().min(1),
    content_json: storedJson().pipe(safeMessageContentSchema()),
    claimed_safe_message_hash: storedHash().nullable(),
    source_kind: z.enum(['service', 'file']),
    source_location: z.string(),
    proposed_by: storedAddress().nullable(),
    created_at: z.string().nullable(),
    fetched_at: z.string(),
  }),
);

const signatureRow = lazySchema(() =>
  z.object({
    owner: storedAddress(),
    signature: storedHex().refine((s) => s.length === 132, 'not a 65-byte signature'),
    origin: z.enum(['service', 'local', 'file']),
    submitted_at: z.string().nullable(),
  }),
);

const ORIGINS: readonly MessageSignature['origin'][] = ['service', 'local', 'file'];

/**
 * Off-chain Safe messages and their owners' signatures. A message is keyed by the safeMessageHash computed here;
 * read back, its content is hashed again, so a row edited on disk is refused rather than shown or signed.
 * Signatures are only ever added: the first kept for an owner stays.
 */
export function safeMessagesTable(database: Database) {
  const { db } = database;

  function signaturesOf(hash: string): MessageSignature[] {
    const rows = db
      .prepare('SELECT * FROM safe_message_signatures WHERE safe_message_hash = ? ORDER BY lower(owner)')
      .all(hash);
    return rows.map((raw) => {
      const r = parseRow(signatureRow(), 'safe_message_signatures', `${hash}:${rowKey(raw, 'owner')}`, raw);
      return {
        owner: r.owner,
        signature: r.signature,
        origin: r.origin,
        ...(r.submitted_at !== null ? { submittedAt: r.submitted_at } : {}),
      };
    });
  }

  function fromRow(raw: unknown): StoredSafeMessage {
    const r = parseRow(messageRow(), 'safe_messages', rowKey(raw, 'safe_message_hash'), raw);
    const message = {
      chainId: BigInt(r.chain_id),
      safe: r.safe,
      safeVersion: r.safe_version,
      content: r.content_json as SafeMessageContent,
    };
    let computed: string;
    try {
      computed = safeMessageHash(message);
    } catch (cause) {
      if (!isGuardianError(cause)) throw cause;
      throw corruptRow('safe_messages', r.safe_message_hash, cause);
    }
    if (computed !== r.safe_message_hash)
      throw corruptRow('safe_messages', r.safe_message_hash, new Error(`its content hashes to ${computed}`));
    return {
      ...message,
      safeMessageHash: r.safe_message_hash,
      claimedSafeMessageHash: r.claimed_safe_message_hash,
      source:
        r.source_kind === 'service'
          ? { kind: 'service', url: r.source_location }
          : { kind: 'file', path: r.source_location },
      proposedBy: r.proposed_by,
      createdAt: r.created_at,
      fetchedAt: r.fetched_at,
      signatures: signaturesOf(r.safe_message_hash),
    };
  }

  function insertSignature(hash: string, s: MessageSignature): boolean {
    if (!ORIGINS.includes(s.origin))
      throw new GuardianError('INVALID_INPUT', `Unknown signature origin "${s.origin}".`);
    if (!/^0x[0-9a-fA-F]{130}$/.test(s.signature))
      throw new GuardianError('INVALID_SIGNATURE', `The message signature of ${s.owner} is not 65 bytes of hex.`);
    const result = db
      .prepare(
        'INSERT INTO safe_message_signatures (safe_message_hash, owner, signature, origin, submitted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (safe_message_hash, owner) DO NOTHING',
      )
      .run(hash, getAddress(s.owner.toLowerCase()), s.signature.toLowerCase(), s.origin, s.submittedAt ?? null);
    return result.changes > 0;
  }

  return {
    /**
     * Keeps messages and the signatures they carry, in one transaction. The hash is computed again here: a
     * caller cannot store a message under a hash its content does not produce. Returns how many were new.
     */
    saveSafeMessages(messages: readonly StoredSafeMessage[]): number {
      return database.guarded('keep Safe messages', () =>
        database.transaction(() => {
          let added = 0;
          for (const m of messages) {
            const hash = safeMessageHash(m);
            if (hash !== m.safeMessageHash.toLowerCase())
              throw new GuardianError(
                'HASH_MISMATCH',
                `Refusing to store message ${m.safeMessageHash}: its content hashes to ${hash}.`,
              );
            const source = m.source.kind === 'service' ? m.source.url : m.source.path;
            const inserted = db
              .prepare(
                `INSERT INTO safe_messages (safe_message_hash, chain_id, safe, safe_version, content_json, claimed_safe_message_hash, source_kind, source_location, proposed_by, created_at, fetched_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (safe_message_hash) DO NOTHING`,
              )
              .run(
                hash,
                m.chainId.toString(),
                getAddress(m.safe.toLowerCase()),
                m.safeVersion,
                JSON.stringify(m.content),
                m.claimedSafeMessageHash?.toLowerCase() ?? null,
                m.source.kind,
                source,
                m.proposedBy,
                m.createdAt,
                m.fetchedAt,
              );
            added += Number(inserted.changes);
            for (const s of m.signatures) insertSignature(hash, s);
          }
          return added;
        }),
      );
    },

    /** Keeps one owner's signature of a stored message; false when that owner's was already kept. */
    addMessageSignature(safeMessageHash: string, signature: MessageSignature): boolean {
      const hash = safeMessageHash.toLowerCase();
      return database.guarded(`keep the message signature of ${signature.owner}`, () =>
        database.transaction(() => {
          if (!db.prepare('SELECT 1 FROM safe_messages WHERE safe_message_hash = ?').get(hash)) {
            throw new GuardianError(
              'NOT_FOUND',
              `No stored message has hash ${safeMessageHash}; store it before its signatures.`,
            );
          }
          return insertSignature(hash, signature);
        }),
      );
    },

    /** One stored message by its safeMessageHash or a prefix of at least 6 hex digits. */
    getSafeMessage(hashOrPrefix: string): StoredSafeMessage {
      const digits = hashOrPrefix.trim().toLowerCase().replace(/^0x/, '');
      if (!/^[0-9a-f]{6,64}$/.test(digits))
        throw new GuardianError(
          'INVALID_INPUT',
          `"${hashOrPrefix}" is not a message hash or a prefix of one (at least 6 hex digits).`,
        );
      const rows = database.guarded('look up a message', () =>
        db
          .prepare(
            'SELECT * FROM safe_messages WHERE substr(safe_message_hash, 1, ?) = ? ORDER BY safe_message_hash LIMIT 6',
          )
          .all(digits.length + 2, `0x${digits}`),
      );
      if (rows.length === 0)
        throw new GuardianError(
          'NOT_FOUND',
          `No stored message has a hash starting 0x${digits}. Pull them ("guardian message list") or import its file.`,
        );
      if (rows.length > 1) {
        const candidates = rows.map((r) => String((r as { safe_message_hash: unknown }).safe_message_hash));
        throw new GuardianError(
          'INVALID_INPUT',
          `0x${digits} matches several stored messages: ${candidates.join(', ')}${rows.length === 6 ? ' and more' : ''}. Give more digits.`,
          { details: { candidates } },
        );
      }
      return database.guarded('read a message', () => fromRow(rows[0]));
    },

    /** Every stored message (of one Safe when given), oldest first; a damaged row is set aside and named. */
    listSafeMessages(filter: { chainId?: bigint; safe?: string } = {}): {
      messages: StoredSafeMessage[];
      damaged: GuardianError[];
    } {
      const rows = database.guarded('list messages', () =>
        filter.chainId !== undefined && filter.safe
          ? db
              .prepare(
                'SELECT * FROM safe_messages WHERE chain_id = ? AND lower(safe) = lower(?) ORDER BY fetched_at, safe_message_hash',
              )
              .all(filter.chainId.toString(), filter.safe)
          : db.prepare('SELECT * FROM safe_messages ORDER BY fetched_at, safe_message_hash').all(),
      );
      const messages: StoredSafeMessage[] = [];
      const damaged: GuardianError[] = [];
      for (const row of rows) {
        try {
          messages.push(fromRow(row));
        } catch (error) {
          if (!isGuardianError(error, 'STORE_FAILED')) throw error;
          damaged.push(error);
        }
      }
      return { messages, damaged };
    },
  };
}
