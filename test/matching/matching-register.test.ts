import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { blockingKeys, indexKeys, keyTag } from '../../src/matching/keys/blocking-keys.js';
import { BATCH_REF_PREFIX, CandidateIndex, MatchingService } from '../../src/matching/matching.service.js';
import { loadMatchingConfig } from '../../src/matching/scoring/matching-config.js';
import {
  CANDIDATES_SQL,
  INDEXED_SINCE_SQL,
  MatchCandidateStore,
} from '../../src/matching/store/match-candidate.store.js';
import { loadGeneratorReferenceData } from '../generators/index.js';
import { generateLabelledSet, type LabelledRecord } from '../generators/matching/labelled-set.generator.js';
import { createTestDatabase } from '../support/test-database.js';

/** civil_event rows for the records (matching only needs them to exist: match_profile points at them). */
async function registerEvents(db: DataSource, records: readonly CivilStatusRecord[]): Promise<string[]> {
  const ids = records.map(() => randomUUID());
  await db.query(
    `INSERT INTO civil_event (id, event_type, registration_kind, authority_id, authority_code, register_book,
       register_entry, register_year, registered_on, timeliness, content_hash)
     SELECT x.id, x.event_type, 'FIRST', 'TEST@-', 'TEST', 'b', x.entry, 2025, '2025-01-01', 'UNKNOWN', 'h'
       FROM json_to_recordset($1::json) AS x(id uuid, event_type text, entry text)`,
    [JSON.stringify(records.map((r, i) => ({ id: ids[i], event_type: r.eventType, entry: ids[i] })))],
  );
  return ids;
}

