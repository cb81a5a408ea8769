import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { MatchingService } from '../../src/matching/matching.service.js';
import { MatchReviewService } from '../../src/matching/review/match-review.service.js';
import type { ReviewActor } from '../../src/matching/review/match-review.model.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

describe('review queue of possible duplicates', () => {
  let t: TestApp;
  let ds: DataSource;
  let matching: MatchingService;
  let reviews: MatchReviewService;
  let eventId: string;
  let original: CivilStatusRecord;
  const hanoi: ReviewActor = { userId: 'stp-hn-01', provinceCodes: ['01'] };
  const haiPhong: ReviewActor = { userId: 'stp-hp-01', provinceCodes: ['31'] };
  const ministry: ReviewActor = { userId: 'bo-tp-01', provinceCodes: 'ALL' };

  /** What the wired intake path will do with a possible duplicate: keep the item HELD, hold a review. */
  async function holdDoubtful(
    entry: string,
    provinceCode: string | null = '01',
  ): Promise<{ reviewId: string; itemId: string; record: CivilStatusRecord }> {
    const record = structuredClone(original);
    record.registerRef = { ...record.registerRef, entryNumber: entry };
    record.source = { ...record.source, sourceRecordId: `doubt-${entry}` };
    const child = record.parties.find((p) => p.role === Role.CHILD)!.person;
    child.sex = child.sex === Sex.FEMALE ? Sex.MALE : Sex.FEMALE;
    const checked = await matching.check(record, ds);
    expect(checked.verdict.kind).toBe('POSSIBLE_DUPLICATE');
    const batchId = randomUUID();
    const itemId = randomUUID();
    await ds.query(
      `INSERT INTO intake_batch (id, source_id, transport, record_count) VALUES ($1, 'hn-rest', 'REST', 1)`,
      [batchId],
    );
    await ds.query(
      `INSERT INTO intake_item (id, batch_id, seq, source_id, source_record_id, status) VALUES ($1, $2, 0, 'hn-rest', $3, 'HELD')`,
      [itemId, batchId, record.source.sourceRecordId],
    );
    await ds.query('INSERT INTO intake_payload (item_id, payload) VALUES ($1, $2)', [
      itemId,
      JSON.stringify(record),
    ]);
    const [reviewId] = await reviews.hold(ds, [{ intakeItemId: itemId, provinceCode, checked }]);
    return { reviewId: reviewId, itemId, record };
  }

  const SAME_REASON = 'Đối chiếu sổ: cùng cha mẹ, cùng ngày sinh, khai sinh lại do ghi nhầm giới tính';
  const mergeNotices = async (id: string): Promise<Plain[]> =>
    ds.query(
      `SELECT change_kind, reason, actor_type, actor_id, province_code, event_version
         FROM event_change_notice WHERE event_id = $1 AND change_kind = 'MERGED' ORDER BY created_at`,
      [id],
    );

  const audit = async (action: string, entityId: string): Promise<Plain[]> =>
    ds.query('SELECT * FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId]);

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    matching = t.app.get(MatchingService);
    reviews = t.app.get(MatchReviewService);
    const key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: 'hn-rest', name: 'Hà Nội — phần mềm cũ', provinceCode: '01' })
    ).apiKey;
    const body: Plain = exampleBirth();
    body.source.sourceId = 'hn-rest';
    body.source.sourceRecordId = 'orig-1';
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records: [body] })
      .expect(200);
    eventId = res.body.outcomes[0].registerId;
    original = body as CivilStatusRecord;
    await matching.index(ds, [{ eventId, record: original }]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists held records to officers of their province only, and refuses and records the others', async () => {
    const { reviewId } = await holdDoubtful('901');
    expect((await reviews.listPending(hanoi)).map((r) => r.id)).toContain(reviewId);
    expect((await reviews.listPending(haiPhong)).map((r) => r.id)).not.toContain(reviewId);
    // Outside the jurisdiction answers as not found (its existence is not revealed), and is recorded.
    await expect(reviews.get(haiPhong, reviewId)).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_NOT_FOUND',
      httpStatus: 404,
    });
    expect(await audit('MATCHING.REVIEW_VIEWED.REFUSED', reviewId)).toHaveLength(1);
    await expect(reviews.get(hanoi, randomUUID())).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_NOT_FOUND',
    });
  });

  it('shows the held record beside its candidates with the field-by-field evidence (audited)', async () => {
    const { reviewId } = await holdDoubtful('902');
    const detail = await reviews.get(hanoi, reviewId);
    expect(detail.status).toBe('PENDING');
    expect((detail.record as Plain).registerRef.entryNumber).toBe('902');
    expect(detail.candidates[0]).toMatchObject({ eventId });
    expect((detail.candidates[0].record as Plain).parties[0].person.fullName).toBe(
      original.parties[0].person.fullName,
    );
    expect(detail.candidates[0].evidence).toContainEqual(
      expect.objectContaining({ field: 'sex', level: 'DIFFERENT' }),
    );
    expect(await audit('MATCHING.REVIEW_VIEWED', reviewId)).toHaveLength(1);
  });

  it('"different": audited, the intake item is released to be registered, and the pair is not asked again', async () => {
    const { reviewId, itemId, record } = await holdDoubtful('903');
    const decided = await reviews.decide(hanoi, reviewId, { decision: 'DIFFERENT' });
    expect(decided).toMatchObject({ status: 'DIFFERENT', decidedBy: hanoi.userId });
    const [item] = await ds.query('SELECT status FROM intake_item WHERE id = $1', [itemId]);
    expect(item.status).toBe('RECEIVED');
    const [entry] = await audit('MATCHING.REVIEW_DECIDED', reviewId);
    expect(entry).toMatchObject({ actor_type: 'USER', actor_id: hanoi.userId, province_code: '01' });
    expect(entry.details).toMatchObject({ decision: 'DIFFERENT', candidates: [eventId] });
    expect((await matching.check(record, ds)).verdict.kind).toBe('NEW');
    await expect(reviews.decide(hanoi, reviewId, { decision: 'DIFFERENT' })).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_ALREADY_DECIDED',
    });
    expect((await reviews.listPending(hanoi)).map((r) => r.id)).not.toContain(reviewId);
  });

  it('"same event": the held item becomes a linked duplicate and the record is refused as such afterwards', async () => {
    const { reviewId, itemId, record } = await holdDoubtful('904');
    await expect(
      reviews.decide(hanoi, reviewId, { decision: 'SAME_EVENT', eventId: randomUUID(), reason: SAME_REASON }),
    ).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_UNKNOWN_CANDIDATE',
    });
    await expect(
      reviews.decide(haiPhong, reviewId, { decision: 'SAME_EVENT', eventId, reason: SAME_REASON }),
    ).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_NOT_FOUND',
    });
    const noticesBefore = await mergeNotices(eventId);
    await reviews.decide(hanoi, reviewId, { decision: 'SAME_EVENT', eventId, reason: SAME_REASON });
    const [item] = await ds.query('SELECT status, event_id FROM intake_item WHERE id = $1', [itemId]);
    expect(item).toEqual({ status: 'DUPLICATE', event_id: eventId });
    // A merge after review: the province's supervisors are told, with the reason; the event keeps its version.
    const notices = await mergeNotices(eventId);
    expect(notices.length).toBe(noticesBefore.length + 1);
    expect(notices.at(-1)).toEqual({
      change_kind: 'MERGED',
      reason: SAME_REASON,
      actor_type: 'USER',
      actor_id: hanoi.userId,
      province_code: '01',
      event_version: 1,
    });
    const [entry] = await audit('MATCHING.REVIEW_DECIDED', reviewId);
    expect(entry.details).toMatchObject({ decision: 'SAME_EVENT', eventId, reason: SAME_REASON });
    const again = await matching.check(record, ds);
    expect(again.verdict).toMatchObject({ kind: 'DUPLICATE', eventId, code: 'MATCHING.DUPLICATE_BIRTH' });
  });

  it('a held record of no province (registered abroad) is decided by the Ministry, not by a province', async () => {
    const { reviewId, itemId } = await holdDoubtful('905', null);
    expect((await reviews.listPending(hanoi)).map((r) => r.id)).not.toContain(reviewId);
    await expect(
      reviews.decide(hanoi, reviewId, { decision: 'SAME_EVENT', eventId, reason: SAME_REASON }),
    ).rejects.toMatchObject({ code: 'MATCHING.REVIEW_NOT_FOUND' });
    expect((await reviews.listPending(ministry)).map((r) => r.id)).toContain(reviewId);
    await reviews.decide(ministry, reviewId, { decision: 'SAME_EVENT', eventId, reason: SAME_REASON });
    const [item] = await ds.query('SELECT status, event_id FROM intake_item WHERE id = $1', [itemId]);
    expect(item).toEqual({ status: 'DUPLICATE', event_id: eventId });
    expect((await mergeNotices(eventId)).at(-1)).toMatchObject({
      actor_id: ministry.userId,
      reason: SAME_REASON,
    });
  });

  it('indexes a register filled before matching was wired in, from its civil_event and party rows', async () => {
    await ds.query('DELETE FROM match_profile');
    expect(await matching.indexRegister(ds, 1)).toBeGreaterThanOrEqual(1);
    const [row] = await ds.query('SELECT event_type FROM match_profile WHERE event_id = $1', [eventId]);
    expect(row).toEqual({ event_type: 'BIRTH' });
    expect(await matching.indexRegister(ds)).toBe(0);
    const copy = structuredClone(original);
    copy.registerRef = { ...copy.registerRef, entryNumber: '999' };
    copy.parties[0].person.fullName = 'Nguyen Thi Minh Anh';
    expect((await matching.check(copy, ds)).verdict).toMatchObject({ kind: 'DUPLICATE', eventId });
  });

  it('only possible duplicates can be held', async () => {
    const checked = await matching.check(original, ds);
    await expect(reviews.hold(ds, [{ provinceCode: '01', checked }])).rejects.toMatchObject({
      code: 'MATCHING.REVIEW_NOT_REVIEWABLE',
    });
  });
});
