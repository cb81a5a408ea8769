import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import {
  encodePopulationRequest,
  type EncodedPopulationRequest,
  POPULATION_MESSAGE_TYPE_BY_EVENT,
  POPULATION_SCHEMA_VERSION,
  PopulationMessageType,
} from '../../contracts/population/v1/index.js';
import type { EventType } from '../../contracts/v1/index.js';
import { AuditService } from '../audit/audit.service.js';
import { recordset, rows } from '../database/sql.js';
import { POPULATION_OPTIONS } from './population.tokens.js';
import type { PopulationOptions } from './population.options.js';
import { PopulationTransport, type PublishResult } from './population-transport.port.js';
import { preparedRows, type PreparedStatement } from './prepared-statement.js';
import { retryDelayMs } from './retry-backoff.js';

interface ClaimedRow {
  id: string;
  message_id: string;
  event_id: string;
  event_version: number;
  message_type: string;
  attempts: number;
  registered_province_code: string | null;
  created_at: Date;
  /** The standard record's JSON text as stored: it goes into the request as it is. */
  record_json: string;
  correlation_id: string | null;
}

/** Which request an outbox row becomes: `BIRTH.REGISTERED` → BIRTH_ISSUE_ID, `X.UPDATED` → a change. */
export function populationMessageTypeOf(outboxType: string): PopulationMessageType | undefined {
  const [eventType, change] = outboxType.split('.');
  const forEvent = POPULATION_MESSAGE_TYPE_BY_EVENT[eventType as EventType];
  if (change === 'VOIDED') return PopulationMessageType.REGISTRATION_VOID;
  if (forEvent === undefined) return undefined;
  return change === 'UPDATED' ? PopulationMessageType.CIVIL_STATUS_CHANGE_RECORD : forEvent;
}

/** How long a backlog being drained may hold back the dead-letter step (see runOnce). */
const DEAD_LETTER_MAX_WAIT_MS = 10_000;

/** The claim (see claim()): a named statement, planned once per connection. */
const CLAIM: PreparedStatement = {
  name: 'population_relay_claim',
  text: `WITH due AS (
         SELECT id FROM outbox_message
          WHERE status IN ('PENDING', 'PUBLISHED') AND next_attempt_at <= now()
            -- Exhausted rows are the dead-letter step's, even if they became due since it ran.
            AND attempts < $4
            AND COALESCE(replayed_at, created_at) >= now() - $5 * interval '1 millisecond'
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE outbox_message o
            SET attempts = o.attempts + 1, status = 'PUBLISHED', published_at = now(),
                next_attempt_at = now() + least($3::float8, $2::float8 * 2 ^ least(o.attempts, 30))
                                        * (0.5 + random() * 0.5) * interval '1 millisecond'
          WHERE o.id IN (SELECT id FROM due)
         RETURNING o.id, o.message_id, o.event_id, o.event_version, o.message_type, o.attempts)
       SELECT c.*, x.registered_province_code, x.created_at, x.record_json, x.correlation_id
         FROM claimed c
         -- Per claimed row through the keys (LATERAL … LIMIT 1): a plain join let the planner hash
         -- whole tables, a scan of every event version per claim once the register grew.
         CROSS JOIN LATERAL (
           SELECT e.registered_province_code, e.created_at, COALESCE(v.record, p.payload)::text AS record_json,
                  i.correlation_id
             FROM civil_event e
             JOIN civil_event_version v ON v.event_id = e.id AND v.version = c.event_version
             LEFT JOIN intake_payload p ON p.item_id = v.intake_item_id
             LEFT JOIN intake_item i ON i.id = v.intake_item_id
            WHERE e.id = c.event_id
            LIMIT 1) x`,
};

