import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import {
  ChangeNoticeService,
  sourceUpdateNotice,
  sourceUpdateReason,
} from '../changes/change-notice.service.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { uuidV7 } from '../common/util/uuid-v7.js';
import { rows } from '../database/sql.js';
import type { ValidatedRecord } from '../validation/record-validation.service.js';
import { asExisting, IdentityIndex, loadClashing } from './identity-guards.js';
import { type RegisterActor, type RegisterCandidate, type RegisterOutcome } from './register-outcome.js';
import {
  eventColumnsOf,
  insertEvents,
  insertOutbox,
  insertVersions,
  replaceParties,
  type NewEventRow,
  type OutboxRow,
  type VersionRow,
} from './register-rows.js';

interface PriorOfSource {
  id: string;
  source_record_id: string;
  content_hash: string;
  version: number;
}

/**
 * Writes validated records into the register: the event, its parties, its version history, the
 * outbox message for the population database and the audit entry, all in the caller's transaction.
 * Set-based: a batch of 1,000 records costs a handful of statements, not thousands.
 */
@Injectable()
export class RegisterWriterService {
  constructor(
    private readonly audit: AuditService,
    private readonly changeNotices: ChangeNoticeService,
  ) {}

  async writeBatch(
    tx: EntityManager,
    candidates: readonly RegisterCandidate[],
    actor: RegisterActor,
  ): Promise<Map<string, RegisterOutcome>> {
    const outcomes = new Map<string, RegisterOutcome>();
    // A source record sent twice in one batch is applied in order: first occurrences, then seconds...
    for (const round of roundsBySourceRecord(candidates)) {
      await this.writeRound(tx, round, actor, outcomes);
    }
    return outcomes;
  }

  private async writeRound(
    tx: EntityManager,
    candidates: readonly RegisterCandidate[],
    actor: RegisterActor,
    outcomes: Map<string, RegisterOutcome>,
  ): Promise<void> {
    const prior = await rows<PriorOfSource>(
      tx,
      `SELECT id, source_record_id, content_hash, version FROM civil_event
        WHERE source_id = $1 AND source_record_id = ANY($2::text[]) FOR UPDATE`,
      [actor.sourceId, candidates.map((c) => c.value.sourceRecordId)],
    );
    const priorByRecord = new Map(prior.map((p) => [p.source_record_id, p]));
    const fresh: RegisterCandidate[] = [];
    const updates: Array<RegisterCandidate & { prior: PriorOfSource }> = [];
    for (const c of candidates) {
      const p = priorByRecord.get(c.value.sourceRecordId);
      if (!p) fresh.push(c);
      else if (p.content_hash === c.value.contentHash) {
        outcomes.set(c.itemId, { status: 'DUPLICATE', eventId: p.id, version: p.version });
      } else updates.push({ ...c, prior: p });
    }
    const index = new IdentityIndex(
      await loadClashing(
        tx,
        [...fresh, ...updates].map((c) => c.value),
      ),
    );
    await this.registerNew(tx, fresh, index, actor, outcomes);
    for (const u of updates) await this.applyUpdate(tx, u, index, actor, outcomes);
  }

