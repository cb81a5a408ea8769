import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports (adapters/csv): one job per file, uploaded or dropped in a source's folder, with its
 * progress, and the rows it could not take, kept with their original values so an officer can fix
 * them from the rejected-rows report and upload again.
 */
export class CreateCsvImportTables1763800000000 implements MigrationInterface {
  name = 'CreateCsvImportTables1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE csv_import_job (
        id              uuid PRIMARY KEY,
        source_id       text NOT NULL REFERENCES source (id),
        file_name       text NOT NULL,
        channel         text NOT NULL CHECK (channel IN ('UPLOAD', 'DROP_FOLDER')),
        status          text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        encoding        text,
        encoding_confidence real,
        delimiter       text,
        columns         text[],
        rows_read       integer NOT NULL DEFAULT 0,
        accepted        integer NOT NULL DEFAULT 0,
        rejected        integer NOT NULL DEFAULT 0,
        held            integer NOT NULL DEFAULT 0,
        error_code      text,
        error_message   text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        -- The hub process running the job; another takes it over only once the heartbeat has stopped.
        owner           text NOT NULL,
        -- Written with every batch: a RUNNING job whose heartbeat stops was left by a dead process.
        heartbeat_at    timestamptz NOT NULL DEFAULT now(),
        finished_at     timestamptz
      );
      CREATE INDEX csv_import_job_unfinished_idx ON csv_import_job (heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING');
      CREATE INDEX csv_import_job_source_idx ON csv_import_job (source_id, created_at DESC);

      CREATE TABLE csv_rejected_row (
        job_id          uuid NOT NULL REFERENCES csv_import_job (id) ON DELETE CASCADE,
        row_number      integer NOT NULL,
        seq             integer NOT NULL,
        field           text NOT NULL,
        code            text NOT NULL,
        message         text NOT NULL,
        review          boolean NOT NULL DEFAULT false,
        original        jsonb NOT NULL,
        PRIMARY KEY (job_id, row_number, seq)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE csv_rejected_row; DROP TABLE csv_import_job;');
  }
}
