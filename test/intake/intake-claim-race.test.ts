import { jest } from '@jest/globals';
import request from 'supertest';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { rows } from '../../src/database/sql.js';
import { IntakeProcessorService } from '../../src/intake/intake-processor.service.js';
import { IntakeRecoveryService } from '../../src/intake/intake-recovery.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { DataSource } from 'typeorm';

type Plain = Record<string, any>;

class CrashingProcessor {
  process(): Promise<Map<string, unknown>> {
    return Promise.reject(new Error('simulated crash after the batch was stored'));
  }
}

class IdleRecovery {
  onApplicationBootstrap(): void {}
  onApplicationShutdown(): void {}
}

/** Two workers (two hub processes, or a request and the recovery sweep) on the same stored batch. */
jest.setTimeout(30_000);

describe('claiming a stored batch', () => {
  let storing: TestApp | undefined;
  let workers: TestApp | undefined;

  afterAll(async () => {
    await workers?.app.close();
    await storing?.close();
  });

  it('lets exactly one of two concurrent workers process each item', async () => {
    storing = await startTestApp({
      override: (b) => b.overrideProvider(IntakeProcessorService).useClass(CrashingProcessor),
    });
    const key = (
      await storing.app
        .get(SourceRegistryService)
        .createSource({ id: 'race', name: 'Nguồn', provinceCode: '01' })
    ).apiKey;
    const records = Array.from({ length: 60 }, (_, n) => {
      const r: Plain = distinctBirth(exampleBirth(), n);
      r.source = { sourceId: 'race', sourceRecordId: `R-${n}` };
      r.registerRef.entryNumber = String(n + 1);
      return r;
    });
    for (const half of [records.slice(0, 30), records.slice(30)])
      expect(
        (
          await request(storing.app.getHttpServer())
            .post('/api/v1/intake/records')
            .set('Authorization', `Bearer ${key}`)
            .send({ records: half })
        ).status,
      ).toBe(500);

    workers = await startTestApp({
      databaseUrl: storing.databaseUrl,
      override: (b) => b.overrideProvider(IntakeRecoveryService).useClass(IdleRecovery),
    });
    const ds = workers.app.get(DataSource);
    const ids = (await rows<{ id: string }>(ds, 'SELECT id FROM intake_item ORDER BY batch_id, seq')).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(60);
    const processor = workers.app.get(IntakeProcessorService);
    const [a, b] = await Promise.all([processor.process(ids), processor.process(ids)]);
    const overlap = [...a.keys()].filter((id) => b.has(id));
    expect(overlap).toEqual([]);
    // What one skipped because the other held the batch is still there for the next sweep.
    const rest = await processor.process(ids);
    expect(a.size + b.size + rest.size).toBe(60);
    expect(await processor.process(ids)).toEqual(new Map());
    const [counts] = await rows<{ events: string; received: string; versions: string }>(
      ds,
      `SELECT (SELECT count(*) FROM civil_event) AS events,
              (SELECT count(*) FROM civil_event_version) AS versions,
              (SELECT count(*) FROM intake_item WHERE status = 'RECEIVED') AS received`,
    );
    expect(counts).toEqual({ events: '60', versions: '60', received: '0' });
  });
});
