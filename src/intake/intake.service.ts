import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityAlertService } from '../alerts/security-alert.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { SourcePrincipal } from '../auth/source-principal.js';
import { uuidV7 } from '../common/util/uuid-v7.js';
import { insertRows, jsonOf, rows, type Queryable } from '../database/sql.js';
import { IntakeErrors, MAX_BATCH_RECORDS } from './intake.exception.js';
import {
  INTAKE_ITEM_COLUMNS,
  toBatchOutcome,
  toItemView,
  type BatchOutcomeView,
  type IntakeItemRow,
  type IntakeItemView,
} from './intake-item.view.js';
import { IntakeProcessorService } from './intake-processor.service.js';
import { recordSlices } from './raw-records.js';

export interface BatchResult {
  batchId: string;
  received: number;
  receivedAt: string;
  summary: Record<'accepted' | 'duplicate' | 'updated' | 'rejected' | 'held' | 'received', number>;
  outcomes: BatchOutcomeView[];
}

/**
 * Intake for source systems: every record is stored raw, with its source and the source's own
 * record id, and committed before anything else happens; then it is processed. A crash between the
 * two loses nothing: the recovery sweep processes what is still RECEIVED.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processor: IntakeProcessorService,
    private readonly audit: AuditService,
    private readonly alerts: SecurityAlertService,
  ) {}

  async submitBatch(
    source: SourcePrincipal,
    body: unknown,
    correlationId: string | null,
    transport = 'REST',
    rawBody?: Buffer,
  ): Promise<BatchResult> {
    const records = parseBatch(body);
    // Each record's own bytes, when the body they were parsed from is at hand (see recordSlices).
    const raw = rawBody ? recordSlices(rawBody, records.length) : null;
    const batchId = uuidV7();
    const itemIds = records.map(() => uuidV7());
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO intake_batch (id, source_id, transport, record_count, correlation_id) VALUES ($1, $2, $3, $4, $5)',
        [batchId, source.sourceId, transport, records.length, correlationId],
      );
      await insertRows(
        tx,
        'intake_item',
        {
          id: 'uuid',
          batch_id: 'uuid',
          seq: 'int',
          source_id: 'text',
          source_record_id: 'text',
          correlation_id: 'text',
        },
        records.map((payload, seq) => ({
          id: itemIds[seq],
          batch_id: batchId,
          seq,
          source_id: source.sourceId,
          source_record_id: sourceRecordIdOf(payload),
          correlation_id: correlationId,
        })),
      );
      await insertPayloads(tx, itemIds, records, raw);
      await this.audit.append(
        [
          {
            actorType: 'SOURCE',
            actorId: source.sourceId,
            action: 'INTAKE.BATCH_RECEIVED',
            entityType: 'intake_batch',
            entityId: batchId,
            provinceCode: source.provinceCode,
            correlationId,
            details: { records: records.length, transport },
          },
        ],
        tx,
      );
    });
    // The payloads are in memory already; the processor does not read them back.
    const receivedAt = new Date().toISOString();
    const processed = await this.processor.process(
      itemIds,
      new Map(itemIds.map((id, i) => [id, records[i]])),
    );
    // Records for authorities outside the source's province: one alert (after the commit).
    await this.alerts.onSourceOutsideProvince(source, itemIds, processed);
    // Items another worker (the recovery sweep) happened to take are read back from the table.
    const elsewhere = processed.size < itemIds.length ? await this.itemsOfBatch(batchId) : [];
    const outcomes = itemIds.map((itemId, index): BatchOutcomeView => {
      const mine = processed.get(itemId);
      if (mine) return toBatchOutcome(index, itemId, sourceRecordIdOf(records[index]), mine);
      const { batchId: _b, receivedAt: _r, processedAt: _p, ...view } = elsewhere[index];
      return view;
    });
    const summary = { accepted: 0, duplicate: 0, updated: 0, rejected: 0, held: 0, received: 0 };
    for (const o of outcomes) summary[o.outcome]++;
    return { batchId, received: records.length, receivedAt, summary, outcomes };
  }

  async getItem(source: SourcePrincipal, itemId: string): Promise<IntakeItemView> {
    // Another source's item is "not found": its existence is not leaked.
    const [row] = await rows<IntakeItemRow>(
      this.dataSource,
      `SELECT ${INTAKE_ITEM_COLUMNS} FROM intake_item WHERE id = $1 AND source_id = $2`,
      [itemId, source.sourceId],
    );
    if (!row) throw IntakeErrors.itemNotFound(itemId);
    return toItemView(row);
  }

  async findBySourceRecordId(source: SourcePrincipal, sourceRecordId: string): Promise<IntakeItemView[]> {
    const found = await rows<IntakeItemRow>(
      this.dataSource,
      `SELECT ${INTAKE_ITEM_COLUMNS} FROM intake_item WHERE source_id = $1 AND source_record_id = $2
        ORDER BY received_at DESC, seq DESC LIMIT 100`,
      [source.sourceId, sourceRecordId],
    );
    return found.map(toItemView);
  }

  private async itemsOfBatch(batchId: string): Promise<IntakeItemView[]> {
    const found = await rows<IntakeItemRow>(
      this.dataSource,
      `SELECT ${INTAKE_ITEM_COLUMNS} FROM intake_item WHERE batch_id = $1 ORDER BY seq`,
      [batchId],
    );
    return found.map(toItemView);
  }
}

function parseBatch(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw IntakeErrors.notABatch();
  for (const key of Object.keys(body)) if (key !== 'records') throw IntakeErrors.unknownBatchField(key);
  const records = (body as { records?: unknown }).records;
  if (!Array.isArray(records)) throw IntakeErrors.notABatch();
  if (records.length === 0 || records.length > MAX_BATCH_RECORDS)
    throw IntakeErrors.batchSize(records.length);
  return records;
}

/**
 * The raw records as received, by COPY (or one statement for a small batch): see insertRows. With
 * the body's bytes of each record, those are stored as they came (no second serialisation; see jsonOf
 * for the one exception).
 */
async function insertPayloads(
  tx: Queryable,
  itemIds: readonly string[],
  records: readonly unknown[],
  raw: readonly Buffer[] | null,
): Promise<void> {
  await insertRows(
    tx,
    'intake_payload',
    { item_id: 'uuid', payload: 'json' },
    records.map((payload, i) => ({
      item_id: itemIds[i],
      payload: raw ? jsonOf(raw[i], payload) : payload,
    })),
  );
}

/** Kept beside the raw payload so a source can ask by its own id even for a record that failed. */
function sourceRecordIdOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const source = (record as { source?: unknown }).source;
  if (typeof source !== 'object' || source === null) return null;
  const id = (source as { sourceRecordId?: unknown }).sourceRecordId;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}
