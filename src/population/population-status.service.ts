import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '../audit/audit.service.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { eventScope, jurisdictionOf, type Jurisdiction } from '../auth/jurisdiction/jurisdiction.js';
import { changedRows, rows } from '../database/sql.js';
import { PopulationException } from './population.exception.js';
import type { PopulationOptions } from './population.options.js';
import { POPULATION_OPTIONS } from './population.tokens.js';

export interface ServiceLevel {
  /** Whose messages are counted: the Ministry sees all, a Sở Tư pháp its province. */
  jurisdiction: Jurisdiction;
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
  /**
   * Unusable replies by kind. National only: an unmatched reply names no event, hence no province,
   * so a province's view leaves it out.
   */
  replyAnomalies?: Record<string, number>;
}

/**
 * The operators' view of the link: service level, overdue and dead messages, and replay. Every read
 * is restricted to the official's jurisdiction (src/auth/jurisdiction) on the event's province.
 */
@Injectable()
export class PopulationStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(POPULATION_OPTIONS) private readonly options: PopulationOptions,
    private readonly audit: AuditService,
  ) {}

  warningAgeMs(): number {
    return this.options.slaWarningMs;
  }

  /**
   * Unanswered messages past the warning age and past the breach age (12 hours), by today's province
   * and source, with dead letters and the latency of the last hour's answers.
   */
  async serviceLevel(user: Pick<UserPrincipal, 'authorityCode'>): Promise<ServiceLevel> {
    const j = jurisdictionOf(user);
    const { slaWarningMs: warn, slaBreachMs: breach } = this.options;
    const groupScope = eventScope(j, 'e', 3);
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
        WHERE o.status IN ('PENDING', 'PUBLISHED', 'DEAD') AND ${groupScope.sql}
        GROUP BY e.province_code, e.source_id
        ORDER BY e.province_code NULLS LAST, e.source_id`,
      [warn, breach, ...groupScope.params],
    );
    const hourScope = eventScope(j, 'e', 1);
    const [hour] = await rows<{
      confirmed: string;
      rejected: string;
      p50: number | null;
      p99: number | null;
    }>(
      this.db,
      `SELECT count(*) FILTER (WHERE o.status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE o.status = 'REJECTED') AS rejected,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY o.latency_ms) FILTER (WHERE o.status = 'CONFIRMED') AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY o.latency_ms) FILTER (WHERE o.status = 'CONFIRMED') AS p99
         FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
        WHERE o.answered_at > now() - interval '1 hour' AND o.status IN ('CONFIRMED', 'REJECTED')
          AND ${hourScope.sql}`,
      hourScope.params,
    );
    return {
      jurisdiction: j,
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
      ...(j.kind === 'ALL' ? { replyAnomalies: await this.anomalies() } : {}),
    };
  }

  /**
   * Unanswered messages older than the given age (warning or breach), oldest first, within the
   * official's jurisdiction: ids, no personal data.
   */
  async overdue(
    user: Pick<UserPrincipal, 'authorityCode'>,
    minAgeMs: number,
    limit: number,
  ): Promise<Array<Record<string, unknown>>> {
    const scope = eventScope(jurisdictionOf(user), 'e', 3);
    return rows(
      this.db,
      `SELECT o.message_id AS "messageId", o.event_id AS "eventId", e.event_type AS "eventType",
              e.province_code AS "provinceCode", e.source_id AS "sourceId", o.status, o.attempts,
              o.last_error AS "lastError", o.created_at AS "registeredAt"
         FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
        WHERE o.status IN ('PENDING', 'PUBLISHED', 'DEAD') AND o.created_at < now() - $1 * interval '1 millisecond'
          AND ${scope.sql}
        ORDER BY o.created_at LIMIT $2`,
      [minAgeMs, limit, ...scope.params],
    );
  }

  /**
   * An official sends a dead letter again, under the same message id (the receiver deduplicates).
   * The change and its audit entry (the official as actor) commit together. A message outside the
   * official's jurisdiction is treated as not dead (today only the Ministry holds the permission).
   */
  async replay(
    user: Pick<UserPrincipal, 'userId' | 'authorityCode'>,
    messageId: string,
    correlationId: string | null,
  ): Promise<{ messageId: string; status: 'PENDING' }> {
    const scope = eventScope(jurisdictionOf(user), 'e', 2);
    return this.db.transaction(async (tx) => {
      const updated = await changedRows<{ event_id: string; province_code: string | null; attempts: number }>(
        tx,
        `WITH target AS (
           SELECT o.id, o.attempts, e.province_code FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
            WHERE o.message_id = $1 AND o.status = 'DEAD' AND ${scope.sql}
            FOR UPDATE OF o)
         UPDATE outbox_message o SET status = 'PENDING', attempts = 0, next_attempt_at = now(), dead_at = NULL,
                replayed_at = now()
           FROM target t WHERE o.id = t.id
         RETURNING o.event_id, t.province_code, t.attempts`,
        [messageId, ...scope.params],
      );
      const replayed = updated[0];
      if (!replayed) throw PopulationException.notDead(messageId);
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: user.userId,
            action: 'POPULATION.REPLAYED',
            entityType: 'civil_event',
            entityId: replayed.event_id,
            provinceCode: replayed.province_code,
            correlationId,
            details: { messageId, attemptsBefore: replayed.attempts },
          },
        ],
        tx,
      );
      return { messageId, status: 'PENDING' as const };
    });
  }

  async anomalies(): Promise<Record<string, number>> {
    const found = await rows<{ kind: string; n: string }>(
      this.db,
      'SELECT kind, count(*) n FROM population_reply_anomaly GROUP BY kind',
    );
    return Object.fromEntries(found.map((r) => [r.kind, Number(r.n)]));
  }
}
