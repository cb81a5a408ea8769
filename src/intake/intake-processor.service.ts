import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { recordset, recordsetColumns, rows } from '../database/sql.js';
import {
  RegisterWriteConflict,
  type RegisterCandidate,
  type RegisterOutcome,
} from '../register/register-outcome.js';
import type { RecordError } from '../validation/record-error.js';
import { RecordValidationService } from '../validation/record-validation.service.js';
import { IntakeMatchingService } from './intake-matching.service.js';

interface ClaimedItem {
  id: string;
  source_id: string;
  payload: unknown;
  correlation_id: string | null;
  province_code: string;
}

const MAX_ATTEMPTS = 4;

/** First key of the advisory locks that claim intake batches (the second is the batch id's hash). */
const BATCH_LOCK_CLASS = 727101;

/**
 * Takes stored intake items from RECEIVED to their outcome. Items are claimed batch by batch with a
 * transaction-scoped advisory lock (a batch held elsewhere is skipped) and their outcome is written in the same transaction as the register rows, so an item is
 * processed exactly once even when a request and the recovery sweep (or two hub processes) race.
 */
@Injectable()
export class IntakeProcessorService {
  private readonly logger = new Logger(IntakeProcessorService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly validation: RecordValidationService,
    private readonly matched: IntakeMatchingService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Processes the given items (those still RECEIVED and not locked by another worker) and returns
   * the outcome of each it processed. `payloads` spares reading back what the caller has just
   * stored; without it they are read from the table.
   */
  async process(
    itemIds: readonly string[],
    payloads?: ReadonlyMap<string, unknown>,
  ): Promise<Map<string, RegisterOutcome>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', (tx) =>
          this.processIn(tx, itemIds, payloads),
        );
      } catch (err) {
        if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
        this.logger.warn({ attempt, code: errorCode(err) }, 'intake batch hit a concurrent writer; retrying');
      }
    }
  }

  private async processIn(
    tx: EntityManager,
    itemIds: readonly string[],
    payloads?: ReadonlyMap<string, unknown>,
  ): Promise<Map<string, RegisterOutcome>> {
    // A batch is claimed whole by a transaction-scoped advisory lock (one lock, where row locks would
    // write every item's tuple twice); a batch another worker holds is skipped, like SKIP LOCKED.
    // The items are read after the lock is held, so what that worker committed is seen.
    const locked = await rows<{ batch_id: string }>(
      tx,
      `SELECT b.batch_id FROM (SELECT DISTINCT batch_id FROM intake_item WHERE id = ANY($1::uuid[])
                                 ORDER BY batch_id) b
        WHERE pg_try_advisory_xact_lock(${BATCH_LOCK_CLASS}, hashtext(b.batch_id::text))`,
      [itemIds],
    );
    if (locked.length === 0) return new Map();
    const claimed = await rows<ClaimedItem>(
      tx,
      `SELECT i.id, i.source_id, ${payloads ? 'NULL AS payload' : '(SELECT p.payload FROM intake_payload p WHERE p.item_id = i.id) AS payload'},
              i.correlation_id, s.province_code
         FROM intake_item i JOIN source s ON s.id = i.source_id
        WHERE i.id = ANY($1::uuid[]) AND i.batch_id = ANY($2::uuid[]) AND i.status = 'RECEIVED'
        ORDER BY i.batch_id, i.seq`,
      [itemIds, locked.map((l) => l.batch_id)],
    );
    const outcomes = new Map<string, RegisterOutcome>();
    const security: AuditEntry[] = [];
    for (const group of groupBy(claimed, (c) => c.source_id)) {
      const first = group[0];
      const candidates: RegisterCandidate[] = [];
      for (const item of group) {
        const result = await this.validation.validate(payloads ? payloads.get(item.id) : item.payload, {
          sourceId: item.source_id,
          provinceCode: item.province_code,
        });
        if (result.ok) candidates.push({ itemId: item.id, value: result.value });
        else {
          outcomes.set(item.id, { status: 'REJECTED', errors: result.errors });
          security.push(...outsideProvinceAlerts(item, result.errors));
        }
      }
      // Matching decides (new, same event, duplicate, held, re-registration) before the writer writes.
      const written = await this.matched.write(tx, candidates, {
        sourceId: first.source_id,
        correlationId: first.correlation_id,
      });
      for (const [id, outcome] of written) outcomes.set(id, outcome);
    }
    await this.saveOutcomes(tx, outcomes);
    await this.audit.append(security, tx);
    return outcomes;
  }

  private async saveOutcomes(tx: EntityManager, outcomes: Map<string, RegisterOutcome>): Promise<void> {
    if (outcomes.size === 0) return;
    const updates = [...outcomes].map(([id, o]) => ({
      id,
      status: o.status,
      event_id: o.status === 'REJECTED' || o.status === 'HELD' ? null : o.eventId,
      version: o.status === 'REJECTED' || o.status === 'HELD' ? null : o.version,
      errors: o.status === 'REJECTED' ? o.errors : null,
    }));
    const { definitions } = recordsetColumns({
      id: 'uuid',
      status: 'text',
      event_id: 'uuid',
      version: 'int',
      errors: 'jsonb',
    });
    await tx.query(
      `UPDATE intake_item i SET status = o.status, event_id = o.event_id, event_version = o.version,
              errors = o.errors, processed_at = now()
         FROM json_to_recordset($1::json) AS o(${definitions})
        WHERE i.id = o.id`,
      [recordset(updates)],
    );
  }
}

/** A source submitting outside its province is a security event, recorded beside the rejection. */
function outsideProvinceAlerts(item: ClaimedItem, errors: readonly RecordError[]): AuditEntry[] {
  if (!errors.some((e) => e.code === 'AUTH.OUTSIDE_SOURCE_PROVINCE')) return [];
  return [
    {
      actorType: 'SOURCE',
      actorId: item.source_id,
      action: 'SECURITY.SOURCE_OUTSIDE_PROVINCE',
      entityType: 'intake_item',
      entityId: item.id,
      provinceCode: item.province_code,
      correlationId: item.correlation_id,
      details: { severity: 'WARNING' },
    },
  ];
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/** Unique violations from a concurrent batch, serialization failures and deadlocks: run again. */
function isRetryable(err: unknown): boolean {
  if (err instanceof RegisterWriteConflict) return true;
  const driverCode = errorCode((err as { driverError?: unknown }).driverError) ?? errorCode(err);
  return driverCode === '23505' || driverCode === '40001' || driverCode === '40P01';
}
