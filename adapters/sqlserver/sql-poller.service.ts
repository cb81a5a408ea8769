import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { IntakeService, type BatchResult } from '../../src/intake/intake.service.js';
import type { MappedRow } from '../../src/mapping/engine/mapping-result.model.js';
import type { RecordMapper } from '../../src/mapping/engine/record-mapper.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { LEGACY_SQL_CONNECTOR, type LegacySqlConnector, type LegacySqlDriver } from './legacy-sql.driver.js';
import type { PollPlan, TablePoll, WatermarkValue } from './poll-plan.model.js';
import { buildPollQuery, watermarkOf } from './poll-query.builder.js';
import { SqlAdapterException, translateSqlError } from './sql-adapter.exception.js';
import { backoffMs, SQL_ADAPTER_OPTIONS, type SqlAdapterOptions } from './sql-adapter.options.js';
import { SqlPollCheckpointRepository, type SqlRowProblem } from './sql-poll-checkpoint.repository.js';
import { SqlPollPlans } from './sql-poll-plans.js';
import { originalOf, rowValues } from './sql-row.util.js';

export interface TablePollResult {
  readonly table: string;
  rowsRead: number;
  batches: number;
  submitted: number;
  accepted: number;
  rejected: number;
  held: number;
  /** Rows the mapping refused (kept in sql_poll_problem). */
  unmapped: number;
  /** Another hub process holds the table's lease: nothing was read here. */
  skipped?: true;
}

export interface SourcePollResult {
  readonly sourceId: string;
  readonly tables: TablePollResult[];
  readonly attempts: number;
  /** Codes of the failures tried again within this poll (e.g. SQL.CONNECTION_LOST). */
  readonly retriedAfter: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Reads a legacy database table by table, batch by batch in watermark order: rows mapped with the
 * source's mapping, mapped records handed to intake, then (intake committed) the refused rows and the
 * new watermark stored together. A failure anywhere leaves the watermark where it was.
 */
@Injectable()
export class SqlPollerService {
  private readonly logger = new Logger(SqlPollerService.name);
  /** This process, as lease owner. */
  private readonly owner = `sql-poller-${randomUUID()}`;
  /** Polls running in this process: the lease tells processes apart, this the polls of one process. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly intake: IntakeService,
    private readonly mappings: MappingRegistry,
    private readonly plans: SqlPollPlans,
    private readonly checkpoints: SqlPollCheckpointRepository,
    @Inject(LEGACY_SQL_CONNECTOR) private readonly connect: LegacySqlConnector,
    @Inject(SQL_ADAPTER_OPTIONS) private readonly options: SqlAdapterOptions,
  ) {}

  planOf(sourceId: string): PollPlan {
    const plan = this.plans.get(sourceId);
    if (plan === undefined) {
      throw new SqlAdapterException(
        'SQL.NOT_CONFIGURED',
        `Nguồn ${sourceId} không có poll.yaml (mappings/${sourceId}/poll.yaml).`,
      );
    }
    return plan;
  }

  /**
   * One poll of a source: every table read to its end. A retryable failure (connection lost mid-batch,
   * timeout) is tried again after a backoff, from the last committed watermark; a permanent one, or
   * the last try's failure, is thrown as a SqlAdapterException.
   */
  async pollSource(source: SourcePrincipal, url: string): Promise<SourcePollResult> {
    const before = this.running.get(source.sourceId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.pollAlone(source, url));
    this.running.set(source.sourceId, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(source.sourceId) === mine) this.running.delete(source.sourceId);
    }
  }

