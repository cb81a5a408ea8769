import request from 'supertest';
import pg from 'pg';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

/**
 * Bulk intake checks batches without the matching lock and confirms under it (issue 4): two batches
 * posted at once that both hold the same birth must not both register it.
 */
describe('concurrent intake batches and matching', () => {
  let t: TestApp;
  let db: pg.Client;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const sources = t.app.get(SourceRegistryService);
    for (const id of ['cc-a', 'cc-b'])
      keys[id] = (await sources.createSource({ id, name: `Nguồn ${id}`, provinceCode: '01' })).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  function birth(source: string, n: number, entry: string): Plain {
    const r = distinctBirth(exampleBirth(), n);
    r.source = { sourceId: source, sourceRecordId: `${source}-${n}-${entry}` };
    r.registerRef.entryNumber = entry;
    return r;
  }

  it('two concurrent batches with the same birth: one registers it, the other is told it is a duplicate', async () => {
    for (let round = 0; round < 3; round++) {
      const shared = 580 + round;
      // Each batch: its own 40 births (distinct children and mothers below n = 594) and, in the middle, the same child as the other batch sends.
      const batchOf = (source: string, offset: number): Plain[] => [
        ...Array.from({ length: 20 }, (_, i) =>
          birth(source, offset + round * 90 + i, `${source}-${round}-${i}`),
        ),
        birth(source, shared, `${source}-${round}-shared`),
        ...Array.from({ length: 20 }, (_, i) =>
          birth(source, offset + round * 90 + 20 + i, `${source}-${round}-${i + 20}`),
        ),
      ];
      const post = (source: string, records: Plain[]) =>
        request(t.app.getHttpServer())
          .post('/api/v1/intake/records')
          .set('Authorization', `Bearer ${keys[source]}`)
          .send({ records });
      const [a, b] = await Promise.all([
        post('cc-a', batchOf('cc-a', 0)),
        post('cc-b', batchOf('cc-b', 300)),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      const sharedOutcomes = [a.body.outcomes[20], b.body.outcomes[20]] as Plain[];
      expect(sharedOutcomes.filter((o) => o.outcome === 'accepted')).toHaveLength(1);
      const refused = sharedOutcomes.find((o) => o.outcome !== 'accepted')!;
      expect(refused.outcome).toBe('rejected');
      expect(JSON.stringify(refused)).toMatch(/MATCHING\.DUPLICATE_BIRTH/);
      // Everything else in both batches was registered.
      for (const res of [a, b]) {
        const others = (res.body.outcomes as Plain[]).filter((_, i) => i !== 20);
        const bad = others.filter((o) => o.outcome !== 'accepted');
        expect(bad).toEqual([]);
      }
    }
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM civil_event WHERE event_type = 'BIRTH'`,
    );
    expect(Number(rows[0].n)).toBe(3 * 81);
  }, 120_000);
});
