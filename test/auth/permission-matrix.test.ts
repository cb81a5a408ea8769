import { jest } from '@jest/globals';
import pg from 'pg';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../generators/index.js';
import { startAuthHarness, type AuthHarness, type Official } from './auth-harness.js';
import { declaredRoutes } from './declared-routes.js';

jest.setTimeout(120_000);

type Role = 'REGISTRAR' | 'SIGNER' | 'PROVINCE_SUPERVISOR' | 'MINISTRY_ADMIN' | 'MINISTRY_IT_MONITOR';
type Target = 'OWN_COMMUNE' | 'SAME_PROVINCE' | 'PREDECESSOR' | 'OTHER_PROVINCE';
type Placement = 'own' | 'other';
const ALL: Role[] = ['REGISTRAR', 'SIGNER', 'PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN', 'MINISTRY_IT_MONITOR'];
const UUID = '00000000-0000-4000-8000-000000000000';

/**
 * The specification, written out independently of config/access-control.ts: which roles may call
 * each officials' endpoint, and for event reads which targets lie within each role's jurisdiction.
 */
interface EndpointSpec {
  method: 'get' | 'post' | 'delete';
  route: string;
  path: (events: Record<Target, string>, pin: string) => string;
  body?: object;
  allowed: Role[];
  /** For jurisdiction-scoped endpoints: targets each allowed role may reach (others: 404). */
  reach?: Record<Placement, Partial<Record<Role, Target[]>>>;
  /** The answer within reach when not 200 (a command sent without its content: 400, nothing changed). */
  withinStatus?: number;
}

