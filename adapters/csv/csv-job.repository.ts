import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { changedRows, insertRows, rows } from '../../src/database/sql.js';
import { CsvAdapterException } from './csv-adapter.exception.js';
import type { RejectedRowLine } from './rejected-rows.report.js';

export type CsvJobStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
export type CsvChannel = 'UPLOAD' | 'DROP_FOLDER';

/** What a source (or an officer) sees of an import: progress while it runs, totals once done. */
export interface CsvJobView {
  id: string;
  sourceId: string;
  fileName: string;
  channel: CsvChannel;
  status: CsvJobStatus;
  encoding: string | null;
  encodingConfidence: number | null;
  delimiter: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  held: number;
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CsvProgress {
  rowsRead: number;
  accepted: number;
  rejected: number;
  held: number;
}

/** One refused row's problem, as stored (a row may have several). */
export interface RejectedRowProblem {
  rowNumber: number;
  field: string;
  code: string;
  message: string;
  review: boolean;
  original: Record<string, string>;
}

interface JobRow {
  id: string;
  source_id: string;
  file_name: string;
  channel: CsvChannel;
  status: CsvJobStatus;
  encoding: string | null;
  encoding_confidence: number | null;
  delimiter: string | null;
  columns: string[] | null;
  rows_read: number;
  accepted: number;
  rejected: number;
  held: number;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

@Injectable()
export class CsvJobRepository {
  /** This process, as the owner of the jobs it runs. */
  readonly owner = randomUUID();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(job: { id: string; sourceId: string; fileName: string; channel: CsvChannel }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO csv_import_job (id, source_id, file_name, channel, status, owner) VALUES ($1, $2, $3, $4, 'QUEUED', $5)`,
      [job.id, job.sourceId, job.fileName, job.channel, this.owner],
    );
  }

  async started(
    id: string,
    read: { encoding: string; confidence: number; delimiter: string; columns: string[] },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE csv_import_job SET status = 'RUNNING', encoding = $2, encoding_confidence = $3, delimiter = $4, columns = $5,
              heartbeat_at = now()
        WHERE id = $1`,
      [id, read.encoding, read.confidence, read.delimiter, read.columns],
    );
  }

