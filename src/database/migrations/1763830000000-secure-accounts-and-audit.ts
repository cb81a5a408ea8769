import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officials' logins and sessions, security alerts, and a tamper-evident audit log (issue 6).
 *
 * - app_user gains its second factor (TOTP secret sealed with AUTH_SECRET_KEY, last step used so a
 *   code works once) and lockout state; user_session holds access and refresh tokens by their
 *   SHA-256 only, with expiry and revocation; security_alert records what the monitoring shows.
 *
 * - Each entry gets a sequence number; its hash covers the entry, its number and the previous hash.
 *   The head of the chain (last number and hash) is one row that writers lock FOR UPDATE: one lock and
 *   one multi-row statement per append, however many entries (bulk intake writes up to 1,000).
 * - Rows written before this migration have no number: they stay outside the chain and the verifier
 *   counts them (`chain_starts_after_id`); any unnumbered row added later is reported as tampering.
 * - Signed anchors of the chain head are kept in a table of their own (and optionally a file), so
 *   that cutting off the end of the log, head row included, is detectable.
 * - Append-only is enforced twice: triggers (which also bind the superuser the tests connect as, and
 *   now TRUNCATE too) and privileges: the role `hub_app`, which the hub's login role should be a member
 *   of in production, may read and insert the audit tables but never update, delete or truncate them.
 */
export class SecureAccountsAndAudit1763830000000 implements MigrationInterface {
  name = 'SecureAccountsAndAudit1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ADD COLUMN seq bigint;
      CREATE UNIQUE INDEX audit_log_seq_uq ON audit_log (seq);

      CREATE TABLE audit_chain_head (
        id                     smallint PRIMARY KEY CHECK (id = 1),
        seq                    bigint NOT NULL,
        hash                   bytea NOT NULL,
        chain_starts_after_id  bigint NOT NULL
      );
      INSERT INTO audit_chain_head (id, seq, hash, chain_starts_after_id)
        SELECT 1, 0, decode(repeat('00', 32), 'hex'), coalesce(max(id), 0) FROM audit_log;

      CREATE TABLE audit_anchor (
        id           bigserial PRIMARY KEY,
        anchored_at  timestamptz NOT NULL,
        seq          bigint NOT NULL,
        hash         bytea NOT NULL,
        key_id       text NOT NULL,
        signature    bytea NOT NULL
      );
      CREATE TRIGGER audit_anchor_append_only BEFORE UPDATE OR DELETE ON audit_anchor
        FOR EACH ROW EXECUTE FUNCTION forbid_change();

      CREATE FUNCTION forbid_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_truncate();
      CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_truncate();
      CREATE TRIGGER civil_event_version_no_truncate BEFORE TRUNCATE ON civil_event_version
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_truncate();

      ALTER TABLE app_user
        ADD COLUMN totp_secret     text,
        ADD COLUMN totp_last_step  bigint,
        ADD COLUMN failed_logins   integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until    timestamptz,
        ADD COLUMN last_login_at   timestamptz;

      CREATE TABLE user_session (
        id                  uuid PRIMARY KEY,
        user_id             uuid NOT NULL REFERENCES app_user (id),
        access_hash         bytea NOT NULL UNIQUE,
        access_expires_at   timestamptz NOT NULL,
        refresh_hash        bytea NOT NULL UNIQUE,
        refresh_expires_at  timestamptz NOT NULL,
        -- The refresh token this one replaced: presenting it again means it was stolen.
        previous_refresh_hash bytea UNIQUE,
        created_at          timestamptz NOT NULL DEFAULT now(),
        last_seen_at        timestamptz NOT NULL DEFAULT now(),
        client_ip           text,
        user_agent          text,
        revoked_at          timestamptz,
        revoked_by          text,
        revoke_reason       text
      );
      CREATE INDEX user_session_user_idx ON user_session (user_id, created_at DESC);

      CREATE TABLE security_alert (
        id              bigserial PRIMARY KEY,
        raised_at       timestamptz NOT NULL DEFAULT now(),
        kind            text NOT NULL,
        severity        text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        actor_type      text NOT NULL CHECK (actor_type IN ('SOURCE', 'USER', 'SYSTEM', 'ANONYMOUS')),
        actor_id        text,
        province_code   text,
        message         text NOT NULL,
        details         jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX security_alert_raised_idx ON security_alert (raised_at DESC);
      CREATE INDEX security_alert_kind_idx ON security_alert (kind, actor_id, raised_at DESC);

      -- Roles are cluster-wide: create it once, tolerate another database having done it already.
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_app') THEN
          CREATE ROLE hub_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      GRANT USAGE ON SCHEMA public TO hub_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hub_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hub_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hub_app;
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_anchor, civil_event_version FROM hub_app, PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM hub_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM hub_app;
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM hub_app;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM hub_app;
      REVOKE USAGE ON SCHEMA public FROM hub_app;
      DROP TRIGGER IF EXISTS civil_event_version_no_truncate ON civil_event_version;
      DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
      DROP TABLE IF EXISTS audit_anchor, audit_chain_head, security_alert, user_session;
      ALTER TABLE app_user DROP COLUMN IF EXISTS totp_secret, DROP COLUMN IF EXISTS totp_last_step,
        DROP COLUMN IF EXISTS failed_logins, DROP COLUMN IF EXISTS locked_until, DROP COLUMN IF EXISTS last_login_at;
      DROP FUNCTION IF EXISTS forbid_truncate();
      DROP INDEX IF EXISTS audit_log_seq_uq;
      ALTER TABLE audit_log DROP COLUMN IF EXISTS seq;
    `);
  }
}
