import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching: a birth's given-name and initials keys (G, I) carry a tag, a hash of the mother's
 * initials (never 0); 0 is "no tag". A tagged look-up reads only the events of its key whose tag is
 * the same or 0: one district's births share a few dozen given names and a few hundred birth dates,
 * so at a million births a given-name key held ~150 events and every record was scored against all
 * of them.
 *
 * The tag is part of the primary key, (key_hash, tag, event_id), so that a look-up reads only its
 * key's entries with its tag and those without one, by index conditions: as a filter after the
 * index, each of the key's entries cost a visit to the table (12 of 13 thrown away at 150,000 births,
 * and more as the register grows). Existing rows get 0 from the column's constant default without a
 * table rewrite, so they behave as before; the key's index is rebuilt once.
 */
export class AddMatchKeyTag1763920000000 implements MigrationInterface {
  name = 'AddMatchKeyTag1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE match_key ADD COLUMN tag integer NOT NULL DEFAULT 0;
      ALTER TABLE match_key DROP CONSTRAINT match_key_pkey;
      ALTER TABLE match_key ADD CONSTRAINT match_key_pkey PRIMARY KEY (key_hash, tag, event_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE match_key DROP CONSTRAINT match_key_pkey;
      ALTER TABLE match_key ADD CONSTRAINT match_key_pkey PRIMARY KEY (key_hash, event_id);
      ALTER TABLE match_key DROP COLUMN tag;
    `);
  }
}