describe('matching against the register (PostgreSQL)', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let matching: MatchingService;
  let set: LabelledRecord[];

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    db = new DataSource(dataSourceOptions(created.url, 4));
    await db.initialize();
    await db.query(
      `INSERT INTO registering_authority (id, code, kind, name) VALUES ('TEST@-', 'TEST', 'COMMUNE_PEOPLES_COMMITTEE', 'Test')`,
    );
    const referenceData = await loadGeneratorReferenceData();
    matching = new MatchingService(referenceData.units, loadMatchingConfig());
    set = generateLabelledSet({ referenceData, seed: 'register-test', records: 1500 });
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('finds duplicates of registered events through the index, with the existing id; twins stay apart', async () => {
    // Register the first record of every event (as intake would), then send every later copy.
    const firstOf = new Map<string, number>();
    set.forEach((r, i) => {
      if (!firstOf.has(r.entity)) firstOf.set(r.entity, i);
    });
    const registeredIdx = [...firstOf.values()];
    const ids = await registerEvents(
      db,
      registeredIdx.map((i) => set[i].record),
    );
    const eventIdOf = new Map(registeredIdx.map((i, k) => [set[i].entity, ids[k]]));
    await matching.index(
      db,
      registeredIdx.map((i, k) => ({ eventId: ids[k], record: set[i].record })),
    );
    const [{ n }] = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM match_key');
    expect(Number(n)).toBeGreaterThan(registeredIdx.length * 3);

    const copies = set.filter((_, i) => firstOf.get(set[i].entity) !== i);
    expect(copies.length).toBeGreaterThan(250);
    const checked = await matching.checkBatch(
      copies.map((c) => c.record),
      db,
    );
    let right = 0;
    checked.forEach(({ verdict }, i) => {
      const expected = eventIdOf.get(copies[i].entity);
      const linked =
        verdict.kind === 'DUPLICATE' || verdict.kind === 'SAME_EVENT'
          ? verdict.eventId
          : verdict.kind === 'RE_REGISTRATION_OF'
            ? verdict.earlierEventId
            : undefined;
      if (linked !== undefined) expect(linked).toBe(expected);
      if (linked === expected) right++;
    });
    expect(right / copies.length).toBeGreaterThan(0.97);

    // Twins registered in the register are never refused as duplicates of their sibling.
    const twins = set.filter((r) => r.kind === 'TWIN' && firstOf.get(r.entity) !== undefined);
    const twinVerdicts = await matching.checkBatch(
      twins.map((t) => ({ ...t.record, registerRef: { ...t.record.registerRef, entryNumber: 'again' } })),
      db,
    );
    const siblings = new Set(twins.map((t) => eventIdOf.get(t.twinFamily!)));
    for (const { verdict } of twinVerdicts) {
      if (verdict.kind === 'DUPLICATE') expect(siblings.has(verdict.eventId)).toBe(false);
    }
  });

  it('finds duplicates inside one batch (bulk import), not only against the register', async () => {
    const original = set.find((r) => r.kind === 'ORIGINAL' && r.record.eventType === EventType.DEATH)!;
    const copy = set.find((r) => r.entity === original.entity && r.kind === 'DUPLICATE');
    const fresh = structuredClone(original.record);
    fresh.parties[0].person.fullName = 'Tạ Quang Hiển Vinh';
    fresh.parties[0].person.personalIdNumber = undefined;
    const resend = structuredClone(fresh);
    resend.parties[0].person.fullName = 'Ta Quang Hien Vinh';
    resend.registerRef = { ...resend.registerRef, entryNumber: 'other-book-copy' };
    const checked = await matching.checkBatch([fresh, resend], db);
    expect(checked[0].verdict.kind).toBe('NEW');
    expect(checked[1].verdict).toMatchObject({
      kind: 'DUPLICATE',
      code: 'MATCHING.DUPLICATE_DEATH',
      eventId: 'batch:0',
    });
    expect(copy === undefined || copy.entity === original.entity).toBe(true);
  });

  it('a batch of several look-up chunks gives each record the verdict it gets alone', async () => {
    // One copy per registered event (so that no record of the batch is a duplicate of another):
    // each record's verdict must be the one a single check gives it, evidence and candidates included.
    const firstOf = new Map<string, number>();
    set.forEach((r, i) => {
      if (!firstOf.has(r.entity)) firstOf.set(r.entity, i);
    });
    const taken = new Set<string>();
    const batch = set
      .filter((r, i) => firstOf.get(r.entity) !== i && r.twinFamily === undefined)
      .filter((r) => !taken.has(r.entity) && taken.add(r.entity))
      .map((r) => r.record);
    const fresh = generateLabelledSet({
      referenceData: await loadGeneratorReferenceData(),
      seed: 'register-test-fresh',
      records: 800,
    })
      .filter((r) => r.kind === 'ORIGINAL')
      .map((r) => r.record);
    const mixed = [
      ...batch.flatMap((r, i) => (fresh[i] ? [r, fresh[i]] : [r])),
      ...fresh.slice(batch.length),
    ];
    expect(mixed.length).toBeGreaterThan(600); // more than two look-up chunks of 250
    const together = await matching.checkBatch(mixed, db);
    const alone = await Promise.all(mixed.map((r) => matching.check(r, db)));
    const linkedInBatch = together.filter((c) => JSON.stringify(c.verdict).includes(BATCH_REF_PREFIX));
    expect(linkedInBatch.length).toBeLessThan(mixed.length * 0.02);
    let compared = 0;
    together.forEach((c, i) => {
      if (JSON.stringify(c.verdict).includes(BATCH_REF_PREFIX)) return;
      expect(c).toEqual(alone[i]);
      compared++;
    });
    expect(compared).toBeGreaterThan(mixed.length * 0.98);
    // The register (filled by the first test) answers most copies; the fresh records are new.
    const ofRegister = together.filter(
      (c) => c.verdict.kind === 'DUPLICATE' && !c.verdict.eventId.startsWith(BATCH_REF_PREFIX),
    );
    expect(ofRegister.length).toBeGreaterThan(batch.length / 2);
    expect(together.filter((c) => c.verdict.kind === 'NEW').length).toBeGreaterThan(fresh.length / 2);
  }, 120_000);

  it('finds a duplicate of a record several look-up chunks earlier in the same batch', async () => {
    const deaths = set.filter((r) => r.kind === 'ORIGINAL' && r.record.eventType === EventType.DEATH);
    const original = structuredClone(deaths[0].record);
    original.parties[0].person.fullName = 'Khổng Minh Triết Luân';
    original.parties[0].person.personalIdNumber = undefined;
    const resend = structuredClone(original);
    resend.parties[0].person.fullName = 'KHONG MINH TRIET LUAN';
    resend.registerRef = { ...resend.registerRef, entryNumber: 'digitised-copy' };
    const filler = generateLabelledSet({
      referenceData: await loadGeneratorReferenceData(),
      seed: 'register-test-filler',
      records: 900,
    })
      .filter((r) => r.kind === 'ORIGINAL' && r.record.eventType === EventType.BIRTH)
      .map((r) => r.record)
      .slice(0, 700);
    const records = [...filler.slice(0, 10), original, ...filler.slice(10, 600), resend];
    const checked = await matching.checkBatch(records, db);
    expect(checked[10].verdict.kind).toBe('NEW');
    expect(checked[records.length - 1].verdict).toMatchObject({
      kind: 'DUPLICATE',
      code: 'MATCHING.DUPLICATE_DEATH',
      eventId: 'batch:10',
    });
  }, 120_000);

  it('a pair an officer decided is different is not asked again', async () => {
    const original = set.find((r) => r.kind === 'ORIGINAL' && r.record.eventType === EventType.BIRTH)!;
    const [eventId] = await registerEvents(db, [original.record]);
    await matching.index(db, [{ eventId: eventId, record: original.record }]);
    const doubtful = structuredClone(original.record);
    doubtful.registerRef = { ...doubtful.registerRef, entryNumber: 'doubt' };
    doubtful.parties = doubtful.parties.filter((p) => p.role === Role.CHILD);
    doubtful.parties[0].person.sex = doubtful.parties[0].person.sex === Sex.MALE ? Sex.FEMALE : Sex.MALE;
    doubtful.parties[0].person.personalIdNumber = undefined;
    const first = await matching.check(doubtful, db);
    expect(['POSSIBLE_DUPLICATE', 'DUPLICATE']).toContain(first.verdict.kind);
    const reviewId = randomUUID();
    await db.query(
      `INSERT INTO match_review (id, event_type, fingerprint, profile, candidates, status, decided_by, decided_at)
       VALUES ($1, 'BIRTH', $2, $3, '[]', 'DIFFERENT', 'officer', now())`,
      [reviewId, first.fingerprint, JSON.stringify(first.profile)],
    );
    await db.query(
      `INSERT INTO match_pair_decision (fingerprint, event_id, decision, review_id) VALUES ($1, $2, 'DIFFERENT', $3)`,
      [first.fingerprint, eventId, reviewId],
    );
    const again = await matching.check(doubtful, db);
    const asked =
      again.verdict.kind === 'POSSIBLE_DUPLICATE' ? again.verdict.candidates.map((c) => c.eventId) : [];
    expect(asked).not.toContain(eventId);
    expect(again.verdict.kind === 'DUPLICATE' && again.verdict.eventId === eventId).toBe(false);
  });

  it("a birth's child-only keys (G, I) find births whose mother's initials agree or are unknown, in the register as in a batch", async () => {
    const base = structuredClone(
      set.find(
        (r) =>
          r.kind === 'ORIGINAL' &&
          r.record.eventType === EventType.BIRTH &&
          r.record.parties.some((p) => p.role === Role.MOTHER),
      )!.record,
    );
    const child = base.parties.find((p) => p.role === Role.CHILD)!.person;
    child.fullName = 'Lê Văn Khải Minh';
    delete child.personalIdNumber;
    delete child.identityDocuments;
    // Each mother's name gives the record its own mother keys (M): only G and I are shared.
    const withMother = (name: string | undefined): CivilStatusRecord => {
      const r = structuredClone(base);
      if (name === undefined) r.parties = r.parties.filter((p) => p.role !== Role.MOTHER);
      else r.parties.find((p) => p.role === Role.MOTHER)!.person.fullName = name;
      return r;
    };
    const filed = [
      withMother('Nguyễn Thị Hằng'), // same initials as the look-up's mother (n…h)
      withMother('Trần Thị Mai'), // other initials
      withMother(undefined), // no mother: no tag
      withMother('Phạm Thị Cúc'), // other initials, but indexed before keys had tags (below)
    ];
    const ids = await registerEvents(db, filed);
    await matching.index(
      db,
      filed.map((record, i) => ({ eventId: ids[i], record })),
    );
    await db.query('UPDATE match_key SET tag = 0 WHERE event_id = $1', [ids[3]]);

    const profile = matching.profileOf(withMother('Nguyễn Thị Hoa'));
    const keys = blockingKeys(indexKeys(profile), keyTag(profile));
    expect(keys.filter((k) => k.tag !== undefined)).toHaveLength(2);
    const ours = (found: ReadonlyArray<{ eventId: string }>): string[] =>
      found
        .map((c) => c.eventId)
        .filter((id) => ids.includes(id))
        .sort();
    const register = await new MatchCandidateStore().find(db, keys);
    expect(ours(register)).toEqual([ids[0], ids[2], ids[3]].sort());
    // A key filed for an event without a profile (match_key is a derived index, without a foreign
    // key) yields no candidate: every key found is joined to its profile.
    const orphan = randomUUID();
    await db.query('INSERT INTO match_key (key_hash, event_id, tag) VALUES ($1, $2, 0)', [
      keys[0].hash,
      orphan,
    ]);
    const again = await new MatchCandidateStore().find(db, keys);
    expect(again.map((c) => c.eventId)).not.toContain(orphan);
    expect(ours(again)).toEqual(ours(register));

    // A batch finds in itself what the register finds (the legacy untagged row aside).
    const batch = new CandidateIndex();
    filed.slice(0, 3).forEach((record, i) => {
      const p = matching.profileOf(record);
      for (const k of blockingKeys(indexKeys(p), keyTag(p))) batch.add(k, { eventId: ids[i], profile: p });
    });
    expect(ours(batch.get(keys))).toEqual([ids[0], ids[2]].sort());
  });

  it('the hot queries use their indexes (EXPLAIN), with a register of 200,000 keys', async () => {
    await db.query(`
      WITH e AS (
        INSERT INTO civil_event (id, event_type, registration_kind, authority_id, authority_code, register_book,
          register_entry, register_year, registered_on, timeliness, content_hash)
        SELECT gen_random_uuid(), 'BIRTH', 'FIRST', 'TEST@-', 'TEST', 'bulk', g::text, 2024, '2024-01-01', 'UNKNOWN', 'h'
          FROM generate_series(1, 50000) g
        RETURNING id),
      p AS (INSERT INTO match_profile (event_id, event_type, profile) SELECT id, 'BIRTH', '{}' FROM e RETURNING event_id)
      INSERT INTO match_key (key_hash, event_id, tag)
      SELECT (random() * 9e18)::bigint, event_id, CASE WHEN g % 2 = 0 THEN 1 + (random() * 96)::int ELSE 0 END
        FROM p, generate_series(1, 4) g`);
    const reviewId = randomUUID();
    await db.query(
      `INSERT INTO match_review (id, event_type, fingerprint, profile, candidates) VALUES ($1, 'BIRTH', 'f', '{}', '[]')`,
      [reviewId],
    );
    await db.query(
      `INSERT INTO match_pair_decision (fingerprint, event_id, decision, review_id)
       SELECT md5(event_id::text), event_id, 'DIFFERENT', $1 FROM match_profile LIMIT 20000`,
      [reviewId],
    );
    await db.query(
      'ANALYZE match_key; ANALYZE match_profile; ANALYZE match_pair_decision; ANALYZE match_review',
    );
    const plan = async (sql: string, params: unknown[]): Promise<string> =>
      (await db.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    // As many keys as a batch of 1,000 records sends in one statement (KEYS_PER_STATEMENT).
    const keys = Array.from({ length: 2000 }, (_, i) => String(i * 7919 - 1_000_000));
    // Half of them tagged, as a batch of births sends its G and I keys.
    const tags = keys.map((_, i) => (i % 2 === 0 ? 0 : 1 + (i % 97)));
    const candidates = await plan(CANDIDATES_SQL, [
      keys.filter((_, i) => tags[i] === 0),
      keys.filter((_, i) => tags[i] !== 0),
      tags.filter((t) => t !== 0),
    ]);
    // An untagged look-up reads its key's entries; a tagged one by (key_hash, tag), its tag or none,
    // not all of the key's entries through a filter.
    expect(candidates).toMatch(/Index (Only )?Scan using match_key_pkey on match_key/);
    expect(candidates).toMatch(/Index Cond: \(key_hash = q\.h\)\n/);
    expect(candidates).toMatch(/Index Cond: \(\(key_hash = q(_1)?\.h\) AND \(tag = q(_1)?\.t\)\)/);
    expect(candidates).toMatch(/Index Cond: \(\(key_hash = q(_1)?\.h\) AND \(tag = 0\)\)/);
    expect(candidates).not.toMatch(/Filter: .*tag/);
    expect(candidates).toMatch(/Index Scan using match_profile_pkey on match_profile/);
    expect(candidates).not.toMatch(/Seq Scan/);
    expect(candidates).not.toMatch(/JIT/);
    // The re-check under the lock reads what was indexed since the check began, not every key again.
    const [{ top }] = await db.query<{ top: string }[]>(
      'SELECT max(indexed_seq)::text AS top FROM match_profile',
    );
    const since = await plan(INDEXED_SINCE_SQL, [String(Number(top) - 20), keys]);
    expect(since).toMatch(/Index Scan( Backward)? using match_profile_indexed_seq_idx on match_profile/);
    expect(since).not.toMatch(/Seq Scan/);
    const mark = await plan('SELECT coalesce(max(indexed_seq), 0)::text AS mark FROM match_profile', []);
    expect(mark).toMatch(/match_profile_indexed_seq_idx/);
    expect(mark).not.toMatch(/Seq Scan/);
    const decided = await plan(
      `SELECT fingerprint, event_id, decision FROM match_pair_decision WHERE fingerprint = ANY($1::text[])`,
      [['a', 'b']],
    );
    expect(decided).toMatch(/match_pair_decision_pkey/);
    const reindex = await plan('DELETE FROM match_key WHERE event_id = ANY($1::uuid[])', [[randomUUID()]]);
    expect(reindex).toMatch(/match_key_event_idx/);
  }, 120_000);
});

