import { jest } from '@jest/globals';
import { declaredRoutes } from './declared-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(30_000);

describe('every route declares its permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds no route without a declaration (source-system routes declare a source permission)', () => {
    const routes = declaredRoutes(t);
    console.log(`route permission check: ${routes.length} routes`);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
    // Source-system (intake) routes name a source permission, never a user or public one.
    for (const r of routes.filter((x) => /^\/api\/v1\/(intake|csv|sql|soap-pull)\//.test(x.path)))
      expect(r.rule?.kind).toBe('source');
    // Changing a registered event and reading the notices of such changes are officials' acts.
    for (const path of [
      '/api/v1/register/events/:id/corrections',
      '/api/v1/notifications',
      '/api/v1/notifications/:id/read',
    ])
      expect(routes.find((r) => r.path === path)?.rule?.kind).toBe('user');
    // The duplicate review queue: officials with the review permissions, never a source or the public.
    const reviewRoutes = routes.filter((r) => r.path.startsWith('/api/v1/matching/reviews'));
    expect(reviewRoutes.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.rule)}`).sort()).toEqual(
      [
        'GET /api/v1/matching/reviews {"kind":"user","permission":"duplicate.review"}',
        'GET /api/v1/matching/reviews/:id {"kind":"user","permission":"duplicate.review"}',
        'POST /api/v1/matching/reviews/:id/decision {"kind":"user","permission":"duplicate.decide"}',
      ].sort(),
    );
    // Public routes are few and each says why.
    const open = routes.filter((r) => r.rule?.kind === 'public');
    for (const r of open) expect(r.rule?.kind === 'public' && r.rule.reason.length > 5).toBe(true);
    expect(open.map((r) => r.path).sort()).toEqual(
      [
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/health',
        '/health/live',
        '/soap/v1/civil-status',
      ].sort(),
    );
  });

  it("puts the population link's routes under officials' permissions, and its source long-poll under the source's", () => {
    const rules = Object.fromEntries(
      declaredRoutes(t)
        .filter((r) => r.path.includes('population'))
        .map((r) => [`${r.method} ${r.path}`, r.rule]),
    );
    expect(rules).toEqual({
      'GET /api/v1/population/events/:eventId/confirmation': {
        kind: 'source',
        permission: 'intake.read-own',
      },
      'GET /api/v1/register/events/:id/population-confirmation': { kind: 'user', permission: 'event.read' },
      'GET /api/v1/population/operator/service-level': { kind: 'user', permission: 'monitoring.read' },
      'GET /api/v1/population/operator/overdue': { kind: 'user', permission: 'monitoring.read' },
      'POST /api/v1/population/operator/messages/:messageId/replay': {
        kind: 'user',
        permission: 'population.replay',
      },
    });
  });

  it('refuses every non-public route to a caller without credentials', async () => {
    const request = (await import('supertest')).default;
    // Credentials inside the message (SOAP WS-Security): refused in the protocol's own way.
    const inMessage = declaredRoutes(t).filter((x) => x.rule?.kind === 'source-message');
    expect(inMessage.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /soap/v1/civil-status']);
    for (const r of inMessage) {
      const res = await request(t.app.getHttpServer()).post(r.path).type('text/xml').send('<x/>');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).toContain('Fault');
    }
    for (const r of declaredRoutes(t).filter(
      (x) => x.rule?.kind !== 'public' && x.rule?.kind !== 'source-message',
    )) {
      const path = r.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(t.app.getHttpServer())[r.method.toLowerCase() as 'get'](path);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
      });
    }
  });
});
