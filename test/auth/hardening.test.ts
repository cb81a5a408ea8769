import { jest } from '@jest/globals';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { startTestApp } from '../support/test-app.js';
import { startAuthHarness, type AuthHarness } from './auth-harness.js';
import request from 'supertest';

jest.setTimeout(60_000);

/** Issue 6 point 7: security headers, CORS closed by default, rate limits per user, source and address. */
describe('hardening', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuthHarness({
      RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
      RATE_LIMIT_USER_PER_MINUTE: '8',
      RATE_LIMIT_SOURCE_PER_MINUTE: '3',
    });
  });
  afterAll(() => h?.close());

  it('sends security headers on every answer, errors included', async () => {
    for (const res of [await h.http().get('/health/live'), await h.http().get('/api/v1/nothing-here')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps CORS closed by default', async () => {
    const preflight = await h
      .http()
      .options('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await h.http().get('/health/live').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens CORS only to configured origins', async () => {
    const t = await startTestApp({ env: { CORS_ORIGINS: 'https://hotich.example.gov.vn' } });
    try {
      const ok = await request(t.app.getHttpServer())
        .get('/health/live')
        .set('Origin', 'https://hotich.example.gov.vn');
      expect(ok.headers['access-control-allow-origin']).toBe('https://hotich.example.gov.vn');
      const other = await request(t.app.getHttpServer())
        .get('/health/live')
        .set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('limits requests per official, with Retry-After, without affecting another official', async () => {
    const a = await h.createOfficial('REGISTRAR', h.authorities.communeA);
    const b = await h.createOfficial('REGISTRAR', h.authorities.communeA);
    const ta = (await h.login(a)).accessToken;
    const tb = (await h.login(b)).accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await h.http().get('/api/v1/auth/me').set('authorization', `Bearer ${ta}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    const limited = await h.http().get('/api/v1/auth/me').set('authorization', `Bearer ${ta}`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('HTTP.TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.http().get('/api/v1/auth/me').set('authorization', `Bearer ${tb}`)).status).toBe(200);
    h.clock.advance(60_000);
    expect((await h.http().get('/api/v1/auth/me').set('authorization', `Bearer ${ta}`)).status).toBe(200);
  });

  it('limits requests per source system', async () => {
    const sources = h.t.app.get(SourceRegistryService);
    const k1 = (await sources.createSource({ id: 'rl-1', name: 'Nguồn 1', provinceCode: '01' })).apiKey;
    const k2 = (await sources.createSource({ id: 'rl-2', name: 'Nguồn 2', provinceCode: '01' })).apiKey;
    const get = (k: string) =>
      h.http().get('/api/v1/intake/items?sourceRecordId=X-1').set('authorization', `Bearer ${k}`);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(k1)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await get(k2)).status).toBe(200);
  });
});

describe('login attempts per client address', () => {
  it('are limited before the password is even checked', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (
            await request(t.app.getHttpServer())
              .post('/api/v1/auth/login')
              .send({ username: `khong-ton-tai-${i}`, password: 'x' })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
