import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import {
  parsePopulationReply,
  PopulationOutcome,
  type PopulationReply,
} from '../../contracts/population/v1/index.js';
import { AuditService } from '../audit/audit.service.js';
import { rows } from '../database/sql.js';

export type ReplyAnomaly =
  'MALFORMED' | 'UNKNOWN_SCHEMA_VERSION' | 'UNKNOWN_MESSAGE' | 'DUPLICATE' | 'NUMBER_CONFLICT';

export type ReplyVerdict = 'APPLIED' | ReplyAnomaly;

export interface OutboxForReply {
  id: string;
  status: string;
  event_id: string;
  event_type: string;
  event_version: number;
  province_code: string | null;
  subject_pin: string | null;
}

/**
 * Applies the population database's replies, each exactly once: the outbox row is locked and its
 * state decides (a second reply to an answered message is a DUPLICATE, never applied twice).
 * Unusable replies (malformed, unknown schema version, unknown message id) are counted and kept in
 * population_reply_anomaly, and acknowledged so they do not loop; they never stop the consumer.
 */
@Injectable()
export class PopulationReplyHandler {
  private readonly log = new Logger('PopulationReplies');
  readonly counters: Record<ReplyVerdict, number> = {
    APPLIED: 0,
    MALFORMED: 0,
    UNKNOWN_SCHEMA_VERSION: 0,
    UNKNOWN_MESSAGE: 0,
    DUPLICATE: 0,
    NUMBER_CONFLICT: 0,
  };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Database errors propagate (the transport redelivers the reply later); bad replies do not. */
  async handle(raw: Buffer): Promise<ReplyVerdict> {
    const parsed = parsePopulationReply(raw);
    if (!parsed.ok) {
      await this.anomaly(parsed.failure, undefined, undefined, parsed.problems.slice(0, 5).join('; '));
      return parsed.failure;
    }
    const reply = parsed.value;
    let verdict: ReplyVerdict;
    try {
      verdict = await this.db.transaction((tx) => this.apply(tx, reply));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // database trouble: the reply comes again later
      // The number is already held by another event of the register: applying it can never succeed,
      // so retrying would loop forever. Dead-letter the message with the reason; an operator decides.
      await this.db.query(
        `UPDATE outbox_message SET status = 'DEAD', dead_at = now(),
                last_error = 'POPULATION.NUMBER_CONFLICT: the number confirmed is held by another event'
          WHERE message_id = $1 AND status IN ('PENDING', 'PUBLISHED', 'DEAD')`,
        [reply.inReplyTo],
      );
      verdict = 'NUMBER_CONFLICT';
    }
    if (verdict !== 'APPLIED')
      await this.anomaly(verdict, reply.messageId, reply.inReplyTo, `outcome ${reply.outcome}`);
    else this.counters.APPLIED += 1;
    return verdict;
  }