  private async registerNew(
    tx: EntityManager,
    candidates: readonly RegisterCandidate[],
    index: IdentityIndex,
    actor: RegisterActor,
    outcomes: Map<string, RegisterOutcome>,
  ): Promise<void> {
    const accepted: Array<NewEventRow & { itemId: string }> = [];
    for (const c of candidates) {
      const verdict = index.judge(c.value);
      if (verdict.kind === 'REFUSED') outcomes.set(c.itemId, { status: 'REJECTED', errors: verdict.errors });
      else if (verdict.kind === 'SAME_AS')
        outcomes.set(c.itemId, { status: 'DUPLICATE', eventId: verdict.eventId, version: verdict.version });
      else {
        const row = {
          id: uuidV7(),
          value: c.value,
          sourceId: actor.sourceId,
          earlierEventId: c.earlierEventId ?? verdict.earlierEventId,
        };
        accepted.push({ ...row, itemId: c.itemId });
        index.add(asExisting(row.id, c.value));
      }
    }
    if (accepted.length === 0) return;
    await insertEvents(tx, accepted);
    await insertVersions(
      tx,
      accepted.map((a): VersionRow => ({
        eventId: a.id,
        version: 1,
        changeKind: 'CREATED',
        value: a.value,
        intakeItemId: a.itemId,
      })),
    );
    await replaceParties(
      tx,
      accepted.map((a) => ({ eventId: a.id, value: a.value })),
      { existing: false },
    );
    await insertOutbox(
      tx,
      accepted.map((a) => outboxRow(a.id, 1, a.value, 'REGISTERED')),
    );
    await this.audit.append(
      accepted.map((a) => auditEntry(actor, 'REGISTER.EVENT_REGISTERED', a.id, a.value, 1)),
      tx,
    );
    for (const a of accepted) outcomes.set(a.itemId, { status: 'ACCEPTED', eventId: a.id, version: 1 });
  }

  /** Same source record, changed content: a new version in the history (rare: one at a time). */
  private async applyUpdate(
    tx: EntityManager,
    c: RegisterCandidate & { prior: PriorOfSource },
    index: IdentityIndex,
    actor: RegisterActor,
    outcomes: Map<string, RegisterOutcome>,
  ): Promise<void> {
    const verdict = index.judge(c.value, c.prior.id);
    if (verdict.kind === 'REFUSED') {
      outcomes.set(c.itemId, { status: 'REJECTED', errors: verdict.errors });
      return;
    }
    const v = c.value;
    const version = c.prior.version + 1;
    const columns = eventColumnsOf(v);
    const names = Object.keys(columns);
    await tx.query(
      `UPDATE civil_event SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')},
          version = $${names.length + 2}, updated_at = now()
        WHERE id = $1`,
      [c.prior.id, ...Object.values(columns), version],
    );
    await insertVersions(tx, [
      {
        eventId: c.prior.id,
        version,
        changeKind: 'UPDATED_BY_SOURCE',
        value: v,
        intakeItemId: c.itemId,
        reason: sourceUpdateReason(actor.sourceId),
      },
    ]);
    await replaceParties(tx, [{ eventId: c.prior.id, value: v }], { existing: true });
    await insertOutbox(tx, [outboxRow(c.prior.id, version, v, 'UPDATED')]);
    await this.audit.append([auditEntry(actor, 'REGISTER.EVENT_UPDATED', c.prior.id, v, version)], tx);
    await this.changeNotices.record(tx, [sourceUpdateNotice(actor.sourceId, c.prior.id, version, v)]);
    index.add(asExisting(c.prior.id, v, version));
    outcomes.set(c.itemId, { status: 'UPDATED', eventId: c.prior.id, version });
  }
}

function roundsBySourceRecord(candidates: readonly RegisterCandidate[]): RegisterCandidate[][] {
  const rounds: RegisterCandidate[][] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const n = seen.get(c.value.sourceRecordId) ?? 0;
    seen.set(c.value.sourceRecordId, n + 1);
    (rounds[n] ??= []).push(c);
  }
  return rounds;
}

function outboxRow(
  eventId: string,
  version: number,
  v: ValidatedRecord,
  change: 'REGISTERED' | 'UPDATED',
): OutboxRow {
  return { messageId: uuidV7(), eventId, version, messageType: `${v.record.eventType}.${change}` };
}

function auditEntry(
  actor: RegisterActor,
  action: string,
  eventId: string,
  v: ValidatedRecord,
  version: number,
): AuditEntry {
  return {
    actorType: 'SOURCE',
    actorId: actor.sourceId,
    action,
    entityType: 'civil_event',
    entityId: eventId,
    provinceCode: v.provinceCode,
    correlationId: actor.correlationId,
    details: { version, eventType: v.record.eventType, sourceRecordId: v.sourceRecordId },
  };
}