const SPEC: EndpointSpec[] = [
  { method: 'get', route: '/api/v1/auth/me', path: () => '/api/v1/auth/me', allowed: ALL },
  { method: 'get', route: '/api/v1/auth/sessions', path: () => '/api/v1/auth/sessions', allowed: ALL },
  { method: 'get', route: '/api/v1/users', path: () => '/api/v1/users', allowed: ['MINISTRY_ADMIN'] },
  {
    method: 'post',
    route: '/api/v1/users',
    path: () => '/api/v1/users',
    body: { username: 'X' },
    allowed: ['MINISTRY_ADMIN'],
  },
  {
    method: 'post',
    route: '/api/v1/users/:id/disable',
    path: () => `/api/v1/users/${UUID}/disable`,
    allowed: ['MINISTRY_ADMIN'],
  },
  {
    method: 'post',
    route: '/api/v1/users/:id/totp',
    path: () => `/api/v1/users/${UUID}/totp`,
    allowed: ['MINISTRY_ADMIN'],
  },
  {
    method: 'get',
    route: '/api/v1/sessions',
    path: () => '/api/v1/sessions',
    allowed: ['MINISTRY_ADMIN', 'MINISTRY_IT_MONITOR'],
  },
  {
    method: 'delete',
    route: '/api/v1/sessions/:id',
    path: () => `/api/v1/sessions/${UUID}`,
    allowed: ['MINISTRY_ADMIN'],
  },
  {
    method: 'get',
    route: '/api/v1/security/alerts',
    path: () => '/api/v1/security/alerts',
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN', 'MINISTRY_IT_MONITOR'],
  },
  {
    method: 'post',
    route: '/api/v1/register/persons/lookup',
    path: () => '/api/v1/register/persons/lookup',
    body: { pin: '__PIN__', purpose: 'REGISTRATION' },
    allowed: ['REGISTRAR'],
  },
  ...(['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'] as Target[]).map(
    (target): EndpointSpec => ({
      method: 'get',
      route: '/api/v1/register/events/:id',
      path: (events) => `/api/v1/register/events/${events[target]}#${target}`,
      allowed: ['REGISTRAR', 'SIGNER', 'PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
      reach: {
        // Officials of commune A / Sở Tư pháp 01 / the Ministry. PREDECESSOR: an event of province 01
        // registered by a commune that no longer exists (pre-2025), reached through the crosswalk.
        own: {
          REGISTRAR: ['OWN_COMMUNE'],
          SIGNER: ['OWN_COMMUNE'],
          PROVINCE_SUPERVISOR: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR'],
          MINISTRY_ADMIN: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'],
        },
        // Officials of commune B (which registered the OTHER_PROVINCE event) / Sở Tư pháp 31 / the Ministry.
        other: {
          REGISTRAR: ['OTHER_PROVINCE'],
          SIGNER: ['OTHER_PROVINCE'],
          PROVINCE_SUPERVISOR: ['OTHER_PROVINCE'],
          MINISTRY_ADMIN: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'],
        },
      },
    }),
  ),
  // The registration web application waits for the population database's answer: same reach as reading the event.
  ...(['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'] as Target[]).map(
    (target): EndpointSpec => ({
      method: 'get',
      route: '/api/v1/register/events/:id/population-confirmation',
      path: (events) =>
        `/api/v1/register/events/${events[target]}/population-confirmation?timeoutMs=0#${target}`,
      allowed: ['REGISTRAR', 'SIGNER', 'PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
      reach: {
        own: {
          REGISTRAR: ['OWN_COMMUNE'],
          SIGNER: ['OWN_COMMUNE'],
          PROVINCE_SUPERVISOR: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR'],
          MINISTRY_ADMIN: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'],
        },
        other: {
          REGISTRAR: ['OTHER_PROVINCE'],
          SIGNER: ['OTHER_PROVINCE'],
          PROVINCE_SUPERVISOR: ['OTHER_PROVINCE'],
          MINISTRY_ADMIN: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'],
        },
      },
    }),
  ),
  // Corrections without a record: within reach 400 (nothing is changed), outside 404 as not found.
  ...(['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR', 'OTHER_PROVINCE'] as Target[]).map(
    (target): EndpointSpec => ({
      method: 'post',
      route: '/api/v1/register/events/:id/corrections',
      path: (events) => `/api/v1/register/events/${events[target]}/corrections#${target}`,
      body: { reason: 'Kiểm tra quyền' },
      allowed: ['REGISTRAR', 'PROVINCE_SUPERVISOR'],
      withinStatus: 400,
      reach: {
        own: {
          REGISTRAR: ['OWN_COMMUNE'],
          PROVINCE_SUPERVISOR: ['OWN_COMMUNE', 'SAME_PROVINCE', 'PREDECESSOR'],
        },
        other: {
          REGISTRAR: ['OTHER_PROVINCE'],
          PROVINCE_SUPERVISOR: ['OTHER_PROVINCE'],
        },
      },
    }),
  ),
  // The population link's service level: the Ministry's IT monitor, and a Sở Tư pháp for its province.
  {
    method: 'get',
    route: '/api/v1/population/operator/service-level',
    path: () => '/api/v1/population/operator/service-level',
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_IT_MONITOR'],
  },
  {
    method: 'get',
    route: '/api/v1/population/operator/overdue',
    path: () => '/api/v1/population/operator/overdue?minAgeMs=0',
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_IT_MONITOR'],
  },
  // No such message: allowed callers get 409 (nothing to send again), refused ones 403.
  {
    method: 'post',
    route: '/api/v1/population/operator/messages/:messageId/replay',
    path: () => `/api/v1/population/operator/messages/${UUID}/replay`,
    allowed: ['MINISTRY_ADMIN', 'MINISTRY_IT_MONITOR'],
  },
  {
    method: 'get',
    route: '/api/v1/notifications',
    path: () => '/api/v1/notifications',
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
  },
  {
    method: 'post',
    route: '/api/v1/notifications/:id/read',
    path: () => `/api/v1/notifications/${UUID}/read`,
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
  },
  // The duplicate review queue (issue 4): province supervisors, and the Ministry (records of no
  // province, registered abroad, have no supervisor). An unknown review: 404 when allowed.
  {
    method: 'get',
    route: '/api/v1/matching/reviews',
    path: () => '/api/v1/matching/reviews',
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
  },
  {
    method: 'get',
    route: '/api/v1/matching/reviews/:id',
    path: () => `/api/v1/matching/reviews/${UUID}`,
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
  },
  {
    method: 'post',
    route: '/api/v1/matching/reviews/:id/decision',
    path: () => `/api/v1/matching/reviews/${UUID}/decision`,
    body: { decision: 'DIFFERENT' },
    allowed: ['PROVINCE_SUPERVISOR', 'MINISTRY_ADMIN'],
  },
  // An empty body: allowed callers get 400 (nothing is changed), refused ones 403.
  {
    method: 'post',
    route: '/api/v1/auth/password',
    path: () => '/api/v1/auth/password',
    body: {},
    allowed: ALL,
  },
  // Last: it ends the session the other cases used.
  { method: 'post', route: '/api/v1/auth/logout', path: () => '/api/v1/auth/logout', allowed: ALL },
];

describe('permission matrix: every role × every officials endpoint × own and other jurisdiction', () => {
  let h: AuthHarness;
  let db: pg.Client;
  const events = {} as Record<Target, string>;
  let pin = '';
  /** Officials of each role in the jurisdiction of the events' own commune, and in another province. */
  const own = {} as Record<Role, Official>;
  const other = {} as Record<Role, Official>;

  beforeAll(async () => {
    h = await startAuthHarness();
    db = new pg.Client(h.t.databaseUrl);
    await db.connect();
    const sources = h.t.app.get(SourceRegistryService);
    const referenceData = await loadGeneratorReferenceData();
    for (const [province, seed] of [
      ['01', 6001],
      ['31', 6002],
    ] as const) {
      const { apiKey } = await sources.createSource({
        id: `src-${province}`,
        name: `Nguồn ${province}`,
        provinceCode: province,
      });
      const generator = createRecordGenerator({
        referenceData,
        seed,
        sourceId: `src-${province}`,
        provinceCode: province,
        eventTypes: ['BIRTH'],
        childPinShare: 1,
        today: h.clock.today(),
      });
      const records = [...generator.take(40)].map((g) => g.record);
      const res = await h
        .http()
        .post('/api/v1/intake/records')
        .set('authorization', `Bearer ${apiKey}`)
        .send({ records });
      expect(res.status).toBe(200);
    }
    const current = `JOIN registering_authority ra ON ra.id = e.authority_id
         WHERE e.authority_code LIKE 'UBND-X-%' AND ra.valid_to IS NULL`;
    const inA = (
      await db.query(
        `SELECT e.id, e.authority_code FROM civil_event e ${current} AND e.province_code = '01' ORDER BY e.registered_on, e.id`,
      )
    ).rows;
    const a = inA[0];
    const a2 = inA.find((r) => r.authority_code !== a.authority_code);
    const [predecessor] = (
      await db.query(
        `SELECT e.id FROM civil_event e JOIN registering_authority ra ON ra.id = e.authority_id
          WHERE e.province_code = '01' AND ra.valid_to IS NOT NULL ORDER BY e.id LIMIT 1`,
      )
    ).rows;
    const [b] = (
      await db.query(
        `SELECT e.id, e.authority_code, p.personal_id_number AS pin
           FROM civil_event e JOIN party p ON p.event_id = e.id ${current}
            AND e.province_code = '31' AND p.personal_id_number IS NOT NULL
          ORDER BY e.registered_on, e.id LIMIT 1`,
      )
    ).rows;
    expect(a && a2 && b && predecessor).toBeTruthy();
    events.OWN_COMMUNE = a.id;
    events.SAME_PROVINCE = a2.id;
    events.PREDECESSOR = predecessor.id;
    events.OTHER_PROVINCE = b.id;
    pin = b.pin;
    const place = (role: Role, commune: string, province: string): string =>
      role === 'REGISTRAR' || role === 'SIGNER'
        ? commune
        : role === 'PROVINCE_SUPERVISOR'
          ? `STP-${province}`
          : 'BTP';
    for (const role of ALL) {
      own[role] = await h.createOfficial(role, place(role, a.authority_code, '01'));
      other[role] = await h.createOfficial(role, place(role, b.authority_code, '31'));
    }
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('covers every officials route of the hub', () => {
    const userRoutes = declaredRoutes(h.t)
      .filter((r) => r.rule?.kind === 'user')
      .map((r) => `${r.method} ${r.path}`);
    const specified = new Set(SPEC.map((s) => `${s.method.toUpperCase()} ${s.route}`));
    expect(userRoutes.filter((r) => !specified.has(r))).toEqual([]);
  });

  it('allows or refuses each combination as specified', async () => {
    let cases = 0;
    const failures: string[] = [];
    for (const [placement, officials] of [
      ['own', own],
      ['other', other],
    ] as Array<[Placement, Record<Role, Official>]>) {
      for (const role of ALL) {
        const official = officials[role];
        const { accessToken } = await h.login(official);
        for (const spec of SPEC) {
          const [path, target] = spec.path(events, pin).split('#') as [string, Target | undefined];
          const res = await h
            .http()
            [spec.method](path)
            .set('authorization', `Bearer ${accessToken}`)
            .send(spec.body && JSON.parse(JSON.stringify(spec.body).replace('__PIN__', pin)));
          cases++;
          let expected: number | 'ok';
          if (!spec.allowed.includes(role)) expected = 403;
          else if (!target) expected = 'ok';
          else {
            const reach = spec.reach?.[placement][role] ?? [];
            expected = reach.includes(target) ? (spec.withinStatus ?? 200) : 404;
          }
          const ok =
            expected === 'ok'
              ? res.status !== 401 && res.status !== 403 && res.status < 500
              : res.status === expected;
          if (!ok)
            failures.push(
              `${placement} ${role} ${spec.method.toUpperCase()} ${path}: ${res.status}, expected ${expected}`,
            );
          if (expected === 404) expect(res.body.error.code).toBe('RECORD.NOT_FOUND');
        }
      }
    }
    console.log(
      `permission matrix: ${cases} cases (${ALL.length} roles × ${SPEC.length} endpoint cases × 2 jurisdictions)`,
    );
    expect(failures).toEqual([]);
  });

  it('answers outside the jurisdiction exactly as for an event that does not exist, and records it', async () => {
    const { accessToken } = await h.login(own.REGISTRAR);
    const outside = await h
      .http()
      .get(`/api/v1/register/events/${events.OTHER_PROVINCE}`)
      .set('authorization', `Bearer ${accessToken}`);
    const missing = await h
      .http()
      .get(`/api/v1/register/events/${UUID}`)
      .set('authorization', `Bearer ${accessToken}`);
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(Object.keys(outside.body.error)).toEqual(Object.keys(missing.body.error));
    expect(outside.body.error.message.replace(events.OTHER_PROVINCE, 'ID')).toBe(
      missing.body.error.message.replace(UUID, 'ID'),
    );
    const recorded = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ACCESS.OUTSIDE_JURISDICTION' AND actor_id = $1`,
      [own.REGISTRAR.id],
    );
    expect(recorded.rows[0].n).toBeGreaterThanOrEqual(3);
    const alerts = await db.query(
      `SELECT count(*)::int AS n FROM security_alert WHERE kind = 'CROSS_JURISDICTION_ATTEMPT' AND actor_id = $1`,
      [own.REGISTRAR.id],
    );
    expect(alerts.rows[0].n).toBe(1);
    // The exact-PIN lookup across provinces is allowed for registration work, and logged as such.
    const looked = await db.query(
      `SELECT details FROM audit_log WHERE action = 'PERSON.LOOKUP_BY_PIN' AND actor_id = $1`,
      [own.REGISTRAR.id],
    );
    expect(looked.rows[0].details).toMatchObject({ purpose: 'REGISTRATION', outsideJurisdiction: 1 });
    expect(JSON.stringify(looked.rows)).not.toContain(pin);
  });
});
