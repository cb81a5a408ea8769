import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching: a birth's given-name and initials keys (G, I) carry a tag, a hash of the mother's
 * initials. A look-up with a tag reads only the events of its key whose tag is the same or NULL:
 * one district's births share a few dozen given names and a few hundred birth dates, so at a million
 * births a given-name key held ~150 events and every record was scored against all of them.
 *
 * Existing rows keep NULL, which every look-up reads (they behave as before, nothing to re-index);
 * a nullable column without a default needs no table rewrite at 10 million rows.
 */
export class AddMatchKeyTag1763920000000 implements MigrationInterface {
  name = 'AddMatchKeyTag1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE match_key ADD COLUMN tag integer');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE match_key DROP COLUMN IF EXISTS tag');
  }
}
