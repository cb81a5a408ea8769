import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching (issue 4): the match profile of each registered event (normalised keys only, as JSON),
 * its blocking keys, the review queue of possible duplicates and the officers' decisions on pairs.
 *
 * Blocking keys are 64-bit hashes of text keys (src/matching/keys/blocking-keys.ts); the primary key
 * (key_hash, event_id) is the one index a check reads: at 10 million events and ~5 keys each it is a
 * 50-million-row btree that answers `key_hash = ANY(...)` with an index-only scan. pg_trgm was
 * weighed for names and left out of the hot path: about 15 family names cover most people, so
 * trigram sets of Vietnamese names are unselective and a GIN probe reads thousands of rows per check.
 */
export class CreateMatchTables1763840000000 implements MigrationInterface {
  name = 'CreateMatchTables1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_profile (
        event_id    uuid PRIMARY KEY REFERENCES civil_event (id) ON DELETE CASCADE,
        event_type  text NOT NULL,
        profile     jsonb NOT NULL,
        indexed_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE match_key (
        key_hash  bigint NOT NULL,
        event_id  uuid NOT NULL REFERENCES match_profile (event_id) ON DELETE CASCADE,
        PRIMARY KEY (key_hash, event_id)
      );
      CREATE INDEX match_key_event_idx ON match_key (event_id);

      CREATE TABLE match_review (
        id                uuid PRIMARY KEY,
        intake_item_id    uuid REFERENCES intake_item (id),
        province_code     text,
        event_type        text NOT NULL,
        fingerprint       text NOT NULL,          -- hash of the held record's match profile
        profile           jsonb NOT NULL,
        candidates        jsonb NOT NULL,         -- [{eventId, score, evidence}], best first
        status            text NOT NULL DEFAULT 'PENDING'
                          CHECK (status IN ('PENDING', 'SAME_EVENT', 'DIFFERENT')),
        decided_event_id  uuid REFERENCES civil_event (id),
        decided_by        text,
        decided_at        timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'PENDING') = (decided_at IS NULL))
      );
      CREATE INDEX match_review_pending_idx ON match_review (province_code, created_at) WHERE status = 'PENDING';
      CREATE INDEX match_review_item_idx ON match_review (intake_item_id);

      -- A pair an officer has decided is not asked again (issue 4, point 4).
      CREATE TABLE match_pair_decision (
        fingerprint  text NOT NULL,
        event_id     uuid NOT NULL REFERENCES civil_event (id),
        decision     text NOT NULL CHECK (decision IN ('SAME_EVENT', 'DIFFERENT')),
        review_id    uuid NOT NULL REFERENCES match_review (id),
        decided_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fingerprint, event_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS match_pair_decision, match_review, match_key, match_profile');
  }
}