  private async apply(tx: EntityManager, reply: PopulationReply): Promise<ReplyVerdict> {
    const [row] = await rows<OutboxForReply>(
      tx,
      `SELECT o.id, o.status, o.event_id, e.event_type, o.event_version, e.province_code, e.subject_pin
         FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
        WHERE o.message_id = $1 FOR UPDATE OF o`,
      [reply.inReplyTo],
    );
    const judged = judgeReply(row, reply);
    if (judged === 'NUMBER_CONFLICT' && row) {
      // The register already holds another number for this child: never overwrite; an operator decides.
      await tx.query(
        `UPDATE outbox_message SET status = 'DEAD', dead_at = now(), answered_at = now(),
                last_error = 'POPULATION.NUMBER_CONFLICT: confirmed with a number other than the one held'
          WHERE id = $1`,
        [row.id],
      );
    }
    if (!row) return 'UNKNOWN_MESSAGE';
    if (judged !== 'APPLY') return judged;
    const pin = reply.outcome === PopulationOutcome.CONFIRMED ? reply.personalIdNumber : undefined;
    const rejection = reply.rejection;
    await tx.query(
      `UPDATE outbox_message o
          SET status = $2, answered_at = now(), personal_id_number = $3, reply_code = $4, reply_reason = $5,
              last_error = CASE WHEN $2 = 'REJECTED' THEN $4 || ': ' || $5 ELSE o.last_error END,
              latency_ms = (extract(epoch FROM now() - e.created_at) * 1000)::bigint, dead_at = NULL
         FROM civil_event e WHERE o.id = $1 AND e.id = o.event_id`,
      [row.id, reply.outcome, pin ?? null, rejection?.code ?? null, rejection?.reason ?? null],
    );
    if (reply.outcome === PopulationOutcome.CONFIRMED) {
      await tx.query(
        `UPDATE civil_event SET population_confirmed_at = COALESCE(population_confirmed_at, now()),
                subject_pin = COALESCE(subject_pin, $2), updated_at = now()
          WHERE id = $1`,
        [row.event_id, row.event_type === 'BIRTH' ? (pin ?? null) : null],
      );
      if (pin && row.event_type === 'BIRTH')
        await tx.query(
          `UPDATE party SET personal_id_number = $2
            WHERE event_id = $1 AND role = 'CHILD' AND personal_id_number IS NULL`,
          [row.event_id, pin],
        );
    }
    await this.audit.append(
      [
        {
          actorType: 'SYSTEM',
          actorId: reply.respondent ?? 'population-database',
          action:
            reply.outcome === PopulationOutcome.CONFIRMED ? 'POPULATION.CONFIRMED' : 'POPULATION.REJECTED',
          entityType: 'civil_event',
          entityId: row.event_id,
          provinceCode: row.province_code,
          correlationId: reply.correlationId,
          details: {
            messageId: reply.inReplyTo,
            replyId: reply.messageId,
            eventVersion: row.event_version,
            ...(pin ? { personalIdNumber: pin } : {}),
            ...(rejection ? { code: rejection.code } : {}),
          },
        },
      ],
      tx,
    );
    return 'APPLIED';
  }

  private async anomaly(
    kind: ReplyAnomaly,
    messageId?: string,
    inReplyTo?: string,
    detail?: string,
  ): Promise<void> {
    this.counters[kind] += 1;
    // Identifiers and constraint names only: a reply's content may hold personal data.
    this.log.warn(`population reply not applied: ${kind} ${inReplyTo ?? ''}`);
    await this.db.query(
      'INSERT INTO population_reply_anomaly (kind, message_id, in_reply_to, detail) VALUES ($1, $2, $3, $4)',
      [kind, messageId ?? null, inReplyTo ?? null, detail?.slice(0, 1000) ?? null],
    );
  }
}

/**
 * What to do with a parsed reply, given its outbox row as locked in the transaction: the whole
 * idempotency rule in one place. A reply to a message already answered (a duplicate, or a late reply
 * to an earlier attempt, i.e. out of order) is never applied again; the first answer stands.
 */
export function judgeReply(
  row: Pick<OutboxForReply, 'status' | 'event_type' | 'subject_pin'> | undefined,
  reply: Pick<PopulationReply, 'outcome' | 'personalIdNumber'>,
): 'APPLY' | 'UNKNOWN_MESSAGE' | 'DUPLICATE' | 'NUMBER_CONFLICT' {
  if (!row) return 'UNKNOWN_MESSAGE';
  if (row.status === 'CONFIRMED' || row.status === 'REJECTED' || row.status === 'SKIPPED') return 'DUPLICATE';
  const pin = reply.outcome === PopulationOutcome.CONFIRMED ? reply.personalIdNumber : undefined;
  if (pin && row.event_type === 'BIRTH' && row.subject_pin && row.subject_pin !== pin)
    return 'NUMBER_CONFLICT';
  // PENDING, PUBLISHED (even before the relay recorded its publish) and DEAD (a late answer) apply.
  return 'APPLY';
}

/** PostgreSQL unique_violation (23505), as TypeORM passes it on (QueryFailedError keeps the code). */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code =
    (e as { code?: unknown; driverError?: { code?: unknown } }).code ??
    (e as { driverError?: { code?: unknown } }).driverError?.code;
  return code === '23505';
}
