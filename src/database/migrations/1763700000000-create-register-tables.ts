import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's first schema: reference data (registering authorities), sources and their keys,
 * intake (raw payloads kept as received), the register itself (events, parties, append-only version
 * history), the outbox for the population-database link, the audit log, and officials' accounts.
 *
 * Hot paths write with multi-row statements (unnest of arrays), so the indexes here are the ones the
 * intake path probes: source record id, register reference and subject personal ID number.
 */
export class CreateRegisterTables1763700000000 implements MigrationInterface {
  name = 'CreateRegisterTables1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registering_authority (
        id             text PRIMARY KEY,           -- code@validFrom: one row per version of an authority
        code           text NOT NULL,
        kind           text NOT NULL,
        name           text NOT NULL,
        unit_code      text,
        province_code  text,
        country_code   text,
        valid_from     date,
        valid_to       date,
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
      );
      CREATE INDEX registering_authority_code_idx ON registering_authority (code);

      CREATE TABLE reference_data_version (
        name         text PRIMARY KEY,
        fingerprint  text NOT NULL,
        loaded_at    timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE source (
        id             text PRIMARY KEY,
        name           text NOT NULL,
        province_code  text NOT NULL,               -- today's province the source is bound to
        transport      text NOT NULL DEFAULT 'REST',
        status         text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        created_at     timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE source_credential (
        id          uuid PRIMARY KEY,
        source_id   text NOT NULL REFERENCES source (id),
        kind        text NOT NULL DEFAULT 'API_KEY',
        key_prefix  text NOT NULL,                  -- shown to operators to tell keys apart
        key_hash    bytea NOT NULL UNIQUE,          -- SHA-256 of a 256-bit random key
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      );

      CREATE TABLE intake_batch (
        id              uuid PRIMARY KEY,
        source_id       text NOT NULL REFERENCES source (id),
        transport       text NOT NULL,
        record_count    integer NOT NULL,
        correlation_id  text,
        received_at     timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE intake_item (
        id                uuid PRIMARY KEY,
        batch_id          uuid NOT NULL REFERENCES intake_batch (id),
        seq               integer NOT NULL,
        source_id         text NOT NULL REFERENCES source (id),
        source_record_id  text,
        status            text NOT NULL DEFAULT 'RECEIVED'
                          CHECK (status IN ('RECEIVED', 'ACCEPTED', 'DUPLICATE', 'UPDATED', 'REJECTED', 'HELD')),
        event_id          uuid,
        event_version     integer,
        errors            jsonb,
        correlation_id    text,
        received_at       timestamptz NOT NULL DEFAULT now(),
        processed_at      timestamptz
      );
      -- The raw record as received, apart from its (often updated) status row, so that recording an
      -- outcome rewrites a narrow row, not the payload. json keeps it as sent and is cheap to write.
      CREATE TABLE intake_payload (
        item_id  uuid PRIMARY KEY REFERENCES intake_item (id),
        payload  json NOT NULL
      );
      CREATE INDEX intake_item_source_record_idx ON intake_item (source_id, source_record_id, received_at DESC);
      CREATE INDEX intake_item_batch_idx ON intake_item (batch_id, seq);
      CREATE INDEX intake_item_unprocessed_idx ON intake_item (received_at) WHERE status = 'RECEIVED';

      CREATE TABLE civil_event (
        id                   uuid PRIMARY KEY,
        event_type           text NOT NULL,
        status               text NOT NULL DEFAULT 'REGISTERED' CHECK (status IN ('REGISTERED', 'VOIDED')),
        registration_kind    text NOT NULL,
        authority_id         text NOT NULL REFERENCES registering_authority (id),
        authority_code       text NOT NULL,
        register_book        text NOT NULL,
        register_entry       text NOT NULL,
        register_year        integer NOT NULL,
        registered_on        date NOT NULL,
        occurred_on          text,                  -- partial date as recorded: YYYY, YYYY-MM or YYYY-MM-DD
        occurred_from        date,
        occurred_to          date,
        timeliness           text NOT NULL CHECK (timeliness IN ('ON_TIME', 'LATE', 'NOT_APPLICABLE', 'UNKNOWN')),
        historical           boolean NOT NULL DEFAULT false,
        province_code        text,                  -- today's province of the registering authority (null abroad)
        registered_province_code text,              -- the province code as of the registration date
        commune_code         text,
        subject_pin          text,                  -- the child of a birth, the deceased of a death
        earlier_event_id     uuid REFERENCES civil_event (id),  -- a re-registration links to the earlier one
        source_id            text REFERENCES source (id),
        source_record_id     text,
        version              integer NOT NULL DEFAULT 1,
        content_hash         text NOT NULL,         -- the current record is civil_event_version (id, version)
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      );
      -- Luật Hộ tịch Art. 58, 60: the register reference is the legal key. Books close at year end,
      -- so the entry number is unique per authority (version), event type, book and year.
      CREATE UNIQUE INDEX civil_event_register_ref_uq
        ON civil_event (authority_id, event_type, register_book, register_entry, register_year)
        WHERE status = 'REGISTERED';
      CREATE UNIQUE INDEX civil_event_source_record_uq
        ON civil_event (source_id, source_record_id) WHERE source_id IS NOT NULL;
      -- One birth and one death registration per personal ID number (re-registrations link instead).
      CREATE UNIQUE INDEX civil_event_birth_pin_uq
        ON civil_event (subject_pin)
        WHERE event_type = 'BIRTH' AND registration_kind = 'FIRST' AND status = 'REGISTERED' AND subject_pin IS NOT NULL;
      CREATE UNIQUE INDEX civil_event_death_pin_uq
        ON civil_event (subject_pin)
        WHERE event_type = 'DEATH' AND registration_kind = 'FIRST' AND status = 'REGISTERED' AND subject_pin IS NOT NULL;
      CREATE INDEX civil_event_subject_pin_idx ON civil_event (subject_pin) WHERE subject_pin IS NOT NULL;
      CREATE INDEX civil_event_province_idx ON civil_event (province_code, event_type, registered_on);

      CREATE TABLE civil_event_version (
        event_id        uuid NOT NULL REFERENCES civil_event (id),
        version         integer NOT NULL,
        change_kind     text NOT NULL,              -- CREATED, UPDATED_BY_SOURCE, ...
        reason          text,
        content_hash    text NOT NULL,
        record          json,                      -- the standard record of this version, NFC; NULL when it is
                                                   -- exactly the payload received (intake_item_id's)
        intake_item_id  uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, version),
        CHECK (record IS NOT NULL OR intake_item_id IS NOT NULL)
      );

      CREATE TABLE party (
        event_id            uuid NOT NULL REFERENCES civil_event (id),
        ordinal             smallint NOT NULL,
        role                text NOT NULL,
        full_name           text NOT NULL,
        sex                 text,
        birth_date          text,
        personal_id_number  text,
        ethnicity           text,
        nationality         text,
        PRIMARY KEY (event_id, ordinal)
      );
      CREATE INDEX party_pin_idx ON party (personal_id_number) WHERE personal_id_number IS NOT NULL;

      CREATE TABLE outbox_message (
        id               bigserial PRIMARY KEY,
        message_id       uuid NOT NULL UNIQUE,     -- the idempotency key on the wire
        event_id         uuid NOT NULL REFERENCES civil_event (id),
        event_version    integer NOT NULL,
        message_type     text NOT NULL,
        status           text NOT NULL DEFAULT 'PENDING'
                         CHECK (status IN ('PENDING', 'PUBLISHED', 'CONFIRMED', 'REJECTED', 'DEAD')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        published_at     timestamptz,
        answered_at      timestamptz
      );
      CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX outbox_message_event_idx ON outbox_message (event_id);

      CREATE TABLE audit_log (
        id              bigserial PRIMARY KEY,
        occurred_at     timestamptz NOT NULL DEFAULT now(),
        actor_type      text NOT NULL CHECK (actor_type IN ('SOURCE', 'USER', 'SYSTEM')),
        actor_id        text,
        action          text NOT NULL,
        entity_type     text,
        entity_id       text,
        province_code   text,
        correlation_id  text,
        details         jsonb,
        prev_hash       bytea,
        hash            bytea
      );
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

      CREATE TABLE app_user (
        id              uuid PRIMARY KEY,
        username        text NOT NULL UNIQUE,
        full_name       text NOT NULL,
        password_hash   text NOT NULL,
        authority_code  text NOT NULL,
        roles           text[] NOT NULL,
        status          text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        created_at      timestamptz NOT NULL DEFAULT now()
      );

      -- Records are ~2 KB of JSON: lz4 compresses them several times faster than the default pglz.
      -- (Only where the server was built with lz4; the embedded default may not be.)
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
          ALTER TABLE intake_payload ALTER COLUMN payload SET COMPRESSION lz4;
          ALTER TABLE civil_event_version ALTER COLUMN record SET COMPRESSION lz4;
        END IF;
      END $$;

      -- The history of versions and the audit log are append-only: the database refuses to change them.
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER civil_event_version_append_only BEFORE UPDATE OR DELETE ON civil_event_version
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION forbid_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS app_user, audit_log, outbox_message, party, civil_event_version, civil_event,
        intake_payload, intake_item, intake_batch, source_credential, source, reference_data_version, registering_authority;
      DROP FUNCTION IF EXISTS forbid_change();
    `);
  }
}
