import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes to registered events (issue 6, point 4): every correction by an official, update from a
 * source or merge after review leaves a notice for the supervisors of the event's province (Sở Tư
 * pháp). A notice is a fact and never changes (the append-only trigger of the register tables);
 * whether a supervisor has read it is per supervisor, in its own table.
 */
export class CreateChangeNotices1763870000000 implements MigrationInterface {
  name = 'CreateChangeNotices1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_change_notice (
        id              uuid PRIMARY KEY,
        event_id        uuid NOT NULL REFERENCES civil_event (id),
        event_version   integer NOT NULL,
        event_type      text NOT NULL,
        change_kind     text NOT NULL CHECK (change_kind IN ('CORRECTED', 'UPDATED_BY_SOURCE', 'MERGED')),
        reason          text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor_type      text NOT NULL CHECK (actor_type IN ('USER', 'SOURCE', 'SYSTEM')),
        actor_id        text,
        actor_name      text,
        authority_code  text NOT NULL,       -- the registering authority after the change
        province_code   text,                -- today's province of that authority (null abroad: Ministry only)
        changed_fields  jsonb,               -- field paths, not their values (no personal data here)
        -- A source's update that replaced an official's correction (the version before was CORRECTED):
        -- the paper book decides (Luật Hộ tịch Art. 60), so the supervisor must look at it.
        overrides_correction boolean NOT NULL DEFAULT false,
        created_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX event_change_notice_province_idx ON event_change_notice (province_code, created_at DESC);
      CREATE INDEX event_change_notice_event_idx ON event_change_notice (event_id);
      CREATE TRIGGER event_change_notice_append_only BEFORE UPDATE OR DELETE ON event_change_notice
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE TABLE event_change_notice_read (
        notice_id  uuid NOT NULL REFERENCES event_change_notice (id),
        user_id    uuid NOT NULL REFERENCES app_user (id),
        read_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notice_id, user_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS event_change_notice_read, event_change_notice');
  }
}
