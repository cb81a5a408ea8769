import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertRows, rows } from '../../src/database/sql.js';
import type { WatermarkValue } from './poll-plan.model.js';

/** A row the mapping refused, kept so an officer can see what the source holds and fix it there. */
export interface SqlRowProblem {
  readonly rowKey: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly original: Record<string, unknown>;
}

export interface CheckpointView {
  readonly watermark: WatermarkValue | null;
  readonly rowsRead: number;
  readonly batches: number;
  readonly lastErrorCode: string | null;
}

/**
 * Where each (source, table) stopped reading. The watermark moves only in `commitBatch`, called after
 * intake has committed the batch: a crash in between re-reads that one batch, which intake's
 * idempotency (same source record id and version) absorbs.
 */
@Injectable()
export class SqlPollCheckpointRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes the table's lease for `leaseMs` (another hub process polling the same source waits) and
   * returns the stored watermark; undefined when another live process holds the lease.
   */
  async lease(
    sourceId: string,
    table: string,
    owner: string,
    leaseMs: number,
  ): Promise<{ watermark: WatermarkValue | null } | undefined> {
    await this.db.query(
      `INSERT INTO sql_poll_checkpoint (source_id, table_name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [sourceId, table],
    );
    const taken = await rows<{ watermark: WatermarkValue | null }>(
      this.db,
      // Wrapped in a CTE: TypeORM hands back an UPDATE ... RETURNING as [rows, count], a SELECT as rows.
      `WITH taken AS (
         UPDATE sql_poll_checkpoint
            SET lease_owner = $3, lease_until = now() + make_interval(secs => $4::double precision / 1000)
          WHERE source_id = $1 AND table_name = $2
            AND (lease_owner IS NULL OR lease_owner = $3 OR lease_until < now())
          RETURNING watermark)
       SELECT watermark FROM taken`,
      [sourceId, table, owner, leaseMs],
    );
    return taken[0];
  }

  async release(sourceId: string, table: string, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE sql_poll_checkpoint SET lease_owner = NULL, lease_until = NULL
        WHERE source_id = $1 AND table_name = $2 AND lease_owner = $3`,
      [sourceId, table, owner],
    );
  }

  /**
   * After intake committed the batch: its refused rows and the new watermark in one transaction, and
   * only while this process still holds the lease (else another process has taken the table over).
   */
  async commitBatch(
    sourceId: string,
    table: string,
    owner: string,
    leaseMs: number,
    watermark: WatermarkValue,
    rowsRead: number,
    problems: readonly SqlRowProblem[],
  ): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const moved = await rows<{ n: number }>(
        m,
        `WITH moved AS (
           UPDATE sql_poll_checkpoint
              SET watermark = $4::jsonb, rows_read = rows_read + $5, batches = batches + 1,
                  last_success_at = now(), last_error_code = NULL, updated_at = now(),
                  lease_until = now() + make_interval(secs => $6::double precision / 1000)
            WHERE source_id = $1 AND table_name = $2 AND lease_owner = $3
            RETURNING 1 AS n)
         SELECT n FROM moved`,
        [sourceId, table, owner, JSON.stringify(watermark), rowsRead, leaseMs],
      );
      if (moved.length === 0) return false;
      if (problems.length > 0) {
        const seqs = new Map<string, number>();
        await insertRows(
          m,
          'sql_poll_problem',
          {
            source_id: 'text',
            table_name: 'text',
            row_key: 'text',
            seq: 'integer',
            field: 'text',
            code: 'text',
            message: 'text',
            original: 'jsonb',
          },
          problems.map((p) => {
            const seq = (seqs.get(p.rowKey) ?? 0) + 1;
            seqs.set(p.rowKey, seq);
            return {
              source_id: sourceId,
              table_name: table,
              row_key: p.rowKey,
              seq,
              ...p,
              original: p.original,
            };
          }),
          // A batch read again after a crash meets its own problems: they are the same, seen again.
          'ON CONFLICT (source_id, table_name, row_key, seq) DO UPDATE SET field = EXCLUDED.field, code = EXCLUDED.code, message = EXCLUDED.message, original = EXCLUDED.original, last_seen_at = now()',
        );
      }
      return true;
    });
  }

  async recordError(sourceId: string, table: string, code: string): Promise<void> {
    await this.db.query(
      `UPDATE sql_poll_checkpoint SET last_error_code = $3, last_error_at = now(), updated_at = now()
        WHERE source_id = $1 AND table_name = $2`,
      [sourceId, table, code],
    );
  }

  async get(sourceId: string, table: string): Promise<CheckpointView | undefined> {
    const found = await rows<{
      watermark: WatermarkValue | null;
      rows_read: string;
      batches: string;
      last_error_code: string | null;
    }>(
      this.db,
      `SELECT watermark, rows_read, batches, last_error_code FROM sql_poll_checkpoint
        WHERE source_id = $1 AND table_name = $2`,
      [sourceId, table],
    );
    const r = found[0];
    if (r === undefined) return undefined;
    return {
      watermark: r.watermark,
      rowsRead: Number(r.rows_read),
      batches: Number(r.batches),
      lastErrorCode: r.last_error_code,
    };
  }

  /** What a source (or an officer) sees: where each table stands, and the rows refused, newest first. */
  async status(sourceId: string): Promise<SqlPollStatusView> {
    const tables = await rows<{
      table_name: string;
      rows_read: string;
      batches: string;
      last_success_at: Date | null;
      last_error_code: string | null;
      last_error_at: Date | null;
    }>(
      this.db,
      `SELECT table_name, rows_read, batches, last_success_at, last_error_code, last_error_at
         FROM sql_poll_checkpoint WHERE source_id = $1 ORDER BY table_name`,
      [sourceId],
    );
    const problems = await rows<{
      table_name: string;
      row_key: string;
      field: string;
      code: string;
      message: string;
      last_seen_at: Date;
    }>(
      this.db,
      `SELECT table_name, row_key, field, code, message, last_seen_at FROM sql_poll_problem
        WHERE source_id = $1 ORDER BY last_seen_at DESC, table_name, row_key, seq LIMIT 1000`,
      [sourceId],
    );
    return {
      tables: tables.map((t) => ({
        table: t.table_name,
        rowsRead: Number(t.rows_read),
        batches: Number(t.batches),
        lastSuccessAt: t.last_success_at?.toISOString() ?? null,
        lastError: t.last_error_code
          ? { code: t.last_error_code, at: t.last_error_at?.toISOString() ?? null }
          : null,
      })),
      problems: problems.map((p) => ({
        table: p.table_name,
        recordId: p.row_key,
        field: p.field,
        code: p.code,
        message: p.message,
        lastSeenAt: p.last_seen_at.toISOString(),
      })),
    };
  }
}

export interface SqlPollStatusView {
  tables: Array<{
    table: string;
    rowsRead: number;
    batches: number;
    lastSuccessAt: string | null;
    lastError: { code: string; at: string | null } | null;
  }>;
  /** At most 1,000, newest first; the row's values stay in the hub (personal data). */
  problems: Array<{
    table: string;
    recordId: string;
    field: string;
    code: string;
    message: string;
    lastSeenAt: string;
  }>;
}
