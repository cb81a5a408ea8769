import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CsvJobRepository } from '../../adapters/csv/csv-job.repository.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Hub processes (each its own repository, its own owner id) competing for a job left by a dead one. */
describe('taking over a stale CSV job', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    await t.app
      .get(SourceRegistryService)
      .createSource({ id: 'csv-claim', name: 'Nguồn CSV', provinceCode: '01' });
  });
  afterAll(() => t.close());

  it('lets exactly one process take it, and the old owner may not begin it again', async () => {
    const dead = new CsvJobRepository(ds);
    const id = randomUUID();
    await dead.create({ id, sourceId: 'csv-claim', fileName: 'so-khai-sinh.csv', channel: 'UPLOAD' });
    const [p1, p2] = [new CsvJobRepository(ds), new CsvJobRepository(ds)];
    // A fresh heartbeat: nobody may take the job.
    expect(await p1.claimStale(id, 60_000)).toBe(false);
    await ds.query(`UPDATE csv_import_job SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const won = await Promise.all([p1.claimStale(id, 60_000), p2.claimStale(id, 60_000)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = won[0] ? p1 : p2;
    expect(await dead.begin(id)).toBe(false);
    expect(await winner.begin(id)).toBe(true);
  });
});
