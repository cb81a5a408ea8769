import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import {
  parsePopulationReplies,
  PopulationOutcome,
  type Parsed,
  type PopulationReply,
} from '../../contracts/population/v1/index.js';
import { AuditService } from '../audit/audit.service.js';
import { recordset } from '../database/sql.js';
import { preparedRows, type PreparedStatement } from './prepared-statement.js';

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

// The statements of every reply batch, named: planned once per connection (prepared-statement.ts).
const LOCK_OUTBOX: PreparedStatement = {
  name: 'population_reply_lock',
  text: `SELECT o.id, o.message_id, o.status, o.event_id, e.event_type, o.event_version, e.province_code, e.subject_pin
               FROM outbox_message o JOIN civil_event e ON e.id = o.event_id
              WHERE o.message_id = ANY($1::uuid[]) ORDER BY o.id FOR UPDATE OF o`,
};

const ANSWER_OUTBOX: PreparedStatement = {
  name: 'population_reply_answer',
  text: `UPDATE outbox_message o
          SET status = x.outcome, answered_at = now(), personal_id_number = x.pin, reply_code = x.code,
              reply_reason = x.reason,
              last_error = CASE WHEN x.outcome = 'REJECTED' THEN x.code || ': ' || x.reason ELSE o.last_error END,
              latency_ms = (extract(epoch FROM now() - e.created_at) * 1000)::bigint, dead_at = NULL
         FROM json_to_recordset($1::json) AS x(id bigint, outcome text, pin text, code text, reason text),
              civil_event e
        WHERE o.id = x.id AND e.id = o.event_id`,
};

const CONFIRM_EVENT: PreparedStatement = {
  name: 'population_reply_confirm_event',
  text: `UPDATE civil_event c SET population_confirmed_at = COALESCE(c.population_confirmed_at, now()),
                subject_pin = COALESCE(c.subject_pin, x.pin), updated_at = now()
           FROM json_to_recordset($1::json) AS x(event_id uuid, pin text)
          WHERE c.id = x.event_id`,
};

