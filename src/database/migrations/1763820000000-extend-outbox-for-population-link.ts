import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The population-database link (issue 5): what the relay and the reply handler record on the outbox,
 * each publishing attempt, replies that could not be applied, and when an event was confirmed.
 *
 * - SKIPPED: the event type does not concern the population database (guardianship, ...).
 * - DEAD: attempts or age exhausted; kept with its last error until an operator replays it.
 */
export class ExtendOutboxForPopulationLink1763820000000 implements MigrationInterface {
  name = 'ExtendOutboxForPopulationLink1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_status_check;
      ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check
        CHECK (status IN ('PENDING', 'PUBLISHED', 'CONFIRMED', 'REJECTED', 'DEAD', 'SKIPPED'));
      ALTER TABLE outbox_message
        ADD COLUMN personal_id_number  text,
        ADD COLUMN reply_code          text,
        ADD COLUMN reply_reason        text,
        ADD COLUMN latency_ms          bigint,          -- registration (civil_event.created_at) to answer
        ADD COLUMN dead_at             timestamptz,
        ADD COLUMN replayed_at         timestamptz;
      -- The relay's claim: due rows of both waiting states, oldest due first.
      CREATE INDEX outbox_message_claim_idx ON outbox_message (next_attempt_at)
        WHERE status IN ('PENDING', 'PUBLISHED');
      -- The service-level queries: everything not answered yet, by age.
      CREATE INDEX outbox_message_unanswered_idx ON outbox_message (created_at)
        WHERE status IN ('PENDING', 'PUBLISHED', 'DEAD');
      CREATE INDEX outbox_message_answered_idx ON outbox_message (answered_at) WHERE answered_at IS NOT NULL;

      -- Every attempt, kept (a replay restarts the count, so the attempt number is not a key).
      CREATE TABLE outbox_attempt (
        id          bigserial PRIMARY KEY,
        outbox_id   bigint NOT NULL REFERENCES outbox_message (id),
        attempt     integer NOT NULL,
        at          timestamptz NOT NULL DEFAULT now(),
        outcome     text NOT NULL CHECK (outcome IN ('PUBLISHED', 'PUBLISH_FAILED', 'SKIPPED')),
        error       text
      );
      CREATE INDEX outbox_attempt_outbox_idx ON outbox_attempt (outbox_id);

      -- Replies that were not applied: malformed, unknown message id, duplicate, unknown schema
      -- version, conflicting number. Counted by kind for monitoring; no personal data in detail.
      CREATE TABLE population_reply_anomaly (
        id           bigserial PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        kind         text NOT NULL,
        message_id   text,
        in_reply_to  text,
        detail       text
      );
      CREATE INDEX population_reply_anomaly_kind_idx ON population_reply_anomaly (kind, at);

      ALTER TABLE civil_event ADD COLUMN population_confirmed_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE civil_event DROP COLUMN population_confirmed_at;
      DROP TABLE population_reply_anomaly, outbox_attempt;
      DROP INDEX outbox_message_claim_idx, outbox_message_unanswered_idx, outbox_message_answered_idx;
      ALTER TABLE outbox_message DROP COLUMN personal_id_number, DROP COLUMN reply_code, DROP COLUMN reply_reason,
        DROP COLUMN latency_ms, DROP COLUMN dead_at, DROP COLUMN replayed_at;
      UPDATE outbox_message SET status = 'PENDING' WHERE status = 'SKIPPED';
      ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_status_check;
      ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check
        CHECK (status IN ('PENDING', 'PUBLISHED', 'CONFIRMED', 'REJECTED', 'DEAD'));
    `);
  }
}