  private async pollAlone(source: SourcePrincipal, url: string): Promise<SourcePollResult> {
    const plan = this.planOf(source.sourceId);
    const results = new Map<string, TablePollResult>();
    const retriedAfter: string[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pollOnce(source, plan, url, results);
        return { sourceId: source.sourceId, tables: [...results.values()], attempts: attempt, retriedAfter };
      } catch (err) {
        const failure = translateSqlError(err, `Nguồn ${source.sourceId}`);
        this.logger.warn(
          { sourceId: source.sourceId, code: failure.code, attempt, retryable: failure.retryable },
          'SQL poll failed',
        );
        if (!failure.retryable || attempt >= this.options.attempts) throw failure;
        retriedAfter.push(failure.code);
        await sleep(backoffMs(this.options, attempt));
      }
    }
  }

  private async pollOnce(
    source: SourcePrincipal,
    plan: PollPlan,
    url: string,
    results: Map<string, TablePollResult>,
  ): Promise<void> {
    const driver = await this.connect(url);
    try {
      for (const table of plan.tables) {
        const result = results.get(table.table) ?? emptyResult(table.table);
        results.set(table.table, result);
        await this.pollTable(source, plan, table, driver, result);
      }
    } finally {
      await driver.close().catch(() => undefined);
    }
  }

  private async pollTable(
    source: SourcePrincipal,
    plan: PollPlan,
    table: TablePoll,
    driver: LegacySqlDriver,
    result: TablePollResult,
  ): Promise<void> {
    const leased = await this.checkpoints.lease(
      source.sourceId,
      table.table,
      this.owner,
      this.options.leaseMs,
    );
    if (leased === undefined) {
      result.skipped = true;
      return;
    }
    delete result.skipped;
    let after = parseWatermark(leased.watermark);
    // Batches in flight: the next batch is read and mapped while intake stores the previous one.
    // Watermarks are still committed strictly in order, each only after its own batch's intake.
    const inFlight: Array<Promise<Submitted>> = [];
    let rowsMapped = result.rowsRead;
    const settleOldest = async (): Promise<void> => {
      const next = inFlight.shift();
      if (next !== undefined) await this.commit(source, table, await next, result);
    };
    try {
      for (;;) {
        const batch = await this.readBatch(driver, table, after, plan.batchSize);
        if (batch.length === 0) break;
        after = batch[batch.length - 1].watermark;
        const mapped = this.mapBatch(source, table, batch, rowsMapped);
        rowsMapped += batch.length;
        const submitting = this.submit(source, plan, table, mapped);
        // Attached at once so a failing batch is never an unhandled rejection while another is awaited.
        submitting.catch(() => undefined);
        inFlight.push(submitting);
        while (inFlight.length >= MAX_BATCHES_IN_FLIGHT) await settleOldest();
        if (batch.length < plan.batchSize) break;
      }
      while (inFlight.length > 0) await settleOldest();
    } catch (err) {
      const failure = translateSqlError(err, `Nguồn ${source.sourceId}, bảng ${table.table}`);
      await this.checkpoints.recordError(source.sourceId, table.table, failure.code).catch(() => undefined);
      throw failure;
    } finally {
      await this.checkpoints.release(source.sourceId, table.table, this.owner).catch(() => undefined);
    }
  }

  private async readBatch(
    driver: LegacySqlDriver,
    table: TablePoll,
    after: WatermarkValue | undefined,
    limit: number,
  ): Promise<Array<{ values: Record<string, unknown>; watermark: WatermarkValue }>> {
    const { sql, params } = buildPollQuery(driver.dialect, table, after, limit);
    const raw = await driver.query(sql, params);
    return raw.map((row, i) => {
      const watermark = watermarkOf(table, row);
      if (watermark === undefined) {
        throw new SqlAdapterException(
          'SQL.QUERY_REJECTED',
          `Bảng ${table.table}: dòng ${i + 1} của lô không có giá trị cột mốc '${table.watermark.column}' dùng được; kiểm tra poll.yaml (watermark) và câu truy vấn.`,
        );
      }
      return { values: rowValues(row), watermark };
    });
  }

  /** Each row mapped with the source's mapping; a refused row becomes its problems (kept, not lost). */
  private mapBatch(
    source: SourcePrincipal,
    table: TablePoll,
    batch: ReadonlyArray<{ values: Record<string, unknown>; watermark: WatermarkValue }>,
    /** Rows of this table read before the batch in this poll: row numbers continue from there. */
    before: number,
  ): MappedBatch {
    const { mapper } = this.mappings.get(source.sourceId);
    const records: Array<Record<string, unknown>> = [];
    const problems: SqlRowProblem[] = [];
    let unmapped = 0;
    batch.forEach(({ values, watermark }, i) => {
      const mapped = mapRow(mapper, table.table, before + i + 1, values);
      if (mapped.record !== undefined) {
        records.push(mapped.record);
        return;
      }
      unmapped++;
      const rowKey = mapped.recordId ?? watermarkKey(watermark);
      const original = originalOf(values);
      for (const issue of mapped.issues) {
        problems.push({
          rowKey,
          field: issue.sourcePath ? `${issue.field} (${issue.sourcePath})` : issue.field,
          code: issue.code,
          message: issue.message,
          original,
        });
      }
      if (mapped.issues.length === 0) {
        problems.push({
          rowKey,
          field: '',
          code: 'MAPPING.FAILED',
          message: 'Không chuyển đổi được dòng.',
          original,
        });
      }
    });
    return { records, problems, unmapped, rows: batch.length, last: batch[batch.length - 1].watermark };
  }

  private async submit(
    source: SourcePrincipal,
    plan: PollPlan,
    table: TablePoll,
    mapped: MappedBatch,
  ): Promise<Submitted> {
    if (mapped.records.length === 0) return { mapped };
    const outcome = await this.intake.submitBatch(
      source,
      { records: mapped.records },
      `sql-${plan.sourceId}-${table.table}`,
      'SQL',
    );
    return { mapped, outcome };
  }

  /** Intake has committed the batch: its refused rows and the watermark of its last row, together. */
  private async commit(
    source: SourcePrincipal,
    table: TablePoll,
    { mapped, outcome }: Submitted,
    result: TablePollResult,
  ): Promise<void> {
    const committed = await this.checkpoints.commitBatch(
      source.sourceId,
      table.table,
      this.owner,
      this.options.leaseMs,
      mapped.last,
      mapped.rows,
      mapped.problems,
    );
    if (!committed) {
      throw new SqlAdapterException(
        'SQL.SERVER_BUSY',
        `Bảng ${table.table}: một tiến trình khác đã nhận việc đọc bảng này; lô vừa đọc sẽ được nó đọc lại.`,
      );
    }
    result.rowsRead += mapped.rows;
    result.batches++;
    result.unmapped += mapped.unmapped;
    if (outcome !== undefined) {
      result.submitted += mapped.records.length;
      result.accepted += outcome.summary.accepted + outcome.summary.duplicate + outcome.summary.updated;
      result.rejected += outcome.summary.rejected;
      result.held += outcome.summary.held;
    }
  }
}