const CHILD_PIN: PreparedStatement = {
  name: 'population_reply_child_pin',
  text: `UPDATE party p SET personal_id_number = x.pin
             FROM json_to_recordset($1::json) AS x(event_id uuid, pin text)
            WHERE p.event_id = ANY($2::uuid[]) AND p.event_id = x.event_id AND p.role = 'CHILD'
              AND p.personal_id_number IS NULL`,
};

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

  /** One message: a reply, or a batch of them; the verdict of its first reply (see handleBatch). */
  async handle(raw: Buffer): Promise<ReplyVerdict> {
    const [verdict] = await this.handleBatch([raw]);
    return verdict;
  }

  /**
   * Many replies in one transaction: their outbox rows locked at once (in id order, so that two
   * batches never deadlock each other), judged one after the other, applied with one statement per
   * table and one audit append. A batch commits whole or not at all, so a redelivered batch meets
   * answered rows and counts DUPLICATEs; anomalies are written in the same transaction for the same
   * reason. Database errors propagate (the transport redelivers the batch later); bad replies do not.
   * A number another event already holds (unique violation) fails the whole statement: the batch is
   * then applied in halves, down to single replies, so that only the conflicting one is dead-lettered.
   * Each message may be one reply or a batch of replies (PopulationReplyBatch): one verdict per reply.
   */
  async handleBatch(raws: readonly Buffer[]): Promise<ReplyVerdict[]> {
    return this.applyParsed(raws.flatMap((raw) => parsePopulationReplies(raw)));
  }

  private async applyParsed(parsed: ReadonlyArray<Parsed<PopulationReply>>): Promise<ReplyVerdict[]> {
    if (parsed.length === 0) return [];
    let outcome: BatchOutcome;
    try {
      outcome = await this.withDeadlockRetry(() => this.db.transaction((tx) => this.applyBatch(tx, parsed)));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // database trouble: the replies come again later
      // Halves, not one by one: a batch message carries hundreds of replies, and one conflict in it
      // cost a transaction per reply (~1,800 of them per 30,000 events in the benchmark); halving
      // finds it in about 2·log2(n) transactions, and the rest is applied in large pieces.
      if (parsed.length > 1) {
        const half = Math.ceil(parsed.length / 2);
        return [
          ...(await this.applyParsed(parsed.slice(0, half))),
          ...(await this.applyParsed(parsed.slice(half))),
        ];
      }
      outcome = await this.numberConflict(parsed[0]);
    }
    for (const v of outcome.verdicts) this.counters[v] += 1;
    for (const a of outcome.anomalies)
      // Identifiers and constraint names only: a reply's content may hold personal data.
      this.log.warn(`population reply not applied: ${a.kind} ${a.in_reply_to ?? ''}`);
    return outcome.verdicts;
  }

  private async applyBatch(
    tx: EntityManager,
    parsed: ReadonlyArray<Parsed<PopulationReply>>,
  ): Promise<BatchOutcome> {
    const verdicts: ReplyVerdict[] = [];
    const anomalies: AnomalyRow[] = [];
    const asked = [...new Set(parsed.flatMap((p) => (p.ok ? [p.value.inReplyTo] : [])))];
    const locked =
      asked.length === 0
        ? []
        : await preparedRows<OutboxForReply & { message_id: string }>(tx, LOCK_OUTBOX, [asked]);
    const byMessage = new Map(locked.map((r) => [r.message_id, r]));
    // What this batch already decided: a row answered by an earlier reply of the batch is answered,
    // and a number given to an event by an earlier reply is the number that event holds.
    const pinOfEvent = new Map<string, string>();
    const applied: Array<{ row: OutboxForReply; reply: PopulationReply }> = [];
    const conflicts: string[] = [];
    for (const p of parsed) {
      if (!p.ok) {
        verdicts.push(p.failure);
        anomalies.push({
          kind: p.failure,
          message_id: null,
          in_reply_to: null,
          detail: p.problems.slice(0, 5).join('; '),
        });
        continue;
      }
      const reply = p.value;
      const found = byMessage.get(reply.inReplyTo);
      const row = found && {
        ...found,
        subject_pin: found.subject_pin ?? pinOfEvent.get(found.event_id) ?? null,
      };
      const judged = judgeReply(row, reply);
      if (judged === 'APPLY' && row) {
        found.status = reply.outcome; // a second reply to it in this batch is a DUPLICATE
        applied.push({ row, reply });
        const pin = reply.outcome === PopulationOutcome.CONFIRMED ? reply.personalIdNumber : undefined;
        if (pin && row.event_type === 'BIRTH' && !row.subject_pin) pinOfEvent.set(row.event_id, pin);
        verdicts.push('APPLIED');
        continue;
      }
      const verdict: ReplyAnomaly = judged === 'APPLY' ? 'UNKNOWN_MESSAGE' : judged;
      // The register already holds another number for this child: never overwrite; an operator decides.
      if (verdict === 'NUMBER_CONFLICT' && found) {
        conflicts.push(found.id);
        found.status = 'DEAD';
      }
      verdicts.push(verdict);
      anomalies.push({
        kind: verdict,
        message_id: reply.messageId,
        in_reply_to: reply.inReplyTo,
        detail: `outcome ${reply.outcome}`,
      });
    }
    if (conflicts.length > 0)
      await tx.query(
        `UPDATE outbox_message SET status = 'DEAD', dead_at = now(), answered_at = now(),
                last_error = 'POPULATION.NUMBER_CONFLICT: confirmed with a number other than the one held'
          WHERE id = ANY($1::bigint[])`,
        [conflicts],
      );
    await this.writeApplied(tx, applied);
    if (anomalies.length > 0)
      await tx.query(
        `INSERT INTO population_reply_anomaly (kind, message_id, in_reply_to, detail)
         SELECT kind, message_id, in_reply_to, left(detail, 1000)
           FROM json_to_recordset($1::json) AS x(kind text, message_id uuid, in_reply_to uuid, detail text)`,
        [recordset(anomalies)],
      );
    return { verdicts, anomalies };
  }

  /** The applied replies: outbox rows answered, numbers on events and children, audit entries. */
  private async writeApplied(
    tx: EntityManager,
    applied: ReadonlyArray<{ row: OutboxForReply; reply: PopulationReply }>,
  ): Promise<void> {
    if (applied.length === 0) return;
    const answers = applied.map(({ row, reply }) => ({
      id: row.id,
      outcome: reply.outcome,
      pin: pinOf(reply) ?? null,
      code: reply.rejection?.code ?? null,
      reason: reply.rejection?.reason ?? null,
    }));
    await preparedRows(tx, ANSWER_OUTBOX, [recordset(answers)]);
    // One row per event (two versions of one event may be answered in one batch; the first number stands).
    const confirmedEvents = new Map<string, { event_id: string; pin: string | null }>();
    for (const { row, reply } of applied) {
      if (reply.outcome !== PopulationOutcome.CONFIRMED) continue;
      const pin = row.event_type === 'BIRTH' ? (pinOf(reply) ?? null) : null;
      const prior = confirmedEvents.get(row.event_id);
      if (!prior || prior.pin === null) confirmedEvents.set(row.event_id, { event_id: row.event_id, pin });
    }
    if (confirmedEvents.size > 0) {
      const events = recordset([...confirmedEvents.values()]);
      await preparedRows(tx, CONFIRM_EVENT, [events]);
      const withPin = [...confirmedEvents.values()].filter((e) => e.pin !== null);
      // The ids again as an array: an indexable condition, so that the planner probes party's key
      // rather than scanning the table (it did, misled by "personal_id_number IS NULL" matching few
      // rows in its statistics: 50 ms per batch at 40,000 parties).
      if (withPin.length > 0)
        await preparedRows(tx, CHILD_PIN, [recordset(withPin), withPin.map((e) => e.event_id)]);
    }
    await this.audit.append(
      applied.map(({ row, reply }) => {
        const pin = pinOf(reply);
        return {
          actorType: 'SYSTEM' as const,
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
            ...(reply.rejection ? { code: reply.rejection.code } : {}),
          },
        };
      }),
      tx,
    );
  }

  /**
   * The number is already held by another event of the register: applying it can never succeed, so
   * retrying would loop forever. Dead-letter the message with the reason; an operator decides.
   */
  private async numberConflict(parsed: Parsed<PopulationReply>): Promise<BatchOutcome> {
    if (!parsed.ok) throw new Error('unreachable: a malformed reply touches no unique index');
    const reply = parsed.value;
    const anomaly: AnomalyRow = {
      kind: 'NUMBER_CONFLICT',
      message_id: reply.messageId,
      in_reply_to: reply.inReplyTo,
      detail: `outcome ${reply.outcome}`,
    };
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE outbox_message SET status = 'DEAD', dead_at = now(),
                last_error = 'POPULATION.NUMBER_CONFLICT: the number confirmed is held by another event'
          WHERE message_id = $1 AND status IN ('PENDING', 'PUBLISHED', 'DEAD')`,
        [reply.inReplyTo],
      );
      await tx.query(
        'INSERT INTO population_reply_anomaly (kind, message_id, in_reply_to, detail) VALUES ($1, $2, $3, $4)',
        [anomaly.kind, anomaly.message_id, anomaly.in_reply_to, anomaly.detail],
      );
    });
    return { verdicts: ['NUMBER_CONFLICT'], anomalies: [anomaly] };
  }

  /** Batches lock rows in id order, but the relay's bookkeeping may meet them otherwise: try again. */
  private async withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (e) {
        if (pgCode(e) !== '40P01' || attempt >= 3) throw e;
      }
    }
  }
}

interface AnomalyRow {
  kind: ReplyAnomaly;
  message_id: string | null;
  in_reply_to: string | null;
  detail: string;
}

interface BatchOutcome {
  verdicts: ReplyVerdict[];
  anomalies: AnomalyRow[];
}

function pinOf(reply: PopulationReply): string | undefined {
  return reply.outcome === PopulationOutcome.CONFIRMED ? reply.personalIdNumber : undefined;
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
  return pgCode(e) === '23505';
}

function pgCode(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return undefined;
  return (
    (e as { code?: unknown; driverError?: { code?: unknown } }).code ??
    (e as { driverError?: { code?: unknown } }).driverError?.code
  );
}
