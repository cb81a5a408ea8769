import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertRows, rows } from '../../src/database/sql.js';

export interface PullProblem {
  readonly recordKey: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly original: Record<string, unknown>;
}

/**
 * The paging cursor of each pulled source. It moves only in `commitPage`, after intake committed the
 * page: a crash in between asks for that page again, and intake's idempotency absorbs it.
 * (UPDATE … RETURNING is wrapped in a CTE: TypeORM returns [rows, count] for it, rows for a SELECT.)
 */
@Injectable()
export class SoapPullCheckpointRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lease(
    sourceId: string,
    owner: string,
    leaseMs: number,
  ): Promise<{ cursor: string | null } | undefined> {
    await this.db.query(`INSERT INTO soap_pull_checkpoint (source_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
      sourceId,
    ]);
    const taken = await rows<{ cursor: string | null }>(
      this.db,
      `WITH taken AS (
         UPDATE soap_pull_checkpoint
            SET lease_owner = $2, lease_until = now() + make_interval(secs => $3::double precision / 1000)
          WHERE source_id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
          RETURNING cursor)
       SELECT cursor FROM taken`,
      [sourceId, owner, leaseMs],
    );
    return taken[0];
  }

  async release(sourceId: string, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE soap_pull_checkpoint SET lease_owner = NULL, lease_until = NULL WHERE source_id = $1 AND lease_owner = $2`,
      [sourceId, owner],
    );
  }

  async commitPage(
    sourceId: string,
    owner: string,
    leaseMs: number,
    cursor: string,
    records: number,
    problems: readonly PullProblem[],
  ): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const moved = await rows<{ n: number }>(
        m,
        `WITH moved AS (
           UPDATE soap_pull_checkpoint
              SET cursor = $3, records_read = records_read + $4, pages = pages + 1, last_success_at = now(),
                  last_error_code = NULL, updated_at = now(),
                  lease_until = now() + make_interval(secs => $5::double precision / 1000)
            WHERE source_id = $1 AND lease_owner = $2
            RETURNING 1 AS n)
         SELECT n FROM moved`,
        [sourceId, owner, cursor, records, leaseMs],
      );
      if (moved.length === 0) return false;
      if (problems.length > 0) {
        const seqs = new Map<string, number>();
        await insertRows(
          m,
          'soap_pull_problem',
          {
            source_id: 'text',
            record_key: 'text',
            seq: 'integer',
            field: 'text',
            code: 'text',
            message: 'text',
            original: 'jsonb',
          },
          problems.map((p) => {
            const seq = (seqs.get(p.recordKey) ?? 0) + 1;
            seqs.set(p.recordKey, seq);
            return { source_id: sourceId, record_key: p.recordKey, seq, ...p };
          }),
          'ON CONFLICT (source_id, record_key, seq) DO UPDATE SET field = EXCLUDED.field, code = EXCLUDED.code, message = EXCLUDED.message, original = EXCLUDED.original, last_seen_at = now()',
        );
      }
      return true;
    });
  }

  async recordError(sourceId: string, code: string): Promise<void> {
    await this.db.query(
      `UPDATE soap_pull_checkpoint SET last_error_code = $2, last_error_at = now(), updated_at = now() WHERE source_id = $1`,
      [sourceId, code],
    );
  }

  async get(
    sourceId: string,
  ): Promise<
    { cursor: string | null; recordsRead: number; pages: number; lastErrorCode: string | null } | undefined
  > {
    const found = await rows<{
      cursor: string | null;
      records_read: string;
      pages: string;
      last_error_code: string | null;
    }>(
      this.db,
      'SELECT cursor, records_read, pages, last_error_code FROM soap_pull_checkpoint WHERE source_id = $1',
      [sourceId],
    );
    const r = found[0];
    return r === undefined
      ? undefined
      : {
          cursor: r.cursor,
          recordsRead: Number(r.records_read),
          pages: Number(r.pages),
          lastErrorCode: r.last_error_code,
        };
  }

  /** What the source sees: how far the pull has got, the last error, the records refused (newest first). */
  async status(sourceId: string): Promise<SoapPullStatusView> {
    const found = await rows<{
      records_read: string;
      pages: string;
      last_success_at: Date | null;
      last_error_code: string | null;
      last_error_at: Date | null;
    }>(
      this.db,
      `SELECT records_read, pages, last_success_at, last_error_code, last_error_at
         FROM soap_pull_checkpoint WHERE source_id = $1`,
      [sourceId],
    );
    const problems = await rows<{
      record_key: string;
      field: string;
      code: string;
      message: string;
      last_seen_at: Date;
    }>(
      this.db,
      `SELECT record_key, field, code, message, last_seen_at FROM soap_pull_problem
        WHERE source_id = $1 ORDER BY last_seen_at DESC, record_key, seq LIMIT 1000`,
      [sourceId],
    );
    const c = found[0];
    return {
      recordsRead: Number(c?.records_read ?? 0),
      pages: Number(c?.pages ?? 0),
      lastSuccessAt: c?.last_success_at?.toISOString() ?? null,
      lastError: c?.last_error_code
        ? { code: c.last_error_code, at: c.last_error_at?.toISOString() ?? null }
        : null,
      problems: problems.map((p) => ({
        recordId: p.record_key,
        field: p.field,
        code: p.code,
        message: p.message,
        lastSeenAt: p.last_seen_at.toISOString(),
      })),
    };
  }
}

export interface SoapPullStatusView {
  recordsRead: number;
  pages: number;
  lastSuccessAt: string | null;
  lastError: { code: string; at: string | null } | null;
  /** At most 1,000, newest first; the record's content stays in the hub (personal data). */
  problems: Array<{ recordId: string; field: string; code: string; message: string; lastSeenAt: string }>;
}
