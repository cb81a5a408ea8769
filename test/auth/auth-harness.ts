import { Clock } from '../../src/common/clock.js';
import { RegisteringAuthorityService } from '../../src/admin-units/registering-authority.service.js';
import { UserAccountsService } from '../../src/auth/user-accounts.service.js';
import { base32Decode, totp } from '../../src/auth/login/totp.js';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A clock tests move forward (token expiry, lockout back-off, TOTP steps). */
export class MovableClock extends Clock {
  constructor(private at: number) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface Official {
  id: string;
  username: string;
  password: string;
  authorityCode: string;
  role: string;
  totpSecret?: Buffer;
}

export interface AuthHarness {
  t: TestApp;
  clock: MovableClock;
  http: () => ReturnType<typeof request>;
  admin: Official;
  /** Authority codes valid today: two communes of different provinces, and those provinces' Sở Tư pháp. */
  authorities: { communeA: string; communeB: string; provinceA: string; provinceB: string };
  createOfficial(role: string, authorityCode: string, name?: string): Promise<Official>;
  login(o: Official): Promise<{ accessToken: string; refreshToken: string; sessionId: string }>;
  code(o: Official): string;
  close(): Promise<void>;
}

export async function startAuthHarness(env: Record<string, string> = {}): Promise<AuthHarness> {
  const clock = new MovableClock(Date.parse('2026-11-20T03:00:00Z'));
  const t = await startTestApp({
    // Many logins from one test address: the per-address limit is tested on its own (hardening.test.ts).
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: '10000', ...env },
    override: (b) => b.overrideProvider(Clock).useValue(clock),
  });
  const http = () => request(t.app.getHttpServer());
  const accounts = t.app.get(UserAccountsService);
  const adminPassword = 'mật khẩu quản trị đủ dài 2026';
  const boot = await accounts.bootstrapAdministrator({
    username: 'quantri',
    fullName: 'Quản trị viên Bộ',
    password: adminPassword,
  });
  const admin: Official = {
    id: boot.id,
    username: 'quantri',
    password: adminPassword,
    authorityCode: 'BTP',
    role: 'MINISTRY_ADMIN',
    totpSecret: boot.totp ? base32Decode(boot.totp.secret) : undefined,
  };
  const authorities = pickAuthorities(t.app.get(RegisteringAuthorityService), clock.today());
  const code = (o: Official): string => {
    if (!o.totpSecret) return '';
    // A code works once per 30-second step: move to the next step before each login.
    clock.advance(30_000);
    return totp(o.totpSecret, clock.now().getTime());
  };
  const login = async (o: Official) => {
    const res = await http()
      .post('/api/v1/auth/login')
      .send({ username: o.username, password: o.password, totpCode: code(o) });
    if (res.status !== 200) throw new Error(`login of ${o.username} failed: ${JSON.stringify(res.body)}`);
    return res.body as { accessToken: string; refreshToken: string; sessionId: string };
  };
  let n = 0;
  const createOfficial = async (role: string, authorityCode: string, name?: string): Promise<Official> => {
    // Logged in afresh each time: tests move the clock past the token's lifetime.
    const adminToken = (await login(admin)).accessToken;
    const username = name ?? `canbo${++n}.${role.toLowerCase().replaceAll('_', '-')}`;
    const password = `mật khẩu của ${username} 2026`;
    const res = await http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${adminToken}`)
      .send({ username, fullName: 'Nguyễn Thị Lan', password, authorityCode, roles: [role] });
    if (res.status !== 201) throw new Error(`create ${role}@${authorityCode}: ${JSON.stringify(res.body)}`);
    const body = res.body as { id: string; totp?: { secret: string } };
    return {
      id: body.id,
      username,
      password,
      authorityCode,
      role,
      totpSecret: body.totp ? base32Decode(body.totp.secret) : undefined,
    };
  };
  return { t, clock, http, admin, authorities, createOfficial, login, code, close: () => t.close() };
}

function pickAuthorities(directory: RegisteringAuthorityService, today: string): AuthHarness['authorities'] {
  const current = directory
    .allVersions()
    .filter(
      (a) => (a.validFrom === null || a.validFrom <= today) && (a.validTo === null || a.validTo >= today),
    );
  const communes = current.filter((a) => a.kind === 'COMMUNE_PEOPLES_COMMITTEE' && a.provinceCode);
  const a = communes[0];
  const b = communes.find((c) => c.provinceCode !== a.provinceCode);
  if (!a || !b) throw new Error('reference data has no two communes of different provinces today');
  return {
    communeA: a.code,
    communeB: b.code,
    provinceA: `STP-${a.provinceCode}`,
    provinceB: `STP-${b.provinceCode}`,
  };
}
