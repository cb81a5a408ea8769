import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log chained by a sealer instead of by each writer (issue 6: one chain-head lock per
 * append capped the hub at ~1,500 single-entry appends per second).
 *
 * - Writers only insert content rows into audit_log, without any lock. Each row records the
 *   inserting transaction (`tx`, pg_current_xact_id()), so that a sealer knows which rows may still
 *   become visible: every transaction below its snapshot's xmin has ended. As bigint, not xid8: the
 *   planner has no range statistics for xid8, guessed a third of the table for `tx >= $1` and
 *   scanned all of it on every round (0.7 s at 1M entries) instead of the index.
 * - The sealer (one at a time: it holds the head row) chains committed rows in id order: one
 *   audit_link row per entry (its number, the content row's id, the previous hash and the hash,
 *   which covers the content and the id), and moves the head with `sealed_below_tx`, the
 *   transaction id below which every content row is chained. audit_log is never updated; audit_link
 *   is insert-only too (triggers, and privileges for hub_app).
 * - Existing chains stay as written: their rows keep seq/prev_hash/hash in audit_log, hashed by the
 *   1763830000000 format (which does not cover the id), and are verified as before; links continue
 *   after them (`links_start_after_seq`, the head at this migration). Re-hashing them into links would
 *   have invalidated the signed anchors that name them and vouched again for content never re-checked.
 *
 * down() drops the links and moves the head back to the end of the old chain: entries chained by
 * links become rows outside the chain, which the former verifier reports.
 */
export class ChainAuditLogBySealer1763880000000 implements MigrationInterface {
  name = 'ChainAuditLogBySealer1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ADD COLUMN tx bigint;
      ALTER TABLE audit_log ALTER COLUMN tx SET DEFAULT pg_current_xact_id()::text::bigint;
      CREATE INDEX audit_log_tx_idx ON audit_log (tx);

      CREATE TABLE audit_link (
        seq        bigint PRIMARY KEY,
        audit_id   bigint NOT NULL UNIQUE,
        prev_hash  bytea NOT NULL,
        hash       bytea NOT NULL
      );
      CREATE TRIGGER audit_link_append_only BEFORE UPDATE OR DELETE ON audit_link
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
      CREATE TRIGGER audit_link_no_truncate BEFORE TRUNCATE ON audit_link
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_truncate();
      GRANT SELECT, INSERT ON audit_link TO hub_app;
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_link FROM hub_app, PUBLIC;

      ALTER TABLE audit_chain_head
        ADD COLUMN links_start_after_seq bigint,
        ADD COLUMN sealed_below_tx bigint;
      -- Rows written before now have no tx and are not the sealer's; later ones have a higher tx.
      UPDATE audit_chain_head SET links_start_after_seq = seq, sealed_below_tx = pg_current_xact_id()::text::bigint;
      ALTER TABLE audit_chain_head
        ALTER COLUMN links_start_after_seq SET NOT NULL,
        ALTER COLUMN sealed_below_tx SET NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE audit_chain_head SET seq = links_start_after_seq,
        hash = coalesce((SELECT hash FROM audit_log WHERE seq = links_start_after_seq), decode(repeat('00', 32), 'hex'));
      ALTER TABLE audit_chain_head DROP COLUMN links_start_after_seq, DROP COLUMN sealed_below_tx;
      DROP TABLE audit_link;
      ALTER TABLE audit_log DROP COLUMN tx;
    `);
  }
}
