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
    const [reply] = await this.answerBatch([request]);
    return reply;
  }

  /**
   * The replies to many requests, in their order, from one transaction: one statement finds the
   * message ids answered before (a redelivered one gets its stored reply), births without a number
   * are issued together (one look-up, one insert per draw), the rest one by one, and the new replies
   * are stored with one statement (a concurrent delivery of the same id fails the batch there).
   * All or nothing: a failed batch leaves no trace, and its caller answers the requests one by one
   * instead (a batch of one), so one bad request cannot hold back the others.
   */
  async answerBatch(requests: readonly PopulationRequest[]): Promise<PopulationReply[]> {
    if (requests.length === 0) return [];
    const client = await this.pool.connect();
    const s = this.schema;
    try {
      await client.query('BEGIN');
      // The first of each message id in the batch is processed; copies get the same reply.
      const deliveries = new Map<string, { request: PopulationRequest; n: number }>();
      for (const r of requests) {
        const seen = deliveries.get(r.messageId);
        if (seen) seen.n += 1;
        else deliveries.set(r.messageId, { request: r, n: 1 });
      }
      // Message ids answered before: their stored reply again (one statement, by the key).
      const ids = [...deliveries.keys()].sort();
      const prior = await client.query<{ message_id: string; reply: PopulationReply }>(
        `UPDATE ${s}.processed_message m SET deliveries = m.deliveries + x.n
           FROM json_to_recordset($1::json) AS x(message_id uuid, n int)
          WHERE m.message_id = x.message_id RETURNING m.message_id, m.reply`,
        [JSON.stringify(ids.map((id) => ({ message_id: id, n: deliveries.get(id)?.n ?? 1 })))],
      );
      const replies = new Map<string, PopulationReply>();
      for (const p of prior.rows) replies.set(p.message_id, p.reply);
      const todo = [...deliveries.values()].map((d) => d.request).filter((r) => !replies.has(r.messageId));
      const verdicts = await this.applyInOrder(client, todo);
      const stored = todo
        .map((r) => {
          const verdict = verdicts.get(r.messageId);
          if (!verdict) throw new Error(`no verdict for message ${r.messageId}`);
          const reply = replyFor(r, verdict);
          replies.set(r.messageId, reply);
          return {
            message_id: r.messageId,
            event_id: r.eventId,
            message_type: r.messageType,
            n: deliveries.get(r.messageId)?.n ?? 1,
            outcome: verdict.outcome,
            reply,
          };
        })
        // In message-id order: two transactions storing the same ids meet them in the same order.
        .sort((x, y) => (x.message_id < y.message_id ? -1 : 1));
      // Each message id is stored once, with its reply, in the statement that answers it (a first
      // insert to claim the id and an update to add the reply wrote every row twice). A concurrent
      // delivery of the same id (a redelivery while the first is still being answered) meets the
      // other transaction's row here: it waits for it, stores nothing, and the batch is undone;
      // its caller then answers the requests one by one and finds the stored reply. Numbers it
      // would have issued are undone with it (and the birth's unique keys made it wait, then find
      // the other's number, before it got here).
      if (stored.length > 0) {
        const inserted = await client.query(
          `INSERT INTO ${s}.processed_message (message_id, event_id, message_type, deliveries, outcome, reply)
           SELECT message_id, event_id, message_type, n, outcome, reply
             FROM json_to_recordset($1::json)
                  AS x(message_id uuid, event_id uuid, message_type text, n int, outcome text, reply jsonb)
           ON CONFLICT (message_id) DO NOTHING`,
          [JSON.stringify(stored)],
        );
        if (inserted.rowCount !== stored.length)
          throw new ConcurrentDeliveryError(stored.length - (inserted.rowCount ?? 0));
      }
      await client.query('COMMIT');
      return requests.map((r) => {
        const reply = replies.get(r.messageId);
        if (!reply) throw new Error(`no reply stored for message ${r.messageId}`);
        return reply;
      });
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Applies requests in their order; each run of births goes as one (the common case by far),
   * everything else one request at a time.
   */
  private async applyInOrder(
    db: pg.PoolClient,
    requests: readonly PopulationRequest[],
  ): Promise<Map<string, Verdict>> {
    const verdicts = new Map<string, Verdict>();
    let births: PopulationRequest[] = [];
    const issueRun = async () => {
      if (births.length === 0) return;
      for (const [id, v] of await this.issueMany(db, births)) verdicts.set(id, v);
      births = [];
    };
    for (const r of requests) {
      if (r.messageType === PopulationMessageType.BIRTH_ISSUE_ID) {
        births.push(r);
        continue;
      }
      await issueRun();
      verdicts.set(r.messageId, await this.apply(db, r));
    }
    await issueRun();
    return verdicts;
  }

  /**
   * Numbers for births: what the register already holds for them is
   * read with one statement, and the new persons inserted with one statement per draw. Decided in
   * order with what the batch itself issued, exactly as one by one: the same birth (by event or by
   * register reference) never gets a second number.
   */
  private async issueMany(
    db: pg.PoolClient,
    births: readonly PopulationRequest[],
  ): Promise<Map<string, Verdict>> {
    const s = this.schema;
    const verdicts = new Map<string, Verdict>();
    const items = births.map((r) => {
      const child = r.record.parties.find((p) => p.role === Role.CHILD)?.person;
      // A number the record already carries (a re-registration, or one given before the register was
      // digitised) is taken as the person's number instead of issuing a second one.
      return { r, child, birthRef: birthRefOf(r), carried: child?.personalIdNumber, pin: '' };
    });
    const byEvent = new Map<string, string>();
    const byRef = new Set<string>();
    const byPin = new Set<string>();
    const lookUp = async (list: typeof items) => {
      const held = await db.query<{ pin: string; birth_event_id: string | null; birth_ref: string | null }>(
        `SELECT pin, birth_event_id, birth_ref FROM ${s}.person
          WHERE birth_ref = ANY($1::text[]) OR birth_event_id = ANY($2::uuid[]) OR pin = ANY($3::text[])`,
        [list.map((i) => i.birthRef), list.map((i) => i.r.eventId), list.flatMap((i) => i.carried ?? [])],
      );
      for (const h of held.rows) {
        byPin.add(h.pin);
        if (h.birth_event_id) byEvent.set(h.birth_event_id, h.pin);
        if (h.birth_ref) byRef.add(h.birth_ref);
      }
    };
    /** The verdict from what is held, or undefined when a new number is to be issued. */
    const decide = (i: (typeof items)[number]): Verdict | undefined => {
      const mine = byEvent.get(i.r.eventId);
      // The same birth sent again under a new message id (a later version): the number it has.
      if (mine) return confirm(mine);
      const carried = i.carried;
      if (carried && i.r.record.registrationKind === RegistrationKind.RE_REGISTRATION && byPin.has(carried))
        return confirm(carried);
      if (byRef.has(i.birthRef) || (carried && byPin.has(carried))) return alreadyIssued(i.r);
      return undefined;
    };
    await lookUp(items);
    let toIssue: typeof items = [];
    for (const i of items) {
      const held = decide(i);
      if (held) {
        verdicts.set(i.r.messageId, held);
        continue;
      }
      if (i.carried) {
        i.pin = i.carried;
        toIssue.push(i);
        continue;
      }
      const prefix = personalIdPrefix(i.r.registeringProvinceCode, i.child?.sex, i.child?.birthDate);
      if (!prefix.ok) {
        verdicts.set(i.r.messageId, reject(PopulationRejectionCode.INCOMPLETE_REQUEST, prefix.reason));
        continue;
      }
      i.pin = prefix.prefix; // drawn below
      toIssue.push(i);
    }
    // A second request for the same birth (by event or register reference) within the batch waits
    // for the first one's number, and is then decided from it, as it would be one by one.
    const followers: typeof items = [];
    const claimedEvents = new Set<string>();
    const claimedRefs = new Set<string>();
    const claimedPins = new Set<string>();
    toIssue = toIssue.filter((i) => {
      if (
        claimedEvents.has(i.r.eventId) ||
        claimedRefs.has(i.birthRef) ||
        (i.carried !== undefined && claimedPins.has(i.carried))
      ) {
        followers.push(i);
        return false;
      }
      claimedEvents.add(i.r.eventId);
      claimedRefs.add(i.birthRef);
      if (i.carried) claimedPins.add(i.carried);
      return true;
    });
    const prefixes = new Map(toIssue.map((i) => [i.r.messageId, i.pin]));
    for (let draw = 0; draw < MAX_DRAWS && toIssue.length > 0; draw += 1) {
      for (const i of toIssue)
        i.pin = i.carried ?? composePersonalIdNumber(prefixes.get(i.r.messageId) ?? '', this.random);
      // Two equal draws in one statement: the second is skipped like any taken number, and drawn again.
      const inserted = await db.query<{ birth_event_id: string }>(
        `INSERT INTO ${s}.person (pin, sex, birth_year, birth_ref, birth_event_id)
         SELECT pin, sex, birth_year, birth_ref, birth_event_id
           FROM json_to_recordset($1::json) AS x(pin text, sex text, birth_year int, birth_ref text, birth_event_id uuid)
          ORDER BY birth_ref
         ON CONFLICT DO NOTHING RETURNING birth_event_id`,
        [
          JSON.stringify(
            toIssue.map((i) => ({
              pin: i.pin,
              sex: i.child?.sex ?? null,
              birth_year: i.child?.birthDate ? Number(i.child.birthDate.slice(0, 4)) : null,
              birth_ref: i.birthRef,
              birth_event_id: i.r.eventId,
            })),
          ),
        ],
      );
      const issued = new Set(inserted.rows.map((r) => r.birth_event_id));
      const missed = toIssue.filter((i) => !issued.has(i.r.eventId));
      for (const i of toIssue)
        if (issued.has(i.r.eventId)) {
          verdicts.set(i.r.messageId, confirm(i.pin));
          byEvent.set(i.r.eventId, i.pin);
          byRef.add(i.birthRef);
        }
      // Not inserted: the number was taken (draw again), or the birth was issued meanwhile by a
      // concurrent transaction, whose row the insert waited for (decide from it).
      toIssue = [];
      if (missed.length > 0) await lookUp(missed);
      for (const i of missed) {
        const held = decide(i);
        if (held) verdicts.set(i.r.messageId, held);
        else if (i.carried)
          verdicts.set(i.r.messageId, alreadyIssued(i.r)); // its number is taken
        else toIssue.push(i);
      }
    }
    if (toIssue.length > 0)
      throw new Error(`no free personal ID number after ${MAX_DRAWS} draws for ${toIssue.length} birth(s)`);
    if (followers.length > 0)
      for (const [id, v] of await this.issueMany(
        db,
        followers.map((i) => i.r),
      ))
        verdicts.set(id, v);
    const registrations = items.flatMap((i) => {
      const v = verdicts.get(i.r.messageId);
      return v?.outcome === PopulationOutcome.CONFIRMED && v.personalIdNumber
        ? [
            {
              event_id: i.r.eventId,
              event_version: i.r.eventVersion,
              message_type: i.r.messageType,
              pin: v.personalIdNumber,
            },
          ]
        : [];
    });
    if (registrations.length > 0)
      await db.query(
        `INSERT INTO ${s}.registration (event_id, event_version, message_type, pins)
         SELECT event_id, event_version, message_type, ARRAY[pin]
           FROM json_to_recordset($1::json) AS x(event_id uuid, event_version int, message_type text, pin text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(registrations)],
      );
    return verdicts;
  }

  private async apply(db: pg.PoolClient, r: PopulationRequest): Promise<Verdict> {
    switch (r.messageType) {
      case PopulationMessageType.BIRTH_ISSUE_ID:
        return (await this.issueMany(db, [r])).get(r.messageId) ?? alreadyIssued(r);
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

/**
 * Another transaction stored a reply to one of the batch's message ids while the batch was being
 * answered: the batch is undone, and answered again request by request.
 */
export class ConcurrentDeliveryError extends Error {
  constructor(count: number) {
    super(`${count} message id(s) answered meanwhile by another delivery`);
  }
}

/** A birth in the register it was registered in: authority, book, entry number and date. */
function birthRefOf(r: PopulationRequest): string {
  const ref = r.record.registerRef;
  return `${ref.authorityCode}|${ref.book}|${ref.entryNumber}|${ref.registeredOn}`;
}

function alreadyIssued(r: PopulationRequest): Verdict {
  const ref = r.record.registerRef;
  return reject(
    PopulationRejectionCode.ALREADY_ISSUED,
    `Khai sinh (sổ ${ref.book}, số ${ref.entryNumber}, ngày ${ref.registeredOn}) đã được cấp số định danh cá nhân; không cấp số thứ hai.`,
  );
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
