import { jest } from '@jest/globals';
import pg from 'pg';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { startAuthHarness, type AuthHarness, type Official } from '../auth/auth-harness.js';
import { distinctBirth } from '../support/distinct-birth.js';

jest.setTimeout(60_000);

type Plain = Record<string, any>;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** The review queue over HTTP (issue 4, point 4): province supervisors decide held possible duplicates. */
describe('duplicate review queue over HTTP', () => {
  let h: AuthHarness;
  let db: pg.Client;
  let sourceKey: string;
  let hanoi: Official;
  let haiPhong: Official;
  let registrar: Official;
  const tokens = new Map<Official, string>();
  const as = async (o: Official) => {
    if (!tokens.has(o)) tokens.set(o, (await h.login(o)).accessToken);
    return `Bearer ${tokens.get(o)}`;
  };
  const get = async (o: Official, path: string) =>
    h
      .http()
      .get(path)
      .set('authorization', await as(o));
  const decide = async (o: Official, id: string, body: object) =>
    h
      .http()
      .post(`/api/v1/matching/reviews/${id}/decision`)
      .set('authorization', await as(o))
      .send(body);
  const submit = (records: Plain[]) =>
    h.http().post('/api/v1/intake/records').set('authorization', `Bearer ${sourceKey}`).send({ records });

  /** Registers the n-th child, then sends it again with the other sex: held for review. */
  async function heldPair(n: number): Promise<{ eventId: string; itemId: string; reviewId: string }> {
    const original = distinctBirth(exampleBirth(), n);
    original.source = { sourceId: 'hn-src', sourceRecordId: `O-${n}` };
    original.registerRef.entryNumber = String(600 + n);
    const first = await submit([original]).expect(200);
    const doubtful = structuredClone(original);
    doubtful.source.sourceRecordId = `D-${n}`;
    doubtful.registerRef.entryNumber = String(700 + n);
    doubtful.parties[0].person.sex = doubtful.parties[0].person.sex === 'FEMALE' ? 'MALE' : 'FEMALE';
    const held = await submit([doubtful]).expect(200);
    expect(held.body.outcomes[0].outcome).toBe('held');
    const itemId = held.body.outcomes[0].itemId;
    const [review] = (await db.query('SELECT id FROM match_review WHERE intake_item_id = $1', [itemId])).rows;
    return { eventId: first.body.outcomes[0].registerId, itemId, reviewId: review.id };
  }

  const audited = async (action: string, entityId: string) =>
    (
      await db.query('SELECT actor_id, details FROM audit_log WHERE action = $1 AND entity_id = $2', [
        action,
        entityId,
      ])
    ).rows;

  beforeAll(async () => {
    h = await startAuthHarness();
    db = new pg.Client(h.t.databaseUrl);
    await db.connect();
    sourceKey = (
      await h.t.app
        .get(SourceRegistryService)
        .createSource({ id: 'hn-src', name: 'Hà Nội', provinceCode: '01' })
    ).apiKey;
    hanoi = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-01');
    haiPhong = await h.createOfficial('PROVINCE_SUPERVISOR', 'STP-31');
    registrar = await h.createOfficial('REGISTRAR', h.authorities.communeA);
  });

  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('lists held records of the supervisor’s province with the candidates’ field-by-field evidence', async () => {
    const { eventId, reviewId } = await heldPair(20);
    const mine = await get(hanoi, '/api/v1/matching/reviews').then((r) => r.body.reviews as Plain[]);
    const listed = mine.find((r) => r.id === reviewId);
    expect(listed).toMatchObject({
      provinceCode: '01',
      status: 'PENDING',
      eventType: 'BIRTH',
      candidateCount: 1,
    });
    expect(listed!.candidates[0].eventId).toBe(eventId);
    expect(listed!.candidates[0].evidence).toContainEqual(
      expect.objectContaining({ field: 'sex', level: 'DIFFERENT' }),
    );
    // No names or ID numbers in the list.
    expect(JSON.stringify(mine)).not.toMatch(/Nguyễn|001195/);

    const detail = await get(hanoi, `/api/v1/matching/reviews/${reviewId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.record.source.sourceRecordId).toBe('D-20');
    expect(detail.body.candidates[0].record.parties[0].person.fullName).toBe(
      detail.body.record.parties[0].person.fullName,
    );
    expect(detail.body.candidates[0].record.parties[0].person.sex).not.toBe(
      detail.body.record.parties[0].person.sex,
    );
    expect(await audited('MATCHING.REVIEW_VIEWED', reviewId)).toEqual([
      expect.objectContaining({ actor_id: hanoi.id }),
    ]);
  });

  it('answers another province’s supervisor as for a review that does not exist, and records the attempt', async () => {
    const { reviewId } = await heldPair(21);
    const others = await get(haiPhong, '/api/v1/matching/reviews');
    expect(others.status).toBe(200);
    expect((others.body.reviews as Plain[]).map((r) => r.id)).not.toContain(reviewId);
    const outside = await get(haiPhong, `/api/v1/matching/reviews/${reviewId}`);
    const missing = await get(haiPhong, `/api/v1/matching/reviews/${MISSING}`);
    expect([outside.status, missing.status]).toEqual([404, 404]);
    expect(outside.body.error.code).toBe('MATCHING.REVIEW_NOT_FOUND');
    expect(outside.body.error.message.replace(reviewId, 'ID')).toBe(
      missing.body.error.message.replace(MISSING, 'ID'),
    );
    const refusedDecision = await decide(haiPhong, reviewId, { decision: 'DIFFERENT' });
    expect(refusedDecision.status).toBe(404);
    expect(await audited('MATCHING.REVIEW_VIEWED.REFUSED', reviewId)).toEqual([
      expect.objectContaining({ actor_id: haiPhong.id, details: { reason: 'OUT_OF_JURISDICTION' } }),
    ]);
    expect(await audited('MATCHING.REVIEW_DECIDED.REFUSED', reviewId)).toHaveLength(1);
    const [{ status }] = (await db.query('SELECT status FROM match_review WHERE id = $1', [reviewId])).rows;
    expect(status).toBe('PENDING');
    // A commune registrar holds neither permission.
    expect((await get(registrar, '/api/v1/matching/reviews')).status).toBe(403);
    expect((await decide(registrar, reviewId, { decision: 'DIFFERENT' })).status).toBe(403);
  });

  it('"same event": the held item becomes a duplicate linked to the chosen event; audited; not asked again', async () => {
    const { eventId, itemId, reviewId } = await heldPair(22);
    const bad = await decide(hanoi, reviewId, { decision: 'SAME_EVENT' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MATCHING.REVIEW_INVALID_DECISION');
    // "Same event" needs a reason, told to the province with the merge.
    const noReason = await decide(hanoi, reviewId, { decision: 'SAME_EVENT', eventId, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({
      code: 'MATCHING.REVIEW_INVALID_DECISION',
      details: { field: 'reason' },
    });
    expect(noReason.body.error.message).toContain('lý do');
    const events = Number((await db.query('SELECT count(*) n FROM civil_event')).rows[0].n);
    const reason = 'Trùng số, quyển và ngày đăng ký trong sổ gốc';
    const res = await decide(hanoi, reviewId, { decision: 'SAME_EVENT', eventId, reason });
    expect(res.status).toBe(200);
    expect(res.body.review).toMatchObject({
      status: 'SAME_EVENT',
      decidedEventId: eventId,
      decidedBy: hanoi.id,
    });
    expect(res.body.item).toMatchObject({ itemId, outcome: 'duplicate', registerId: eventId, version: 1 });
    const seen = await h
      .http()
      .get(`/api/v1/intake/items/${itemId}`)
      .set('authorization', `Bearer ${sourceKey}`);
    expect(seen.body).toMatchObject({ outcome: 'duplicate', registerId: eventId });
    expect(Number((await db.query('SELECT count(*) n FROM civil_event')).rows[0].n)).toBe(events);
    expect(await audited('MATCHING.REVIEW_DECIDED', reviewId)).toEqual([
      expect.objectContaining({
        actor_id: hanoi.id,
        details: expect.objectContaining({ decision: 'SAME_EVENT', eventId, reason }),
      }),
    ]);
    const notices = (
      await db.query(
        `SELECT change_kind, reason, actor_id FROM event_change_notice WHERE event_id = $1 AND change_kind = 'MERGED'`,
        [eventId],
      )
    ).rows;
    expect(notices).toEqual([{ change_kind: 'MERGED', reason, actor_id: hanoi.id }]);
    expect((await decide(hanoi, reviewId, { decision: 'DIFFERENT' })).status).toBe(409);
    // The same record sent again is now a definite duplicate of the decided event, not held again.
    const payload = (await db.query('SELECT payload FROM intake_payload WHERE item_id = $1', [itemId]))
      .rows[0].payload;
    payload.source.sourceRecordId = 'D-22-again';
    const again = await submit([payload]).expect(422);
    expect(again.body.outcomes[0].errors[0]).toMatchObject({
      code: 'MATCHING.DUPLICATE_BIRTH',
      existingEventId: eventId,
    });
  });

  it('matches a source’s changed record again, against every other event but its own', async () => {
    const a = distinctBirth(exampleBirth(), 40);
    a.source = { sourceId: 'hn-src', sourceRecordId: 'U-40' };
    a.registerRef.entryNumber = '640';
    const b = distinctBirth(exampleBirth(), 41);
    b.source = { sourceId: 'hn-src', sourceRecordId: 'U-41' };
    b.registerRef.entryNumber = '641';
    const first = await submit([a, b]).expect(200);
    const [eventA, eventB] = first.body.outcomes.map((o: Plain) => o.registerId);
    const versionOfB = async () =>
      (await db.query('SELECT version FROM civil_event WHERE id = $1', [eventB])).rows[0].version;

    // B's record changed into A's birth: refused as A's duplicate; B keeps its version.
    const intoA = structuredClone(a);
    intoA.source = b.source;
    intoA.registerRef.entryNumber = b.registerRef.entryNumber;
    const refused = await submit([intoA]).expect(422);
    expect(refused.body.outcomes[0]).toMatchObject({ outcome: 'rejected' });
    expect(refused.body.outcomes[0].errors[0]).toMatchObject({
      code: 'MATCHING.DUPLICATE_BIRTH',
      existingEventId: eventA,
    });
    expect(await versionOfB()).toBe(1);

    // Changed into a doubtful likeness of A (the child's sex differs): held for review, not applied.
    const likeA = structuredClone(intoA);
    likeA.parties[0].person.sex = likeA.parties[0].person.sex === 'FEMALE' ? 'MALE' : 'FEMALE';
    const held = await submit([likeA]).expect(200);
    expect(held.body.outcomes[0].outcome).toBe('held');
    expect(await versionOfB()).toBe(1);

    // A genuine correction of B's own record is compared with the others, not with B itself: a new version.
    const corrected = structuredClone(b);
    corrected.parties[0].person.fullName = `${b.parties[0].person.fullName} Minh`;
    const updated = await submit([corrected]).expect(200);
    expect(updated.body.outcomes[0]).toMatchObject({ outcome: 'updated', registerId: eventB, version: 2 });
    expect(await versionOfB()).toBe(2);
  });

  it('"different": the held item is registered through intake, audited, and the pair is not asked again', async () => {
    const { eventId, itemId, reviewId } = await heldPair(23);
    // The source sends the held record again, unchanged: it joins the pending review, no second one.
    const payload = (await db.query('SELECT payload FROM intake_payload WHERE item_id = $1', [itemId]))
      .rows[0].payload;
    const resent = await submit([payload]).expect(200);
    expect(resent.body.outcomes[0].outcome).toBe('held');
    const resentItem = resent.body.outcomes[0].itemId;
    expect(
      (
        await db.query(
          `SELECT count(*)::int n FROM match_review WHERE fingerprint = (SELECT fingerprint FROM match_review WHERE id = $1)`,
          [reviewId],
        )
      ).rows[0].n,
    ).toBe(1);
    const res = await decide(hanoi, reviewId, { decision: 'DIFFERENT' });
    expect(res.status).toBe(200);
    expect(res.body.review).toMatchObject({ status: 'DIFFERENT', decidedBy: hanoi.id });
    expect(res.body.item).toMatchObject({ itemId, outcome: 'accepted', version: 1 });
    const registered = res.body.item.registerId;
    expect(registered).not.toBe(eventId);
    const stored = await db.query(
      `SELECT v.intake_item_id, e.source_record_id FROM civil_event e JOIN civil_event_version v ON v.event_id = e.id WHERE e.id = $1`,
      [registered],
    );
    expect(stored.rows).toEqual([{ intake_item_id: itemId, source_record_id: 'D-23' }]);
    expect(
      await db.query('SELECT 1 FROM match_profile WHERE event_id = $1', [registered]).then((r) => r.rowCount),
    ).toBe(1);
    expect(await audited('MATCHING.REVIEW_DECIDED', reviewId)).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ decision: 'DIFFERENT', candidates: [eventId] }),
      }),
    ]);
    // The resend, released with it, is the same entry again: a duplicate of the event just registered.
    const again = await h
      .http()
      .get(`/api/v1/intake/items/${resentItem}`)
      .set('authorization', `Bearer ${sourceKey}`);
    expect(again.body).toMatchObject({ outcome: 'duplicate', registerId: registered });
    expect(
      (await db.query(`SELECT count(*)::int n FROM civil_event WHERE source_record_id = 'D-23'`)).rows[0].n,
    ).toBe(1);
    const pending = (await get(hanoi, '/api/v1/matching/reviews')).body.reviews as Plain[];
    expect(pending.map((r) => r.id)).not.toContain(reviewId);
    const reviewsOfItem = await db.query(
      'SELECT count(*)::int n FROM match_review WHERE intake_item_id = $1',
      [itemId],
    );
    expect(reviewsOfItem.rows[0].n).toBe(1);
  });
});