describe('matching with concurrent writers', () => {
  it('checkForWrite checks without waiting; confirm() waits for the other writer and sees its registration', async () => {
    const created = await createTestDatabase();
    const db = new DataSource(dataSourceOptions(created.url, 6));
    await db.initialize();
    const runners = [db.createQueryRunner(), db.createQueryRunner(), db.createQueryRunner()];
    try {
      await db.query(
        `INSERT INTO registering_authority (id, code, kind, name) VALUES ('TEST@-', 'TEST', 'COMMUNE_PEOPLES_COMMITTEE', 'Test')`,
      );
      const referenceData = await loadGeneratorReferenceData();
      const matching = new MatchingService(referenceData.units, loadMatchingConfig());
      const [record, unrelated] = generateLabelledSet({
        referenceData,
        seed: 'concurrent-write',
        records: 40,
      })
        .filter((r) => r.kind === 'ORIGINAL' && r.record.eventType === EventType.BIRTH)
        .map((r) => r.record);
      for (const r of runners) {
        await r.connect();
        await r.startTransaction();
      }
      const [first, second, third] = runners.map((r) => r.manager);
      // Both check the same new birth at once: neither waits for the other, both see it as new.
      const [p1, p2] = await Promise.all([
        matching.checkForWrite([record], first),
        matching.checkForWrite([record], second),
      ]);
      expect(p1.checked[0].verdict.kind).toBe('NEW');
      expect(p2.checked[0].verdict.kind).toBe('NEW');
      const p3 = await matching.checkForWrite([unrelated], third);
      expect(await p1.confirm()).toBe(true);
      const [eventId] = await registerEvents(first as unknown as DataSource, [record]);
      await matching.index(first, [{ eventId, record }]);
      let secondConfirmed: boolean | undefined;
      const secondDone = p2.confirm().then((ok) => (secondConfirmed = ok));
      await new Promise((r) => setTimeout(r, 300));
      expect(secondConfirmed).toBeUndefined(); // waits for the lock, held by the first to its commit
      await runners[0].commitTransaction();
      await secondDone;
      expect(secondConfirmed).toBe(false); // the first's registration changes its verdict: run again
      await runners[1].rollbackTransaction();
      const again = await matching.checkForWrite([record], second);
      expect(again.checked[0].verdict).toMatchObject({ kind: 'SAME_EVENT', eventId });
      // A batch that the first's registration does not concern is confirmed as it was checked.
      expect(await p3.confirm()).toBe(true);
      await runners[2].commitTransaction();
    } finally {
      for (const r of runners) {
        if (r.isTransactionActive) await r.rollbackTransaction();
        await r.release();
      }
      await db.destroy();
      await created.drop();
    }
  }, 60_000);

  it('a second transaction checking the same new event waits for the first and then sees it', async () => {
    const created = await createTestDatabase();
    const db = new DataSource(dataSourceOptions(created.url, 4));
    await db.initialize();
    try {
      await db.query(
        `INSERT INTO registering_authority (id, code, kind, name) VALUES ('TEST@-', 'TEST', 'COMMUNE_PEOPLES_COMMITTEE', 'Test')`,
      );
      const referenceData = await loadGeneratorReferenceData();
      const matching = new MatchingService(referenceData.units, loadMatchingConfig());
      const [record] = generateLabelledSet({ referenceData, seed: 'concurrent', records: 20 })
        .filter((r) => r.kind === 'ORIGINAL')
        .map((r) => r.record);
      const first = db.createQueryRunner();
      await first.connect();
      await first.startTransaction();
      expect((await matching.check(record, first.manager, { lock: true })).verdict.kind).toBe('NEW');
      const [eventId] = await registerEvents(first.manager as unknown as DataSource, [record]);
      await matching.index(first.manager, [{ eventId: eventId, record: record }]);
      let secondDone = false;
      const second = db.transaction(async (tx) => {
        const checked = await matching.check(record, tx, { lock: true });
        secondDone = true;
        return checked;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false);
      await first.commitTransaction();
      await first.release();
      const checked = await second;
      expect(checked.verdict).toMatchObject({ kind: 'SAME_EVENT', eventId });
    } finally {
      await db.destroy();
      await created.drop();
    }
  }, 60_000);
});
