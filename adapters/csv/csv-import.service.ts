import { Injectable, Logger } from '@nestjs/common';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { IntakeService, type BatchResult } from '../../src/intake/intake.service.js';
import { decodeLegacyText } from '../../src/mapping/legacy-text/index.js';
import { RowEncodingPolicy } from '../../src/mapping/engine/input/row-encoding.policy.js';
import type { MappedRow, SourceRow } from '../../src/mapping/engine/mapping-result.model.js';
import { mapWithPolicy } from '../../src/mapping/engine/sample-mapper.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { CsvAdapterException } from './csv-adapter.exception.js';
import { CsvJobRepository, type CsvProgress, type RejectedRowProblem } from './csv-job.repository.js';
import { MAX_RECORD_BYTES, readCsvHead, readCsvRows } from './csv-row.reader.js';

/** What the report keeps of an original value: enough to fix it, never 10 MB. */
const MAX_ORIGINAL_CHARS = 2000;
/** Intake's own limit per process is 2 concurrent batches (INTAKE_MAX_CONCURRENT_BATCHES). */
const MAX_BATCHES_IN_FLIGHT = 2;

interface PendingRecord {
  rowNumber: number;
  record: Record<string, unknown>;
  /** The row as read; decoded for the report only if intake refuses the record. */
  row: SourceRow;
}

export interface CsvImportResult extends CsvProgress {
  readonly failed?: { code: string; message: string };
  /** Another hub process took the job over (this one had stalled): the file is now its business. */
  readonly takenOver?: true;
}

/**
 * One CSV file of a source: read as a stream (csv-parse, values kept as bytes until the mapping decodes
 * them), each row mapped with the source's mapping, mapped records handed to intake in batches (500 by
 * default, CSV_BATCH_SIZE), refused rows stored for the report. A row's problem never stops the file; only a file
 * that cannot be read at all fails its job (the rows before stay submitted: intake is idempotent).
 */
@Injectable()
export class CsvImportService {
  private readonly logger = new Logger(CsvImportService.name);

  constructor(
    private readonly intake: IntakeService,
    private readonly mappings: MappingRegistry,
    private readonly jobs: CsvJobRepository,
  ) {}

  /** The source's mapping, refused early (before a file is spooled) when it is not a CSV one. */
  csvMappingOf(sourceId: string): void {
    const { spec } = this.mappings.get(sourceId);
    if (spec.input.format !== 'csv') {
      throw new CsvAdapterException(
        'CSV.NO_CSV_MAPPING',
        `Mapping của nguồn ${sourceId} không dành cho tệp CSV.`,
        409,
      );
    }
  }

  async importFile(
    source: SourcePrincipal,
    jobId: string,
    path: string,
    batchSize = 500,
  ): Promise<CsvImportResult> {
    const progress: CsvProgress = { rowsRead: 0, accepted: 0, rejected: 0, held: 0 };
    if (!(await this.jobs.begin(jobId))) return { ...progress, takenOver: true };
    try {
      await this.run(source, jobId, path, batchSize, progress);
      await this.jobs.finished(jobId, null);
      return progress;
    } catch (err) {
      const failed = describeFailure(err);
      // No row content in logs: codes and counts only.
      this.logger.warn(
        { jobId, sourceId: source.sourceId, code: failed.code, rowsRead: progress.rowsRead },
        'CSV import failed',
      );
      await this.jobs.finished(jobId, failed);
      return { ...progress, failed };
    }
  }

  private async run(
    source: SourcePrincipal,
    jobId: string,
    path: string,
    batchSize: number,
    progress: CsvProgress,
  ): Promise<void> {
    const { spec, mapper } = this.mappings.get(source.sourceId);
    const head = await readCsvHead(path, spec);
    const { policy } = head;
    await this.jobs.started(jobId, {
      encoding: head.encoding,
      confidence: head.confidence,
      delimiter: head.delimiter,
      columns: head.columns,
    });

    const problems: RejectedRowProblem[] = [];
    let pending: PendingRecord[] = [];
    let seq = 0;
    // Batches in flight: the next batch is mapped while intake stores the previous one (the database
    // works on its own core meanwhile). Results are counted in order, by this loop only.
    const inFlight: Array<Promise<{ result: BatchResult; batch: PendingRecord[] }>> = [];
    const settleOldest = async (): Promise<void> => {
      const done = inFlight.shift();
      if (done === undefined) return;
      const { result, batch } = await done;
      this.count(result, batch, policy, progress, problems);
    };
    const persist = async (): Promise<void> => {
      await this.jobs.progress(jobId, progress, problems, seq);
      seq += problems.length;
      problems.length = 0;
    };
    const flush = async (): Promise<void> => {
      const batch = pending;
      pending = [];
      if (batch.length > 0) {
        inFlight.push(this.submit(source, jobId, batch).then((result) => ({ result, batch })));
        // Attached at once so a failing batch is never an unhandled rejection while another is awaited.
        inFlight[inFlight.length - 1].catch(() => undefined);
      }
      while (inFlight.length >= MAX_BATCHES_IN_FLIGHT) await settleOldest();
      await persist();
    };

    for await (const item of readCsvRows(path, head)) {
      progress.rowsRead++;
      if (item.kind === 'malformed') {
        progress.rejected++;
        problems.push(malformedRow(item.rowNumber, item.line));
        if (problems.length >= batchSize) await flush();
        continue;
      }
      const { row } = item;
      const mapped = mapWithPolicy(mapper, policy, row);
      if (mapped.record !== undefined) {
        pending.push({ rowNumber: row.rowNumber, record: mapped.record, row });
        if (pending.length >= batchSize) await flush();
      } else {
        this.refuse(mapped, row, policy, progress, problems);
        if (problems.length >= batchSize) await flush();
      }
    }
    await flush();
    while (inFlight.length > 0) await settleOldest();
    await persist();
  }

