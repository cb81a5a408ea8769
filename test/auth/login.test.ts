import { jest } from '@jest/globals';
import pg from 'pg';
import { startAuthHarness, type AuthHarness, type Official } from './auth-harness.js';

// Real scrypt hashing and real PostgreSQL on a shared 2-core machine: give each test room.
jest.setTimeout(30_000);

/** Login, tokens, lockout (issue 6 points 2 and 6; bad input: forged, expired, revoked tokens, SQL in login fields). */
describe('officials log in', () => {
  let h: AuthHarness;
  let registrar: Official;
  let db: pg.Client;

  beforeAll(async () => {
    h = await startAuthHarness();
    registrar = await h.createOfficial('REGISTRAR', h.authorities.communeA);
    db = new pg.Client(h.t.databaseUrl);
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db.end();
    await h.close();
  });

  const me = (token: string) => h.http().get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);

  it('with a password alone at a commune, and with a TOTP code where the role requires one', async () => {
    const { accessToken } = await h.login(registrar);
    const res = await me(accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: registrar.username,
      authorityCode: h.authorities.communeA,
      roles: ['REGISTRAR'],
    });
    expect(res.body.permissions).toContain('event.register');
    expect(res.body.permissions).not.toContain('user.manage');

    // The Ministry administrator: password right, code missing or wrong → refused.
    expect(h.admin.totpSecret).toBeDefined();
    for (const totpCode of [undefined, '000000', '12345a']) {
      const r = await h
        .http()
        .post('/api/v1/auth/login')
        .send({ username: h.admin.username, password: h.admin.password, totpCode });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH.LOGIN_FAILED');
    }
    await h.login(h.admin);
  });

  it('refuses a TOTP code used twice', async () => {
    const code = h.code(h.admin);
    const body = { username: h.admin.username, password: h.admin.password, totpCode: code };
    expect((await h.http().post('/api/v1/auth/login').send(body)).status).toBe(200);
    expect((await h.http().post('/api/v1/auth/login').send(body)).status).toBe(401);
  });

  it('refuses forged, malformed and expired access tokens', async () => {
    const { accessToken } = await h.login(registrar);
    expect((await me(accessToken)).status).toBe(200);
    for (const forged of [
      `hat_${'A'.repeat(43)}`,
      `${accessToken.slice(0, -1)}${accessToken.endsWith('A') ? 'B' : 'A'}`,
      'hub_notAnAccessToken',
      "hat_'OR'1'='1'--",
    ]) {
      const r = await me(forged);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH.INVALID_TOKEN');
    }
    expect((await h.http().get('/api/v1/auth/me')).status).toBe(401);
    h.clock.advance(16 * 60_000);
    const expired = await me(accessToken);
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('hết hạn');
  });

  it('renews with a rotating refresh token; reuse of an old one revokes the session', async () => {
    const first = await h.login(registrar);
    const r1 = await h.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.sessionId).toBe(first.sessionId);
    expect((await me(first.accessToken)).status).toBe(401);
    expect((await me(r1.body.accessToken)).status).toBe(200);

    // The first refresh token again: stolen copy. The session dies, for its current holder too.
    const reuse = await h.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await me(r1.body.accessToken)).status).toBe(401);
    const again = await h.http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken });
    expect(again.status).toBe(401);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'AUTH.REFRESH_TOKEN_REUSED'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('ends a session at logout, and when an administrator revokes it', async () => {
    const a = await h.login(registrar);
    expect(
      (await h.http().post('/api/v1/auth/logout').set('authorization', `Bearer ${a.accessToken}`)).status,
    ).toBe(200);
    expect((await me(a.accessToken)).status).toBe(401);
    const logout = await db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'AUTH.LOGOUT' AND entity_id = $1`,
      [a.sessionId],
    );
    expect(logout.rows).toEqual([{ actor_id: registrar.id }]);

    const b = await h.login(registrar);
    const adminToken = (await h.login(h.admin)).accessToken;
    const listed = await h
      .http()
      .get(`/api/v1/sessions?userId=${registrar.id}&active=true`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(listed.status).toBe(200);
    expect(listed.body.sessions.map((s: { id: string }) => s.id)).toContain(b.sessionId);
    expect(listed.body.sessions.every((s: { active: boolean }) => s.active)).toBe(true);
    const revoked = await h
      .http()
      .delete(`/api/v1/sessions/${b.sessionId}`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(revoked.body).toEqual({ revoked: true });
    expect((await me(b.accessToken)).status).toBe(401);
    expect((await h.http().post('/api/v1/auth/refresh').send({ refreshToken: b.refreshToken })).status).toBe(
      401,
    );
  });

  it('lets an official change their password, revoking their other sessions', async () => {
    const o = await h.createOfficial('REGISTRAR', h.authorities.communeA);
    const first = await h.login(o);
    const second = await h.login(o);
    const change = (body: object) =>
      h.http().post('/api/v1/auth/password').set('authorization', `Bearer ${second.accessToken}`).send(body);
    const wrong = await change({
      currentPassword: 'không phải mật khẩu',
      newPassword: 'một mật khẩu mới dài 2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('AUTH.WRONG_PASSWORD');
    expect((await change({ currentPassword: o.password, newPassword: 'ngắn' })).body.error.code).toBe(
      'AUTH.WEAK_PASSWORD',
    );
    const ok = await change({ currentPassword: o.password, newPassword: 'một mật khẩu mới dài 2026' });
    expect(ok.body).toEqual({ otherSessionsRevoked: 1 });
    expect((await me(first.accessToken)).status).toBe(401);
    expect((await me(second.accessToken)).status).toBe(200);
    const old = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ username: o.username, password: o.password });
    expect(old.status).toBe(401);
    await h.login({ ...o, password: 'một mật khẩu mới dài 2026' });
  });

  it('lets an administrator issue a new TOTP secret: the old codes stop working, sessions end', async () => {
    const o = await h.createOfficial('PROVINCE_SUPERVISOR', h.authorities.provinceA);
    expect(o.totpSecret).toBeDefined();
    const session = await h.login(o);
    const adminToken = (await h.login(h.admin)).accessToken;
    const reset = await h
      .http()
      .post(`/api/v1/users/${o.id}/totp`)
      .set('authorization', `Bearer ${adminToken}`);
    expect(reset.status).toBe(200);
    expect(reset.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await me(session.accessToken)).status).toBe(401);
    const oldCode = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ username: o.username, password: o.password, totpCode: h.code(o) });
    expect(oldCode.status).toBe(401);
    const { base32Decode } = await import('../../src/auth/login/totp.js');
    await h.login({ ...o, totpSecret: base32Decode(reset.body.secret) });
  });

  it('refuses SQL in the login fields and leaves the accounts untouched', async () => {
    const before = await db.query('SELECT id, password_hash, failed_logins FROM app_user ORDER BY id');
    for (const body of [
      { username: "quantri' --", password: 'x' },
      { username: "' OR '1'='1", password: "' OR '1'='1" },
      { username: 'quantri', password: "'; DROP TABLE app_user; --", totpCode: "1' OR '1'='1" },
      { username: { $ne: null }, password: ['a'] },
    ]) {
      const r = await h.http().post('/api/v1/auth/login').send(body);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH.LOGIN_FAILED');
    }
    const after = await db.query('SELECT id, password_hash FROM app_user ORDER BY id');
    expect(after.rows).toEqual(before.rows.map(({ id, password_hash }) => ({ id, password_hash })));
  });

  it('locks an account after repeated failures, with a growing back-off, and raises an alert', async () => {
    const victim = await h.createOfficial('SIGNER', h.authorities.communeA);
    const wrong = { username: victim.username, password: 'sai mật khẩu hoàn toàn' };
    for (let i = 0; i < 5; i++)
      expect((await h.http().post('/api/v1/auth/login').send(wrong)).status).toBe(401);
    const locked = await db.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [
      victim.id,
    ]);
    expect(locked.rows[0].failed_logins).toBe(5);
    expect(locked.rows[0].locked_until.getTime() - h.clock.now().getTime()).toBe(60_000);
    // Locked: even the right password is refused, with the same message.
    const right = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ username: victim.username, password: victim.password });
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('AUTH.LOGIN_FAILED');

    h.clock.advance(61_000);
    expect((await h.http().post('/api/v1/auth/login').send(wrong)).status).toBe(401);
    const doubled = await db.query('SELECT locked_until FROM app_user WHERE id = $1', [victim.id]);
    expect(doubled.rows[0].locked_until.getTime() - h.clock.now().getTime()).toBe(120_000);

    h.clock.advance(121_000);
    await h.login(victim);
    const reset = await db.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [
      victim.id,
    ]);
    expect(reset.rows[0]).toEqual({ failed_logins: 0, locked_until: null });

    const adminToken = (await h.login(h.admin)).accessToken;
    const alerts = await h.http().get('/api/v1/security/alerts').set('authorization', `Bearer ${adminToken}`);
    expect(alerts.status).toBe(200);
    expect(alerts.body.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ACCOUNT_LOCKED', severity: 'HIGH', actorId: victim.id }),
      ]),
    );
    const failures = await db.query(
      `SELECT details FROM audit_log WHERE action = 'AUTH.LOGIN_FAILED' AND actor_id = $1 ORDER BY id`,
      [victim.id],
    );
    expect(failures.rows.map((r) => r.details.reason)).toEqual([
      'BAD_PASSWORD',
      'BAD_PASSWORD',
      'BAD_PASSWORD',
      'BAD_PASSWORD',
      'BAD_PASSWORD',
      'LOCKED',
      'BAD_PASSWORD',
    ]);
  });

  it('audits an unknown username only as a hash', async () => {
    const typed = 'mật-khẩu-gõ-nhầm-vào-ô-tên';
    await h.http().post('/api/v1/auth/login').send({ username: typed, password: 'x' });
    const rows = await db.query(
      `SELECT details::text AS d FROM audit_log WHERE action = 'AUTH.LOGIN_FAILED'`,
    );
    expect(rows.rows.some((r) => r.d.includes('UNKNOWN_USER'))).toBe(true);
    expect(rows.rows.every((r) => !r.d.includes(typed))).toBe(true);
  });

  it('keeps the audit chain intact through all of it', async () => {
    const { AuditVerifierService } = await import('../../src/audit/audit-verifier.service.js');
    const { AuditSealerService } = await import('../../src/audit/audit-sealer.service.js');
    await h.t.app.get(AuditSealerService).sealNow();
    const v = await h.t.app.get(AuditVerifierService).verify();
    expect(v.problem).toBeUndefined();
    expect(v.entries).toBeGreaterThan(20);
  });
});
