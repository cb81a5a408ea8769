import { randomUUID } from 'node:crypto';
import type pg from 'pg';

import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';

import {
  POPULATION_SCHEMA_VERSION,
  PopulationMessageType,
  PopulationOutcome,
  PopulationRejectionCode,
  type PopulationReply,
  type PopulationRequest,
} from '../../contracts/population/v1/index.js';
import {
  composePersonalIdNumber,
  cryptoRandomSix,
  personalIdPrefix,
  type RandomSix,
} from './personal-id-number.issuer.js';

type Verdict =
  | { outcome: PopulationOutcome.CONFIRMED; personalIdNumber?: string }
  | { outcome: PopulationOutcome.REJECTED; code: PopulationRejectionCode; reason: string };

const reject = (code: PopulationRejectionCode, reason: string): Verdict => ({
  outcome: PopulationOutcome.REJECTED,
  code,
  reason,
});
const confirm = (personalIdNumber?: string): Verdict => ({
  outcome: PopulationOutcome.CONFIRMED,
  personalIdNumber,
});

/** How many random draws before giving up on a free number (a prefix holds a million). */
const MAX_DRAWS = 50;

/**
 * The simulated population register: applies one request, exactly once per message id, and answers
 * as the real one would (DOMAIN.md §5, §9). Used by the AMQP consumer and, in the embedded default,
 * by the hub in process: both go through `answer`.
 */