interface MappedBatch {
  readonly records: Array<Record<string, unknown>>;
  readonly problems: SqlRowProblem[];
  readonly unmapped: number;
  readonly rows: number;
  readonly last: WatermarkValue;
}

interface Submitted {
  readonly mapped: MappedBatch;
  readonly outcome?: BatchResult;
}

/** Intake takes at most 2 concurrent batches per process (INTAKE_MAX_CONCURRENT_BATCHES' default). */
const MAX_BATCHES_IN_FLIGHT = 2;

function emptyResult(table: string): TablePollResult {
  return { table, rowsRead: 0, batches: 0, submitted: 0, accepted: 0, rejected: 0, held: 0, unmapped: 0 };
}

function mapRow(
  mapper: RecordMapper,
  table: string,
  rowNumber: number,
  values: Record<string, unknown>,
): MappedRow {
  return mapper.mapRow({ rowNumber, table, values, rawBytes: false });
}

function watermarkKey(w: WatermarkValue): string {
  switch (w.kind) {
    case 'rowversion':
      return `rowversion:0x${w.hex}`;
    case 'updatedAt':
      return `updatedAt:${w.at}/${w.id}`;
    case 'id':
      return `id:${w.id}`;
  }
}

/** The stored watermark, checked: a hand-edited or foreign value restarts nothing silently. */
export function parseWatermark(value: unknown): WatermarkValue | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value as Record<string, unknown>;
  const id = (x: unknown): x is string | number => typeof x === 'string' || typeof x === 'number';
  if (v['kind'] === 'rowversion' && typeof v['hex'] === 'string' && /^[0-9a-f]{16}$/.test(v['hex']))
    return { kind: 'rowversion', hex: v['hex'] };
  if (v['kind'] === 'updatedAt' && typeof v['at'] === 'string' && id(v['id']))
    return { kind: 'updatedAt', at: v['at'], id: v['id'] };
  if (v['kind'] === 'id' && id(v['id'])) return { kind: 'id', id: v['id'] };
  throw new SqlAdapterException(
    'SQL.NOT_CONFIGURED',
    'Mốc đọc đã lưu (sql_poll_checkpoint.watermark) không hợp lệ; hãy kiểm tra trước khi đọc tiếp.',
  );
}
