import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { safeTxToJson } from '../safe/safeTxJson.js';
import { migrate, migrations } from './migrations.js';
import { openStore } from './openStore.js';

const stores = tempStores('migrate');
const tempPath = (): string => join(stores.dir(), 'guardian.sqlite');

const owner = getAddress('0x' + 'aa'.repeat(20));

describe('schema migrations', () => {
  it('carries a first-schema store (transactions as JSON, padded nonces) into columns, confirmations and audit intact', () => {
    const path = tempPath();
    const v1 = new DatabaseSync(path);
    migrate(v1, 1);
    const txs = [12n, 3n].map((nonce) =>
      createSafeTx({
        chainId: 1n,
        safe: '0x' + '5a'.repeat(20),
        safeVersion: '1.3.0',
        to: '0x' + '11'.repeat(20),
        value: 5n,
        data: '0xabcd',
        nonce,
      }),
    );
    for (const tx of txs) {
      v1.prepare(
        `INSERT INTO queue_items (safe_tx_hash, chain_id, safe, safe_version, nonce, safe_tx_json, claimed_safe_tx_hash, source_json, proposer, submitted_at, fetched_at)
         VALUES (?, '1', ?, '1.3.0', ?, ?, NULL, ?, NULL, NULL, 'then')`,
      ).run(
        safeTxHash(tx),
        tx.safe,
        tx.nonce.toString().padStart(78, '0'),
        JSON.stringify(safeTxToJson(tx)),
        JSON.stringify({ kind: 'bundle', path: '/b.json' }),
      );
    }
    v1.prepare("INSERT INTO confirmations VALUES (?, ?, ?, 'EOA', NULL, 'local')").run(
      safeTxHash(txs[0]!),
      owner,
      '0x' + '01'.repeat(65),
    );
    v1.exec("INSERT INTO audit_log (at, kind) VALUES ('then', 'signature')");
    v1.close();

    const store = openStore({ path });
    try {
      expect(store.listQueueItems()).toEqual(
        [txs[1]!, txs[0]!].map((tx) => ({
          safeTx: tx,
          safeTxHash: safeTxHash(tx),
          claimedSafeTxHash: null,
          source: { kind: 'bundle', path: '/b.json' },
          fetchedAt: 'then',
          confirmations:
            tx === txs[0] ? [{ owner, signature: '0x' + '01'.repeat(65), signatureType: 'EOA', origin: 'local' }] : [],
        })),
      );
      expect(store.listAudit().map((e) => e.kind)).toEqual(['signature']);
    } finally {
      store.close();
    }
    const after = new DatabaseSync(path);
    try {
      expect(after.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
      expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(after.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      // The confirmations still point at queue_items, so a confirmation of nothing is still refused.
      after.exec('PRAGMA foreign_keys = ON');
      expect(() =>
        after.prepare("INSERT INTO confirmations VALUES ('0x00', ?, '0x01', NULL, NULL, 'local')").run(owner),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      after.close();
    }
  });

  it('leaves the store at its last good schema when a step fails', () => {
    const path = tempPath();
    const v1 = new DatabaseSync(path);
    migrate(v1, 1);
    // A row step 2 cannot carry over: its JSON is not JSON.
    v1.exec(
      `INSERT INTO queue_items VALUES ('0x01', '1', '0x${'5a'.repeat(20)}', '1.3.0', '0', '{not json', NULL, '{}', NULL, NULL, 'then')`,
    );
    v1.close();
    expect(() => openStore({ path })).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    const raw = new DatabaseSync(path);
    try {
      expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 });
      expect(raw.prepare('SELECT safe_tx_json FROM queue_items').get()).toEqual({ safe_tx_json: '{not json' });
    } finally {
      raw.close();
    }
  });
});
