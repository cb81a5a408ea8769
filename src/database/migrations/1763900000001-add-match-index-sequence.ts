import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching (issue 4): the order in which events entered the match index. A bulk intake checks its
 * batch without any lock and takes the matching lock only at the end, around a re-check of what was
 * indexed since its check began (indexed_seq above the mark it read first) and its own index write.
 *
 * Existing rows keep NULL (they were indexed before any check that could still be running); the
 * column is added without a volatile default so that no table rewrite is needed at 10 million rows,
 * and the default set afterwards applies to new rows only.
 */
export class AddMatchIndexSequence1763900000001 implements MigrationInterface {
  name = 'AddMatchIndexSequence1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE match_index_seq;
      ALTER TABLE match_profile ADD COLUMN indexed_seq bigint;
      ALTER TABLE match_profile ALTER COLUMN indexed_seq SET DEFAULT nextval('match_index_seq');
      CREATE INDEX match_profile_indexed_seq_idx ON match_profile (indexed_seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS match_profile_indexed_seq_idx;
      ALTER TABLE match_profile DROP COLUMN IF EXISTS indexed_seq;
      DROP SEQUENCE IF EXISTS match_index_seq;
    `);
  }
}