  /** Progress and the batch's refused rows in one statement pair; called once per batch, not per row. */
  async progress(
    id: string,
    progress: CsvProgress,
    problems: readonly RejectedRowProblem[],
    seqStart: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (problems.length > 0) {
        await insertRows(
          tx,
          'csv_rejected_row',
          {
            job_id: 'uuid',
            row_number: 'int',
            seq: 'int',
            field: 'text',
            code: 'text',
            message: 'text',
            review: 'boolean',
            original: 'jsonb',
          },
          problems.map((p, i) => ({
            job_id: id,
            row_number: p.rowNumber,
            seq: seqStart + i,
            field: p.field,
            code: p.code,
            message: p.message,
            review: p.review,
            original: p.original,
          })),
        );
      }
      await tx.query(
        `UPDATE csv_import_job SET rows_read = $2, accepted = $3, rejected = $4, held = $5, heartbeat_at = now() WHERE id = $1`,
        [id, progress.rowsRead, progress.accepted, progress.rejected, progress.held],
      );
    });
  }

  async finished(id: string, outcome: { code: string; message: string } | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE csv_import_job SET status = $2, error_code = $3, error_message = $4, finished_at = now() WHERE id = $1`,
      [id, outcome ? 'FAILED' : 'DONE', outcome?.code ?? null, outcome?.message ?? null],
    );
  }

  /** Unfinished jobs whose heartbeat stopped: their process died. */
  async stale(
    staleAfterMs: number,
  ): Promise<Array<{ id: string; sourceId: string; channel: CsvChannel; fileName: string }>> {
    const found = await rows<{ id: string; source_id: string; channel: CsvChannel; file_name: string }>(
      this.dataSource,
      `SELECT id, source_id, channel, file_name FROM csv_import_job
        WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - make_interval(secs => $1)
        ORDER BY created_at`,
      [staleAfterMs / 1000],
    );
    return found.map((r) => ({ id: r.id, sourceId: r.source_id, channel: r.channel, fileName: r.file_name }));
  }

  /**
   * Takes over a stale job to run it again from the start: one process wins (the condition is
   * re-checked under the row lock). Its counters and refused rows start afresh; records already
   * submitted come back from intake as duplicates, so nothing is registered twice.
   */
  async claimStale(id: string, staleAfterMs: number): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // UPDATE … RETURNING: TypeORM answers [rows, count]; changedRows gives the rows.
      const claimed = await changedRows<{ id: string }>(
        tx,
        `UPDATE csv_import_job SET status = 'QUEUED', owner = $3, heartbeat_at = now(), rows_read = 0, accepted = 0, rejected = 0, held = 0
          WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - make_interval(secs => $2)
          RETURNING id`,
        [id, staleAfterMs / 1000, this.owner],
      );
      if (claimed.length === 0) return false;
      await tx.query('DELETE FROM csv_rejected_row WHERE job_id = $1', [id]);
      return true;
    });
  }

  /** False when another process has taken the job over meanwhile: this one then leaves it alone. */
  async begin(id: string): Promise<boolean> {
    const mine = await changedRows<{ id: string }>(
      this.dataSource,
      `UPDATE csv_import_job SET status = 'RUNNING', heartbeat_at = now()
        WHERE id = $1 AND owner = $2 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [id, this.owner],
    );
    return mine.length > 0;
  }

  async statusOf(id: string): Promise<CsvJobStatus | undefined> {
    const [row] = await rows<{ status: CsvJobStatus }>(
      this.dataSource,
      'SELECT status FROM csv_import_job WHERE id = $1',
      [id],
    );
    return row?.status;
  }

  /** Only the source's own jobs: another source's job id reads as not found. */
  async view(sourceId: string, id: string): Promise<CsvJobView & { columns: string[] }> {
    const [row] = await rows<JobRow>(
      this.dataSource,
      'SELECT * FROM csv_import_job WHERE id = $1 AND source_id = $2',
      [id, sourceId],
    );
    if (row === undefined)
      throw new CsvAdapterException('CSV.JOB_NOT_FOUND', `Không có lần nhập CSV ${id} của nguồn này.`, 404);
    return {
      id: row.id,
      sourceId: row.source_id,
      fileName: row.file_name,
      channel: row.channel,
      status: row.status,
      encoding: row.encoding,
      encodingConfidence: row.encoding_confidence,
      delimiter: row.delimiter,
      rowsRead: row.rows_read,
      accepted: row.accepted,
      rejected: row.rejected,
      held: row.held,
      error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      columns: row.columns ?? [],
    };
  }

  /** Refused rows in row order, grouped per row, read in pages so a huge report streams. */
  async *rejectedRows(jobId: string, pageSize = 2000): AsyncGenerator<RejectedRowLine> {
    let after = 0;
    for (;;) {
      const page = await rows<{
        row_number: number;
        fields: string[];
        codes: string[];
        messages: string[];
        original: Record<string, string>;
      }>(
        this.dataSource,
        `SELECT row_number, array_agg(field ORDER BY seq) AS fields, array_agg(code ORDER BY seq) AS codes,
                array_agg(message ORDER BY seq) AS messages, (array_agg(original ORDER BY seq))[1] AS original
           FROM csv_rejected_row WHERE job_id = $1 AND row_number > $2
          GROUP BY row_number ORDER BY row_number LIMIT $3`,
        [jobId, after, pageSize],
      );
      for (const r of page) {
        yield {
          rowNumber: r.row_number,
          fields: r.fields,
          codes: r.codes,
          messages: r.messages,
          original: r.original,
        };
      }
      if (page.length < pageSize) return;
      after = page[page.length - 1].row_number;
    }
  }
}