  private refuse(
    mapped: MappedRow,
    row: SourceRow,
    policy: RowEncodingPolicy,
    progress: CsvProgress,
    problems: RejectedRowProblem[],
  ): void {
    if (mapped.needsReview) progress.held++;
    else progress.rejected++;
    const original = originalOf(row, policy);
    for (const issue of mapped.issues) {
      problems.push({
        rowNumber: row.rowNumber,
        field: issue.sourcePath ? `${issue.field} (${issue.sourcePath})` : issue.field,
        code: issue.code,
        message: issue.message,
        review: mapped.needsReview,
        original,
      });
    }
  }

  private submit(
    source: SourcePrincipal,
    jobId: string,
    batch: readonly PendingRecord[],
  ): Promise<BatchResult> {
    return this.intake.submitBatch(source, { records: batch.map((p) => p.record) }, `csv-${jobId}`, 'CSV');
  }

  private count(
    result: BatchResult,
    batch: readonly PendingRecord[],
    policy: RowEncodingPolicy,
    progress: CsvProgress,
    problems: RejectedRowProblem[],
  ): void {
    for (const outcome of result.outcomes) {
      const pending = batch[outcome.index];
      if (outcome.outcome === 'rejected') {
        progress.rejected++;
        for (const error of outcome.errors ?? []) {
          problems.push({
            rowNumber: pending.rowNumber,
            field: error.path,
            code: error.code,
            message: error.message,
            review: false,
            original: originalOf(pending.row, policy),
          });
        }
      } else if (outcome.outcome === 'held') progress.held++;
      else progress.accepted++;
    }
  }
}

/** The row as text for the report: decoded as its row was (or as UTF-8), NUL made visible, long values cut. */
function originalOf(row: SourceRow, policy: RowEncodingPolicy): Record<string, string> {
  const decided = policy.forRow(row);
  const encoding = decided.kind === 'decided' ? (decided.encoding ?? 'utf8') : decided.encoding;
  const out: Record<string, string> = {};
  for (const [column, value] of Object.entries(row.values)) {
    if (typeof value !== 'string') continue;
    const cut = value.length > MAX_ORIGINAL_CHARS ? value.slice(0, MAX_ORIGINAL_CHARS) : value;
    // PostgreSQL cannot store U+0000 in jsonb: shown as the visible symbol for NUL.
    const text = decodeLegacyText(Buffer.from(cut, 'latin1'), encoding).replaceAll('\u0000', '\u2400');
    out[column] = value.length > MAX_ORIGINAL_CHARS ? `${text}… (${value.length} ký tự)` : text;
  }
  return out;
}

function malformedRow(rowNumber: number, line: number): RejectedRowProblem {
  return {
    rowNumber,
    field: '',
    code: 'CSV.MALFORMED_ROW',
    message: `Dòng CSV hỏng (dòng ${line || '?'} của tệp): dấu ngoặc kép sai hoặc không đóng; hãy sửa dòng này trong tệp.`,
    review: false,
    original: {},
  };
}

function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof CsvAdapterException) return { code: err.code, message: err.message };
  if (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('CSV_')
  ) {
    const lines = 'lines' in err ? String(err.lines) : '?';
    const what =
      err.code === 'CSV_MAX_RECORD_SIZE'
        ? `một dòng dài quá ${MAX_RECORD_BYTES / 1024 / 1024} MB`
        : err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'dấu ngoặc kép không được đóng đến hết tệp'
          : `lỗi định dạng (${err.code})`;
    return {
      code: 'CSV.UNREADABLE',
      message: `Không đọc tiếp được tệp CSV từ dòng ${lines}: ${what}. Các dòng trước đó đã được xử lý.`,
    };
  }
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return { code: err.code, message: err instanceof Error ? err.message : 'lỗi' };
  }
  return { code: 'CSV.IMPORT_FAILED', message: 'Lỗi hệ thống khi nhập tệp; hãy báo bộ phận kỹ thuật.' };
}
