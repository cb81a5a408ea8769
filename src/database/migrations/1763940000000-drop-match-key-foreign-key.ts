import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * match_key is a derived index of match_profile (hashed blocking keys, rebuilt from the profile), not
 * register data: its rows are written only beside their profile in the same transaction
 * (MatchCandidateStore.index), re-indexing deletes an event's keys explicitly, and events are never
 * deleted (a voided event keeps its row). A look-up joins every key it finds to match_profile, so a
 * key without a profile could not yield a candidate anyway. Its foreign key cost a check of
 * match_profile for every key filed (about four per birth, 13 µs of PostgreSQL's CPU per record in
 * bulk intake, which is CPU-bound) and guarded nothing the code does not already hold.
 */
export class DropMatchKeyForeignKey1763940000000 implements MigrationInterface {
  name = 'DropMatchKeyForeignKey1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE match_key DROP CONSTRAINT IF EXISTS match_key_event_id_fkey');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE match_key ADD CONSTRAINT match_key_event_id_fkey
        FOREIGN KEY (event_id) REFERENCES match_profile (event_id) ON DELETE CASCADE`);
  }
}
