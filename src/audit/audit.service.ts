import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordset, recordsetColumns, rows, jsonText, type Queryable } from '../database/sql.js';
import { hashAuditRow, type ChainedAuditRow } from './audit-chain.js';
import type { AuditEntry } from './audit-entry.js';

interface HeadRow {
  seq: string;
  hash: Buffer;
}

const COLUMNS = recordsetColumns({
  seq: 'bigint',
  occurred_at: 'timestamptz',
  actor_type: 'text',
  actor_id: 'text',
  action: 'text',
  entity_type: 'text',
  entity_id: 'text',
  province_code: 'text',
  correlation_id: 'text',
  details: 'jsonb',
  prev_hash: 'text',
  hash: 'text',
});

/**
 * Appends to the hash-chained audit log, in the caller's transaction when one is given so that a
 * change and its audit entry commit together.
 *
 * Cost per call, whatever the number of entries: one round trip locks the chain head (FOR UPDATE)
 * and reads the last number and hash; the hashes are computed here; one statement inserts every
 * entry and moves the head. Concurrent writers queue on the head row only from their append to
 * their commit, so callers append as late in their transaction as they can. A rolled-back
 * transaction rolls the head back with it: numbers have no gaps.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entries: readonly AuditEntry[], db?: Queryable): Promise<void> {
    if (entries.length === 0) return;
    if (db) return this.appendIn(db, entries);
    return this.dataSource.transaction((tx) => this.appendIn(tx, entries));
  }

  private async appendIn(db: Queryable, entries: readonly AuditEntry[]): Promise<void> {
    const [head] = await rows<HeadRow>(db, 'SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
    if (!head) throw new Error('audit_chain_head is missing: the database is not migrated');
    const occurredAt = new Date().toISOString();
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const out: object[] = [];
    for (const e of entries) {
      seq += 1;
      const row: Omit<ChainedAuditRow, 'hash'> = {
        seq,
        occurredAt,
        actorType: e.actorType,
        actorId: text(e.actorId),
        action: e.action,
        entityType: text(e.entityType),
        entityId: text(e.entityId),
        provinceCode: text(e.provinceCode),
        correlationId: text(e.correlationId),
        // As the database will give it back: through JSON, NUL (which jsonb cannot hold) replaced.
        details: JSON.parse(jsonText(e.details ?? {})) as Record<string, unknown>,
        prevHash,
      };
      const hash = hashAuditRow(row);
      out.push({
        seq,
        occurred_at: occurredAt,
        actor_type: row.actorType,
        actor_id: row.actorId,
        action: row.action,
        entity_type: row.entityType,
        entity_id: row.entityId,
        province_code: row.provinceCode,
        correlation_id: row.correlationId,
        details: row.details,
        prev_hash: prevHash.toString('hex'),
        hash: hash.toString('hex'),
      });
      prevHash = hash;
    }
    await db.query(
      `WITH added AS (
         INSERT INTO audit_log (${COLUMNS.names})
         SELECT seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, province_code,
                correlation_id, details, decode(prev_hash, 'hex'), decode(hash, 'hex')
           FROM json_to_recordset($1::json) AS x(${COLUMNS.definitions})
       )
       UPDATE audit_chain_head SET seq = $2, hash = decode($3, 'hex') WHERE id = 1`,
      [recordset(out), seq, prevHash.toString('hex')],
    );
  }
}

/** Text columns as stored: absent is NULL, and NUL (which PostgreSQL text cannot hold) is U+FFFD. */
function text(value: string | null | undefined): string | null {
  return value == null ? null : value.replaceAll('\u0000', '\ufffd');
}
