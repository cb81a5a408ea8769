import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { rows } from '../database/sql.js';
import { PopulationException } from './population.exception.js';
import type { PopulationOptions } from './population.options.js';
import { POPULATION_OPTIONS } from './population.tokens.js';

export interface EventConfirmation {
  eventId: string;
  /** The latest message's state: PENDING until the population database answers. */
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'DEAD' | 'SKIPPED';
  personalIdNumber: string | null;
  rejection: { code: string; reason: string } | null;
  lastError: string | null;
  attempts: number;
  confirmedAt: string | null;
  latencyMs: number | null;
  timedOut: boolean;
}

interface LatestRow {
  status: string;
  personal_id_number: string | null;
  reply_code: string | null;
  reply_reason: string | null;
  last_error: string | null;
  attempts: number;
  answered_at: Date | null;
  latency_ms: string | null;
  source_id: string | null;
}

const POLL_MS = 200;

/** Reads of the link's state: one event's confirmation (waited for), service level, dead letters. */
@Injectable()
export class PopulationStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(POPULATION_OPTIONS) private readonly options: PopulationOptions,
  ) {}

  warningAgeMs(): number {
    return this.options.slaWarningMs;
  }

  /**
   * Waits until the event's latest message is answered or the timeout passes. Polls the database, so
   * it works whichever process applied the reply (several hub processes share the outbox).
   */
  async waitForConfirmation(
    eventId: string,
    sourceId: string,
    timeoutMs: number,
  ): Promise<EventConfirmation> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.latest(eventId);
      if (!row || row.source_id !== sourceId) throw PopulationException.eventNotFound(eventId);
      const view = toView(eventId, row);
      if (view.status !== 'PENDING' || Date.now() >= deadline)
        return { ...view, timedOut: view.status === 'PENDING' };
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
  }

  private async latest(eventId: string): Promise<LatestRow | undefined> {
    const [row] = await rows<LatestRow>(
      this.db,
      `SELECT o.status, o.personal_id_number, o.reply_code, o.reply_reason, o.last_error, o.attempts,
              o.answered_at, o.latency_ms, e.source_id
         FROM civil_event e JOIN outbox_message o ON o.event_id = e.id
        WHERE e.id = $1 ORDER BY o.event_version DESC, o.id DESC LIMIT 1`,
      [eventId],
    );
    return row;
  }

  /**
   * Unanswered messages past the warning age and past the breach age (12 hours), by today's province
   * and source, with dead letters and the latency of the last hour's confirmations.
   */
  async serviceLevel(): Promise<{
    warningAgeMs: number;
    breachAgeMs: number;
    byProvinceAndSource: Array<{
      provinceCode: string | null;
      sourceId: string | null;
      pending: number;
      overWarning: number;
      overBreach: number;
      dead: number;
      oldestPendingAgeMs: number | null;
    }>;
    lastHour: { confirmed: number; rejected: number; p50Ms: number | null; p99Ms: number | null };
  }> {
    const { slaWarningMs: warn, slaBreachMs: breach } = this.options;
    const groups = await rows<{
      province_code: string | null;
      source_id: string | null;
      pending: string;
      over_warning: string;
      over_breach: string;
      dead: string;
      oldest_ms: string | null;
    }>(
      this.db,
      `SELECT e.province_code, e.source_id,
              count(*) FILTER (WHERE o.status IN ('PENDING', 'PUBLISHED')) AS pending,
              count(*) FILTER (WHERE o.created_at < now() - $1 * interval '1 millisecond') AS over_warning,
              count(*) FILTER (WHERE o.created_at < now() - $2 * interval '1 millisecond') AS over_breach,
              count(*) FILTER (WHERE o.status = 'DEAD') AS dead,
              (extract(epoch FROM now() - min(o.created_at)) * 1000)::bigint AS oldest_ms
         FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
        WHERE o.status IN ('PENDING', 'PUBLISHED', 'DEAD')
        GROUP BY e.province_code, e.source_id
        ORDER BY e.province_code NULLS LAST, e.source_id`,
      [warn, breach],
    );
    const [hour] = await rows<{
      confirmed: string;
      rejected: string;
      p50: number | null;
      p99: number | null;
    }>(
      this.db,
      `SELECT count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status = 'CONFIRMED') AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status = 'CONFIRMED') AS p99
         FROM outbox_message WHERE answered_at > now() - interval '1 hour' AND status IN ('CONFIRMED', 'REJECTED')`,
    );
    return {
      warningAgeMs: warn,
      breachAgeMs: breach,
      byProvinceAndSource: groups.map((g) => ({
        provinceCode: g.province_code,
        sourceId: g.source_id,
        pending: Number(g.pending),
        overWarning: Number(g.over_warning),
        overBreach: Number(g.over_breach),
        dead: Number(g.dead),
        oldestPendingAgeMs: g.oldest_ms === null ? null : Number(g.oldest_ms),
      })),
      lastHour: {
        confirmed: Number(hour.confirmed),
        rejected: Number(hour.rejected),
        p50Ms: hour.p50 === null ? null : Math.round(hour.p50),
        p99Ms: hour.p99 === null ? null : Math.round(hour.p99),
      },
    };
  }

  /** Unanswered messages older than the given age (warning or breach), oldest first: ids, no personal data. */
  async overdue(minAgeMs: number, limit: number): Promise<Array<Record<string, unknown>>> {
    return rows(
      this.db,
      `SELECT o.message_id AS "messageId", o.event_id AS "eventId", e.event_type AS "eventType",
              e.province_code AS "provinceCode", e.source_id AS "sourceId", o.status, o.attempts,
              o.last_error AS "lastError", o.created_at AS "registeredAt"
         FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
        WHERE o.status IN ('PENDING', 'PUBLISHED', 'DEAD') AND o.created_at < now() - $1 * interval '1 millisecond'
        ORDER BY o.created_at LIMIT $2`,
      [minAgeMs, limit],
    );
  }

  /** An operator sends a dead letter again, under the same message id (the receiver deduplicates). */
  async replay(messageId: string, operator: string): Promise<{ messageId: string; status: 'PENDING' }> {
    const updated = await rows<{ event_id: string; province_code: string | null }>(
      this.db,
      `WITH replayed AS (UPDATE outbox_message o SET status = 'PENDING', attempts = 0, next_attempt_at = now(), dead_at = NULL,
              replayed_at = now()
         FROM civil_event e
        WHERE o.message_id = $1 AND o.status = 'DEAD' AND e.id = o.event_id
        RETURNING o.event_id, e.province_code)
       SELECT * FROM replayed`,
      [messageId],
    );
    if (updated.length === 0) throw PopulationException.notDead(messageId);
    await this.db.query(
      `INSERT INTO audit_log (actor_type, actor_id, action, entity_type, entity_id, province_code, details)
       VALUES ('USER', $1, 'POPULATION.REPLAYED', 'civil_event', $2, $3, $4)`,
      [operator, updated[0].event_id, updated[0].province_code, JSON.stringify({ messageId })],
    );
    return { messageId, status: 'PENDING' };
  }

  async anomalies(): Promise<Record<string, number>> {
    const found = await rows<{ kind: string; n: string }>(
      this.db,
      'SELECT kind, count(*) n FROM population_reply_anomaly GROUP BY kind',
    );
    return Object.fromEntries(found.map((r) => [r.kind, Number(r.n)]));
  }
}

function toView(eventId: string, row: LatestRow): EventConfirmation {
  const status = row.status === 'PUBLISHED' ? 'PENDING' : (row.status as EventConfirmation['status']);
  return {
    eventId,
    status,
    personalIdNumber: row.personal_id_number,
    rejection: row.reply_code ? { code: row.reply_code, reason: row.reply_reason ?? '' } : null,
    lastError: row.last_error,
    attempts: row.attempts,
    confirmedAt: status === 'CONFIRMED' && row.answered_at ? new Date(row.answered_at).toISOString() : null,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    timedOut: false,
  };
}
