import { jest } from '@jest/globals';
import request from 'supertest';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { IntakeProcessorService } from '../../src/intake/intake-processor.service.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Plain = Record<string, any>;

/** A hub that stores the raw batch and then dies before processing it. */
class CrashingProcessor {
  process(): Promise<Map<string, unknown>> {
    return Promise.reject(new Error('simulated crash after the batch was stored'));
  }
}

// Two hubs start one after the other: more than Jest's default 5 s on a busy machine.
jest.setTimeout(30_000);

describe('intake after a crash between storing and processing', () => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;

  afterAll(async () => {
    await second?.app.close();
    await first?.close();
  });

  it('processes the stored records when the hub starts again', async () => {
    first = await startTestApp({
      override: (b) => b.overrideProvider(IntakeProcessorService).useClass(CrashingProcessor),
    });
    const key = (
      await first.app
        .get(SourceRegistryService)
        .createSource({ id: 'crash', name: 'Nguồn', provinceCode: '01' })
    ).apiKey;
    const records = [1, 2, 3].map((n) => {
      const r: Plain = distinctBirth(exampleBirth(), n);
      r.source = { sourceId: 'crash', sourceRecordId: `R-${n}` };
      r.registerRef.entryNumber = String(n);
      return r;
    });
    const res = await request(first.app.getHttpServer())
      .post('/api/v1/intake/records')
      .set('Authorization', `Bearer ${key}`)
      .send({ records });
    expect(res.status).toBe(500);
    await first.app.close();

    // Restart on the same database: the start-up sweep finds the three RECEIVED items.
    second = await startTestApp({ databaseUrl: first.databaseUrl });
    const http = () => request(second!.app.getHttpServer());
    let items: Plain[] = [];
    for (let i = 0; i < 50; i++) {
      items = (
        await Promise.all(
          ['R-1', 'R-2', 'R-3'].map((id) =>
            http().get(`/api/v1/intake/items?sourceRecordId=${id}`).set('Authorization', `Bearer ${key}`),
          ),
        )
      ).map((r) => r.body.items[0]);
      if (items.every((it) => it.outcome !== 'received')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(items.map((it) => it.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(new Set(items.map((it) => it.registerId)).size).toBe(3);
  });
});
