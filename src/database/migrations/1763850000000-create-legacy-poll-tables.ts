import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SQL adapter (adapters/sqlserver): per source and table, where reading stopped (the watermark
 * of the last batch whose intake committed) with a lease so one hub process polls a table at a time;
 * and the rows the source's mapping could not turn into a record, kept with their values and errors.
 * The SOAP pull adapter (adapters/soap-pull) keeps its paging cursor per source the same way.
 */
export class CreateLegacyPollTables1763850000000 implements MigrationInterface {
  name = 'CreateLegacyPollTables1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sql_poll_checkpoint (
        source_id       text NOT NULL REFERENCES source (id),
        table_name      text NOT NULL,
        watermark       jsonb,
        rows_read       bigint NOT NULL DEFAULT 0,
        batches         bigint NOT NULL DEFAULT 0,
        lease_owner     text,
        lease_until     timestamptz,
        last_success_at timestamptz,
        last_error_code text,
        last_error_at   timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_id, table_name)
      );

      CREATE TABLE sql_poll_problem (
        source_id       text NOT NULL REFERENCES source (id),
        table_name      text NOT NULL,
        -- The source's record id when the mapping could build it, else the watermark of the row.
        row_key         text NOT NULL,
        seq             integer NOT NULL,
        field           text NOT NULL,
        code            text NOT NULL,
        message         text NOT NULL,
        original        jsonb NOT NULL,
        first_seen_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_id, table_name, row_key, seq)
      );

      CREATE TABLE soap_pull_checkpoint (
        source_id       text PRIMARY KEY REFERENCES source (id),
        -- The cursor the legacy service handed back with the last page whose intake committed.
        cursor          text,
        records_read    bigint NOT NULL DEFAULT 0,
        pages           bigint NOT NULL DEFAULT 0,
        lease_owner     text,
        lease_until     timestamptz,
        last_success_at timestamptz,
        last_error_code text,
        last_error_at   timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE soap_pull_problem (
        source_id       text NOT NULL REFERENCES source (id),
        record_key      text NOT NULL,
        seq             integer NOT NULL,
        field           text NOT NULL,
        code            text NOT NULL,
        message         text NOT NULL,
        original        jsonb NOT NULL,
        first_seen_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_id, record_key, seq)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE soap_pull_problem; DROP TABLE soap_pull_checkpoint; DROP TABLE sql_poll_problem; DROP TABLE sql_poll_checkpoint;',
    );
  }
}
