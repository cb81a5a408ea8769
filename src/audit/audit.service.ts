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

/** Callers whose entries one coalesced transaction takes at most. */
const MAX_COALESCED_CALLS = 500;
const STANDALONE_LOCK_TIMEOUT = '15s';

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

  /** Callers waiting for their entries to be committed by the next coalesced transaction. */
  private readonly queued: Array<{ entries: readonly AuditEntry[]; done: (err?: unknown) => void }> = [];
  private flushing = false;

  /**
   * With `db`, appends inside that transaction. Without, the entries are committed in their own
   * transaction before the promise resolves; concurrent callers of this process share one
   * transaction (one lock, one statement), since the chain head admits one writer at a time and a
   * transaction per audited read or login would cap the whole hub at one commit per lock hold.
   * Never call it without `db` while holding an open transaction that has appended (it would wait
   * for the head that transaction holds).
   */
  async append(entries: readonly AuditEntry[], db?: Queryable): Promise<void> {
    if (entries.length === 0) return;
    if (db) return this.appendIn(db, entries);
    return new Promise<void>((resolve, reject) => {
      this.queued.push({
        entries,
        done: (err) =>
          err === undefined
            ? resolve()
            : reject(err instanceof Error ? err : new Error('audit append failed', { cause: err })),
      });
      if (!this.flushing) {
        this.flushing = true;
        // Started on the next turn, so that callers of the same moment share the first transaction too.
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * A transaction of its own. Its wait for the chain head is bounded: a caller that appends without
   * a transaction while its own open transaction holds the head would otherwise wait forever;
   * this way it gets an error (lock_not_available) naming the mistake's symptom.
   */
  private standalone(entries: readonly AuditEntry[]): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '${STANDALONE_LOCK_TIMEOUT}'`);
      await this.appendIn(tx, entries);
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const batch = this.queued.splice(0, MAX_COALESCED_CALLS);
        try {
          await this.standalone(batch.flatMap((b) => b.entries));
          for (const b of batch) b.done();
        } catch (err) {
          if (batch.length === 1) batch[0].done(err);
          // One caller's bad entry must not fail the others: retry each on its own.
          else
            for (const b of batch) {
              try {
                await this.standalone(b.entries);
                b.done();
              } catch (own) {
                b.done(own);
              }
            }
        }
      }
    } finally {
      this.flushing = false;
    }
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