/**
 * The outbox relay: claims due rows with FOR UPDATE SKIP LOCKED (any number of relays in any number
 * of processes share the work without taking a row twice), publishes them, and records each attempt.
 * A claim is a lease: the row's next_attempt_at moves to "reply deadline", so a row whose publish or
 * reply is lost (crash, silent drop) becomes due again by itself; retries back off exponentially with
 * jitter; after the configured attempts or age the row goes DEAD with its last error.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly wakes = new Set<() => void>();
  private nextDeadLetterAt = 0;
  private lastDeadLetterAt = 0;
  /** The last claim was full: more rows are due than one round takes. */
  private draining = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transport: PopulationTransport,
    private readonly audit: AuditService,
    @Inject(POPULATION_OPTIONS) private readonly options: PopulationOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.relayEnabled) return;
    this.running = true;
    // Two rounds in flight: one claims and records in PostgreSQL while the other waits for the
    // broker's confirms. SKIP LOCKED keeps them (and other processes' relays) off each other's rows.
    this.loops = [this.run(), this.run()];
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    for (const wake of this.wakes) wake();
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (e) {
        this.log.warn(`relay round failed: ${(e as Error).message}`);
      }
      if (handled < this.options.batchSize && this.running)
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(t);
            this.wakes.delete(wake);
            resolve();
          };
          const t = setTimeout(wake, this.options.pollMs);
          this.wakes.add(wake);
        });
    }
  }

  /** One round: dead-letter the exhausted, claim the due, publish, record. Returns rows claimed. */
  async runOnce(): Promise<number> {
    // Exhausted rows are never claimed (the claim skips them), so dead-lettering them need not run
    // every round: at a 20 ms poll it was two transactions in three, nearly all finding nothing.
    // While claims come back full (a backlog being drained), each run reads every due row of the
    // backlog (12 ms at 30,000) to find none: it then waits, at most DEAD_LETTER_MAX_WAIT_MS.
    const now = Date.now();
    if (
      now >= this.nextDeadLetterAt &&
      (!this.draining || now >= this.lastDeadLetterAt + DEAD_LETTER_MAX_WAIT_MS)
    ) {
      this.nextDeadLetterAt = now + Math.min(1_000, this.options.pollMs * 10);
      this.lastDeadLetterAt = now;
      await this.deadLetter();
    }
    const claimed = await this.claim();
    this.draining = claimed.length >= this.options.batchSize;
    if (claimed.length === 0) return 0;
    const requests: EncodedPopulationRequest[] = [];
    const skipped: ClaimedRow[] = [];
    for (const row of claimed) {
      const messageType = populationMessageTypeOf(row.message_type);
      if (messageType === undefined) skipped.push(row);
      else requests.push(toRequest(row, messageType));
    }
    const results = requests.length > 0 ? await this.transport.publish(requests) : [];
    const byMessage = new Map(requests.map((r, i) => [r.messageId, results[i]]));
    await this.record(claimed, byMessage);
    return claimed.length;
  }

  /**
   * The claim is also the lease: next_attempt_at moves to the reply deadline of this attempt, the
   * same backoff as retryDelayMs (base twice the reply timeout, doubling per attempt, capped, equal
   * jitter), computed here so that a successful publish needs no second update of the row.
   */
  private async claim(): Promise<ClaimedRow[]> {
    return preparedRows<ClaimedRow>(this.db, CLAIM, [
      this.options.batchSize,
      this.options.replyTimeoutMs * 2,
      this.options.retryCapMs,
      this.options.maxAttempts,
      this.options.maxAgeMs,
    ]);
  }

  private async record(
    claimed: readonly ClaimedRow[],
    results: Map<string, PublishResult | undefined>,
  ): Promise<void> {
    const outcomes = claimed.map((row) => {
      const result = results.get(row.message_id);
      if (populationMessageTypeOf(row.message_type) === undefined)
        return {
          id: row.id,
          attempt: row.attempts,
          status: 'SKIPPED',
          outcome: 'SKIPPED',
          delay_ms: 0,
          error: null,
        };
      // Published: the claim already set the reply deadline; only the attempt is recorded.
      if (result?.ok)
        return {
          id: row.id,
          attempt: row.attempts,
          status: 'PUBLISHED',
          outcome: 'PUBLISHED',
          delay_ms: 0,
          error: null,
        };
      const error = result ? `${result.code}: ${result.error}` : 'POPULATION.NOT_PUBLISHED';
      return {
        id: row.id,
        attempt: row.attempts,
        status: 'PENDING',
        outcome: 'PUBLISH_FAILED',
        delay_ms: retryDelayMs(row.attempts, {
          baseMs: this.options.retryBaseMs,
          capMs: this.options.retryCapMs,
        }),
        error,
      };
    });
    const changed = outcomes.filter((o) => o.outcome !== 'PUBLISHED');
    // Guarded by status and attempt: a reply that arrived meanwhile is never overwritten. Only rows
    // not published change (the claim set the reply deadline of the others), found through their
    // keys (id = ANY): joined to the recordset, the planner scanned the whole outbox.
    await this.db.query(
      `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(id bigint, attempt int, status text, outcome text, delay_ms bigint, error text)),
       upd AS (
         UPDATE outbox_message o
            SET status = x.status,
                next_attempt_at = now() + x.delay_ms * interval '1 millisecond',
                last_error = COALESCE(x.error, o.last_error),
                answered_at = CASE WHEN x.status = 'SKIPPED' THEN now() ELSE o.answered_at END
           FROM x WHERE o.id = ANY($2::bigint[]) AND o.id = x.id AND o.status = 'PUBLISHED' AND o.attempts = x.attempt)
       INSERT INTO outbox_attempt (outbox_id, attempt, outcome, error) SELECT id, attempt, outcome, error FROM x`,
      [recordset(outcomes), changed.map((o) => o.id)],
    );
    const failed = outcomes.filter((o) => o.outcome === 'PUBLISH_FAILED').length;
    if (failed > 0)
      this.log.warn(
        `${failed} of ${outcomes.length} population messages not published; retrying with backoff`,
      );
  }

  /** Rows due again after their last attempt, or too old: DEAD, visible, with the last error. */
  private async deadLetter(): Promise<void> {
    // One transaction with the audit entries: no DEAD row without its entry, even after a crash.
    const dead = await this.db.transaction(async (tx) => {
      const found = await rows<{
        id: string;
        event_id: string;
        message_id: string;
        attempts: number;
        province_code: string | null;
      }>(
        tx,
        `WITH due AS (
         SELECT id FROM outbox_message
          WHERE status IN ('PENDING', 'PUBLISHED') AND next_attempt_at <= now()
            AND (attempts >= $1 OR COALESCE(replayed_at, created_at) < now() - $2 * interval '1 millisecond')
          -- Oldest due first, which also makes the planner read only the due rows through the claim's
          -- index: without it, statistics from when every row was due (taken after a bulk
          -- registration) had it scan the whole table at each run (13 ms at 36,000 rows, 0.6 ms so).
          ORDER BY next_attempt_at LIMIT 1000 FOR UPDATE SKIP LOCKED),
       dead AS (UPDATE outbox_message o
          SET status = 'DEAD', dead_at = now(),
              last_error = CASE WHEN o.status = 'PUBLISHED'
                THEN 'POPULATION.NO_REPLY: no reply after ' || o.attempts || ' attempt(s)'
                ELSE COALESCE(o.last_error, 'POPULATION.NOT_PUBLISHED') END
         FROM due, civil_event e WHERE o.id = due.id AND e.id = o.event_id
       RETURNING o.id, o.event_id, o.message_id, o.attempts, e.province_code)
       SELECT * FROM dead`,
        [this.options.maxAttempts, this.options.maxAgeMs],
      );
      if (found.length > 0)
        await this.audit.append(
          found.map((d) => ({
            actorType: 'SYSTEM' as const,
            actorId: 'population-relay',
            action: 'POPULATION.DEAD_LETTERED',
            entityType: 'civil_event',
            entityId: d.event_id,
            provinceCode: d.province_code,
            details: { messageId: d.message_id, attempts: d.attempts },
          })),
          tx,
        );
      return found;
    });
    if (dead.length > 0) this.log.error(`${dead.length} population message(s) dead-lettered after retries`);
  }
}

function toRequest(row: ClaimedRow, messageType: PopulationMessageType): EncodedPopulationRequest {
  return encodePopulationRequest(
    {
      schemaVersion: POPULATION_SCHEMA_VERSION,
      messageId: row.message_id,
      correlationId: row.correlation_id ?? row.message_id,
      messageType,
      eventId: row.event_id,
      eventVersion: row.event_version,
      ...(row.registered_province_code ? { registeringProvinceCode: row.registered_province_code } : {}),
      registeredAt: new Date(row.created_at).toISOString(),
    },
    row.record_json,
  );
}