export class PopulationRegistry {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly random: RandomSix = cryptoRandomSix,
  ) {}

  /** The reply for this request: the stored one when the message id was processed before. */
  async answer(request: PopulationRequest): Promise<PopulationReply> {
    const client = await this.pool.connect();
    const s = this.schema;
    try {
      await client.query('BEGIN');
      // The insert waits on a concurrent delivery of the same id and then sees its committed row.
      const fresh = await client.query(
        `INSERT INTO ${s}.processed_message (message_id, event_id, message_type) VALUES ($1, $2, $3)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [request.messageId, request.eventId, request.messageType],
      );
      if (fresh.rowCount === 0) {
        const prior = await client.query<{ reply: PopulationReply }>(
          `UPDATE ${s}.processed_message SET deliveries = deliveries + 1 WHERE message_id = $1 RETURNING reply`,
          [request.messageId],
        );
        await client.query('COMMIT');
        return prior.rows[0].reply;
      }
      const verdict = await this.apply(client, request);
      const reply = replyFor(request, verdict);
      await client.query(`UPDATE ${s}.processed_message SET outcome = $2, reply = $3 WHERE message_id = $1`, [
        request.messageId,
        verdict.outcome,
        JSON.stringify(reply),
      ]);
      await client.query('COMMIT');
      return reply;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private async apply(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    switch (r.messageType) {
      case PopulationMessageType.BIRTH_ISSUE_ID:
        return this.issue(db, r);
      case PopulationMessageType.DEATH_MARK_DECEASED:
        return this.markDeceased(db, r);
      case PopulationMessageType.REGISTRATION_VOID:
        return this.voidRegistration(db, r);
      case PopulationMessageType.MARRIAGE_RECORD:
      case PopulationMessageType.DIVORCE_RECORD:
      case PopulationMessageType.ANNULMENT_RECORD:
      case PopulationMessageType.CIVIL_STATUS_CHANGE_RECORD:
      case PopulationMessageType.NATIONALITY_CHANGE_RECORD:
      case PopulationMessageType.SEX_REDETERMINATION_RECORD:
      case PopulationMessageType.ADOPTION_RECORD:
      case PopulationMessageType.PARENTAGE_RECORD:
        return this.recordChange(db, r);
    }
  }

  private async issue(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    const s = this.schema;
    const child = r.record.parties.find((p) => p.role === Role.CHILD)?.person;
    const ref = r.record.registerRef;
    const birthRef = `${ref.authorityCode}|${ref.book}|${ref.entryNumber}|${ref.registeredOn}`;
    const held = await db.query<{ pin: string; birth_event_id: string | null }>(
      `SELECT pin, birth_event_id FROM ${s}.person WHERE birth_ref = $1 OR birth_event_id = $2 OR pin = $3`,
      [birthRef, r.eventId, child?.personalIdNumber ?? null],
    );
    const reRegistration = r.record.registrationKind === RegistrationKind.RE_REGISTRATION;
    if (held.rows.length > 0) {
      const mine = held.rows.find((h) => h.birth_event_id === r.eventId);
      // The same birth sent again under a new message id (a later version): the number it has.
      if (mine) return confirm(mine.pin);
      if (
        reRegistration &&
        child?.personalIdNumber &&
        held.rows.some((h) => h.pin === child.personalIdNumber)
      )
        return confirm(child.personalIdNumber);
      return reject(
        PopulationRejectionCode.ALREADY_ISSUED,
        `Khai sinh (sổ ${ref.book}, số ${ref.entryNumber}, ngày ${ref.registeredOn}) đã được cấp số định danh cá nhân; không cấp số thứ hai.`,
      );
    }
    if (child?.personalIdNumber) {
      // The record already carries the child's number (a re-registration, or a number given before
      // the register was digitised): the simulated database, which does not hold the whole
      // population, takes it as the person's number instead of issuing a second one.
      await this.insertPerson(db, child.personalIdNumber, child.sex, child.birthDate, birthRef, r.eventId);
      await this.recordRegistration(db, r, [child.personalIdNumber]);
      return confirm(child.personalIdNumber);
    }
    const prefix = personalIdPrefix(r.registeringProvinceCode, child?.sex, child?.birthDate);
    if (!prefix.ok) return reject(PopulationRejectionCode.INCOMPLETE_REQUEST, prefix.reason);
    for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
      const pin = composePersonalIdNumber(prefix.prefix, this.random);
      if (await this.insertPerson(db, pin, child?.sex, child?.birthDate, birthRef, r.eventId)) {
        await this.recordRegistration(db, r, [pin]);
        return confirm(pin);
      }
    }
    throw new Error(`no free personal ID number after ${MAX_DRAWS} draws for prefix ${prefix.prefix}`);
  }

  private async insertPerson(
    db: pg.PoolClient,
    pin: string,
    sex: string | undefined,
    birthDate: string | undefined,
    birthRef: string,
    eventId: string,
  ): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO ${this.schema}.person (pin, sex, birth_year, birth_ref, birth_event_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (pin) DO NOTHING`,
      [pin, sex ?? null, birthDate ? Number(birthDate.slice(0, 4)) : null, birthRef, eventId],
    );
    return inserted.rowCount === 1;
  }

  private async markDeceased(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    const s = this.schema;
    const pin = r.record.parties.find((p) => p.role === Role.DECEASED)?.person.personalIdNumber;
    if (!pin)
      return reject(
        PopulationRejectionCode.INCOMPLETE_REQUEST,
        'Thiếu số định danh cá nhân của người chết (parties[DECEASED].person.personalIdNumber).',
      );
    const found = await db.query<{ status: string; death_event_id: string | null }>(
      `SELECT status, death_event_id FROM ${s}.person WHERE pin = $1 FOR UPDATE`,
      [pin],
    );
    const person = found.rows[0];
    if (!person)
      return reject(
        PopulationRejectionCode.UNKNOWN_PERSON,
        `Không tìm thấy công dân có số định danh cá nhân ${maskPin(pin)} trong Cơ sở dữ liệu quốc gia về dân cư.`,
      );
    if (person.death_event_id === r.eventId) return confirm();
    if (person.status !== 'ALIVE')
      return reject(
        PopulationRejectionCode.ALREADY_DECEASED,
        `Công dân có số định danh cá nhân ${maskPin(pin)} đã được ghi nhận là đã chết (hoặc số đã bị hủy); không ghi nhận khai tử lần nữa.`,
      );
    await db.query(
      `UPDATE ${s}.person SET status = 'DECEASED', death_event_id = $2, deceased_at = now() WHERE pin = $1`,
      [pin, r.eventId],
    );
    await this.recordRegistration(db, r, [pin]);
    return confirm();
  }

  private async recordChange(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    const pins = r.record.parties.flatMap((p) =>
      p.person.personalIdNumber ? [p.person.personalIdNumber] : [],
    );
    if (pins.length > 0) {
      const known = await db.query<{ pin: string; status: string }>(
        `SELECT pin, status FROM ${this.schema}.person WHERE pin = ANY($1::text[])`,
        [pins],
      );
      const dead = known.rows.find((k) => k.status === 'DECEASED');
      if (dead && r.messageType !== PopulationMessageType.CIVIL_STATUS_CHANGE_RECORD)
        return reject(
          PopulationRejectionCode.ALREADY_DECEASED,
          `Công dân có số định danh cá nhân ${maskPin(dead.pin)} đã chết; không ghi nhận sự kiện này.`,
        );
    }
    await this.recordRegistration(db, r, pins);
    return confirm();
  }

  private async voidRegistration(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    const s = this.schema;
    const found = await db.query(
      `UPDATE ${s}.registration SET voided_at = now() WHERE event_id = $1 AND voided_at IS NULL RETURNING message_type`,
      [r.eventId],
    );
    if (found.rowCount === 0)
      return reject(
        PopulationRejectionCode.UNKNOWN_REGISTRATION,
        'Không có việc đăng ký nào của sự kiện này đã được ghi nhận để hủy.',
      );
    await db.query(`UPDATE ${s}.person SET status = 'VOIDED' WHERE birth_event_id = $1`, [r.eventId]);
    await db.query(
      `UPDATE ${s}.person SET status = 'ALIVE', death_event_id = NULL, deceased_at = NULL WHERE death_event_id = $1`,
      [r.eventId],
    );
    return confirm();
  }

  private async recordRegistration(db: pg.PoolClient, r: PopulationRequest, pins: string[]): Promise<void> {
    await db.query(
      `INSERT INTO ${this.schema}.registration (event_id, event_version, message_type, pins) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [r.eventId, r.eventVersion, r.messageType, pins],
    );
  }
}

/** Reasons reach logs and screens: show only the prefix of a number (personal data). */
function maskPin(pin: string): string {
  return `${pin.slice(0, 6)}******`;
}

function replyFor(request: PopulationRequest, verdict: Verdict): PopulationReply {
  const base = {
    schemaVersion: POPULATION_SCHEMA_VERSION,
    messageId: randomUUID(),
    inReplyTo: request.messageId,
    correlationId: request.correlationId,
    answeredAt: new Date().toISOString(),
    respondent: 'population-simulator',
  };
  return verdict.outcome === PopulationOutcome.CONFIRMED
    ? {
        ...base,
        outcome: verdict.outcome,
        ...(verdict.personalIdNumber ? { personalIdNumber: verdict.personalIdNumber } : {}),
      }
    : { ...base, outcome: verdict.outcome, rejection: { code: verdict.code, reason: verdict.reason } };
}
