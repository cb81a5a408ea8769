import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { SecurityAlertService } from '../alerts/security-alert.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { eventWithin, jurisdictionOf } from '../auth/jurisdiction/jurisdiction.js';
import { rows } from '../database/sql.js';
import { PopulationException } from './population.exception.js';

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
}

const POLL_MS = 200;

/**
 * Waiting for the population database's answer about one event (a birth's personal ID number, a
 * refusal), for the source system that submitted it or for an official whose jurisdiction holds it.
 * Polls the database, so it works whichever hub process applied the reply.
 */
@Injectable()
export class EventConfirmationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly alerts: SecurityAlertService,
  ) {}

  /** Only the source that registered the event sees it; any other source gets "not found". */
  async forSource(eventId: string, sourceId: string, timeoutMs: number): Promise<EventConfirmation> {
    const [owner] = await rows<{ source_id: string | null }>(
      this.db,
      'SELECT source_id FROM civil_event WHERE id = $1',
      [eventId],
    );
    if (owner?.source_id !== sourceId) throw PopulationException.eventNotFound(eventId);
    const view = await this.waitFor(eventId, timeoutMs);
    if (!view) throw PopulationException.eventNotFound(eventId);
    return view;
  }

  /**
   * An official (the registration web application) waits for an event of their jurisdiction. An
   * event outside it answers exactly as one that does not exist, and the attempt is audited and
   * raised as an alert, as for the register's other reads (src/records). The read is audited: the
   * answer may carry the person's new ID number.
   */
  async forOfficial(
    user: UserPrincipal,
    eventId: string,
    timeoutMs: number,
    correlationId: string | null,
  ): Promise<EventConfirmation> {
    const [e] = await rows<{ authority_code: string; province_code: string | null }>(
      this.db,
      'SELECT authority_code, province_code FROM civil_event WHERE id = $1',
      [eventId],
    );
    if (!e) throw PopulationException.recordNotFound(eventId);
    if (
      !eventWithin(jurisdictionOf(user), { authorityCode: e.authority_code, provinceCode: e.province_code })
    ) {
      await this.audit.append([
        {
          actorType: 'USER',
          actorId: user.userId,
          action: 'ACCESS.OUTSIDE_JURISDICTION',
          entityType: 'civil_event',
          entityId: eventId,
          provinceCode: e.province_code,
          correlationId,
          details: { userAuthority: user.authorityCode, route: 'population-confirmation' },
        },
      ]);
      await this.alerts.onJurisdictionDenied({
        userId: user.userId,
        authorityCode: user.authorityCode,
        entityType: 'civil_event',
        entityId: eventId,
      });
      throw PopulationException.recordNotFound(eventId);
    }
    const view = await this.waitFor(eventId, timeoutMs);
    if (!view) throw PopulationException.noMessage(eventId);
    await this.audit.append([
      {
        actorType: 'USER',
        actorId: user.userId,
        action: 'POPULATION.CONFIRMATION_READ',
        entityType: 'civil_event',
        entityId: eventId,
        provinceCode: e.province_code,
        correlationId,
        details: { status: view.status, timedOut: view.timedOut },
      },
    ]);
    if (view.personalIdNumber) await this.alerts.onRecordsRead(user.userId, 1, 'READ');
    return view;
  }

  /** The latest message's answer once there is one or the timeout has passed; undefined without any message. */
  private async waitFor(eventId: string, timeoutMs: number): Promise<EventConfirmation | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.latest(eventId);
      if (!row) return undefined;
      const view = toView(eventId, row);
      if (view.status !== 'PENDING' || Date.now() >= deadline)
        return { ...view, timedOut: view.status === 'PENDING' };
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
  }

  private async latest(eventId: string): Promise<LatestRow | undefined> {
    const [row] = await rows<LatestRow>(
      this.db,
      `SELECT status, personal_id_number, reply_code, reply_reason, last_error, attempts, answered_at, latency_ms
         FROM outbox_message WHERE event_id = $1 ORDER BY event_version DESC, id DESC LIMIT 1`,
      [eventId],
    );
    return row;
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
