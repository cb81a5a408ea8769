import { jest } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { loadPullPlan } from '../../adapters/soap-pull/pull-plan.loader.js';
import type { PullPlan } from '../../adapters/soap-pull/pull-plan.model.js';
import { SoapPullCheckpointRepository } from '../../adapters/soap-pull/soap-pull-checkpoint.repository.js';
import { SoapPullPlans } from '../../adapters/soap-pull/soap-pull-plans.js';
import { SOAP_PULL_ENV, SOAP_PULL_OPTIONS } from '../../adapters/soap-pull/soap-pull.options.js';
import { SoapPullScheduler } from '../../adapters/soap-pull/soap-pull.scheduler.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import { PersonNameGenerator, SeededRandom } from '../generators/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { hoSo, LegacySoapService } from './legacy-soap.service.js';

const SOURCE = 'hn-hotich-soap';
const DIR = `mappings/${SOURCE}`;

describe('SOAP pull from a legacy SOAP service', () => {
  let t: TestApp;
  let hub: pg.Client;
  let service: LegacySoapService;
  let scheduler: SoapPullScheduler;
  let checkpoints: SoapPullCheckpointRepository;
  const env: Record<string, string> = {};
  const random = new SeededRandom('soap-pull');
  const names = new PersonNameGenerator(random);
  const broken = new Map<string, string>();
  let key: string;

  function addBirths(from: number, count: number, brokenEvery = 0): string[] {
    const ids: string[] = [];
    for (let n = from; n < from + count; n++) {
      const sex = random.chance(0.5) ? Sex.MALE : Sex.FEMALE;
      const child = names.name({ sex, birthYear: 2025, culture: 'KINH', provinceCode: '01' });
      const mother = names.name({ sex: Sex.FEMALE, birthYear: 1995, culture: 'KINH', provinceCode: '01' });
      const id = `HN-KS-2025-${String(n).padStart(6, '0')}`;
      let born = `${String(random.int(1, 28)).padStart(2, '0')}/08/2025`;
      if (brokenEvery > 0 && n % brokenEvery === 0) {
        born = '31/02/2025';
        broken.set(id, 'MAPPING.DATE_IMPOSSIBLE');
      }
      service.add(
        id,
        hoSo({
          id,
          version: 1,
          entry: n,
          family: child.familyName ?? child.fullName.split(' ')[0],
          ...(child.middleName ? { middle: child.middleName } : {}),
          given: child.givenName,
          sex: sex === Sex.MALE ? 'Nam' : 'Nữ',
          born,
          mother: mother.fullName,
        }),
      );
      ids.push(id);
    }
    return ids;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await hub.query<{ n: string }>(sql, params)).rows[0].n);
  }

  beforeAll(async () => {
    service = new LegacySoapService();
    const plan = (await loadPullPlan(DIR, await loadMappingDir(DIR))) as PullPlan;
    // The endpoint is set only after start-up: the scheduler leaves the source alone and each test
    // pulls when it wants (pullNow reads the variables at each call).
    t = await startTestApp({
      override: (b) =>
        b
          .overrideProvider(SoapPullPlans)
          .useValue(
            new SoapPullPlans(new Map([[SOURCE, { ...plan, request: { ...plan.request, pageSize: 5 } }]])),
          )
          .overrideProvider(SOAP_PULL_OPTIONS)
          .useValue({ backoffBaseMs: 10, maxBackoffMs: 50, leaseMs: 60_000, maxPagesPerPull: 100 })
          .overrideProvider(SOAP_PULL_ENV)
          .useValue(env),
    });
    key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: SOURCE, name: 'Hà Nội — hộ tịch (SOAP)', provinceCode: '01', transport: 'SOAP' })
    ).apiKey;
    env['HN_HOTICH_SOAP_URL'] = await service.start();
    env['HN_HOTICH_SOAP_USER'] = 'hub';
    env['HN_HOTICH_SOAP_PASSWORD'] = 'mat-khau-dung';
    scheduler = t.app.get(SoapPullScheduler);
    expect(scheduler.status()).toEqual([]);
    checkpoints = t.app.get(SoapPullCheckpointRepository);
    hub = new pg.Client(t.databaseUrl);
    await hub.connect();
  }, 30_000);

  afterAll(async () => {
    await hub?.end();
    await t?.close();
    await service?.stop();
  }, 30_000);

  it('pulls every page once from the start: good records registered, broken ones kept with their error', async () => {
    const ids = addBirths(1, 23, 7);
    const result = await scheduler.pullNow(SOURCE);
    expect(result).toMatchObject({
      pages: 5,
      recordsRead: 23,
      unmapped: broken.size,
      submitted: 23 - broken.size,
    });
    expect(result.rejected + result.held).toBe(0);
    expect([...service.served.values()].every((n) => n === 1)).toBe(true);
    expect(service.served.size).toBe(23);
    // Five pages and a last, empty answer? No: the fifth page was short (3 of 5), so it was the last.
    expect(service.requests).toHaveLength(5);
    expect(service.requests[0].body).not.toContain('TuMaThayDoi');
    expect(service.requests[1].body).toContain('<ns:TuMaThayDoi>5</ns:TuMaThayDoi>');
    expect(service.requests[0].body).toContain('<wsse:Username>hub</wsse:Username>');
    expect(service.requests[0].action).toBe('"urn:hanoi:hotich:khaisinh:v2#LayHoSoKhaiSinh"');

    expect(await checkpoints.get(SOURCE)).toMatchObject({ cursor: '23', recordsRead: 23, pages: 5 });
    expect(
      await count(
        `SELECT count(*) n FROM intake_item WHERE source_record_id = ANY($1) AND status = 'ACCEPTED'`,
        [ids],
      ),
    ).toBe(23 - broken.size);
    const problems = await hub.query<{ record_key: string; code: string; message: string }>(
      'SELECT DISTINCT record_key, code, message FROM soap_pull_problem ORDER BY record_key',
    );
    expect(problems.rows.map((p) => [p.record_key, p.code])).toEqual([...broken.entries()].sort());
    expect(problems.rows[0].message).toContain('31/02/2025');

    const status = await request(t.app.getHttpServer())
      .get('/api/v1/soap-pull/status')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(status.body).toMatchObject({ recordsRead: 23, pages: 5, lastError: null });
    expect(new Set(status.body.problems.map((p: { recordId: string }) => p.recordId))).toEqual(
      new Set(broken.keys()),
    );
  });

  it('asks only for what changed since: new records once each, nothing again', async () => {
    service.requests.length = 0;
    const nothing = await scheduler.pullNow(SOURCE);
    expect(nothing).toMatchObject({ pages: 0, recordsRead: 0 });
    expect(service.requests[0].body).toContain('<ns:TuMaThayDoi>23</ns:TuMaThayDoi>');

    const ids = addBirths(100, 3);
    const result = await scheduler.pullNow(SOURCE);
    expect(result).toMatchObject({ pages: 1, recordsRead: 3, accepted: 3 });
    expect(ids.map((id) => service.served.get(id))).toEqual([1, 1, 1]);
    expect([...service.served.values()].every((n) => n === 1)).toBe(true);
  });

  it('faults and hostile answers become codes; the cursor stays, the next pull resumes from it', async () => {
    const cursor = (await checkpoints.get(SOURCE))?.cursor;
    addBirths(200, 2);
    const cases: Array<[LegacySoapService['next'][number], string, boolean]> = [
      ['server-fault', 'SOAP_PULL.SERVER_FAULT', true],
      ['http-503', 'SOAP_PULL.SERVER_FAULT', true],
      ['drop', 'SOAP_PULL.UNREACHABLE', true],
      ['doctype', 'SOAP_PULL.BAD_RESPONSE', false],
    ];
    for (const [mode, code, retryable] of cases) {
      service.next = [mode];
      await expect(scheduler.pullNow(SOURCE)).rejects.toMatchObject({ code, retryable });
      expect((await checkpoints.get(SOURCE))?.cursor).toBe(cursor);
      expect((await checkpoints.get(SOURCE))?.lastErrorCode).toBe(code);
    }
    env['HN_HOTICH_SOAP_PASSWORD'] = 'sai';
    try {
      const refused = await scheduler.pullNow(SOURCE).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'SOAP_PULL.CLIENT_FAULT', retryable: false });
      expect((refused as Error).message).toContain('Sai tài khoản hoặc mật khẩu');
    } finally {
      env['HN_HOTICH_SOAP_PASSWORD'] = 'mat-khau-dung';
    }
    const result = await scheduler.pullNow(SOURCE);
    expect(result).toMatchObject({ recordsRead: 2, accepted: 2 });
    expect(service.served.get('HN-KS-2025-000200')).toBe(1);
  });

  it('a crash between intake and the checkpoint: that page is asked for again and intake absorbs it', async () => {
    const ids = addBirths(300, 4);
    const spy = jest
      .spyOn(checkpoints, 'commitPage')
      .mockImplementationOnce(() => Promise.reject(new Error('process killed')));
    try {
      await expect(scheduler.pullNow(SOURCE)).rejects.toMatchObject({ retryable: true });
    } finally {
      spy.mockRestore();
    }
    const events = await count('SELECT count(*) n FROM civil_event');
    const result = await scheduler.pullNow(SOURCE);
    expect(result.recordsRead).toBe(4);
    expect(ids.map((id) => service.served.get(id))).toEqual([2, 2, 2, 2]);
    expect(await count('SELECT count(*) n FROM civil_event')).toBe(events);
    expect(
      await count(
        `SELECT count(*) n FROM intake_item WHERE source_record_id = ANY($1) AND status = 'DUPLICATE'`,
        [ids],
      ),
    ).toBe(4);
  });
});
