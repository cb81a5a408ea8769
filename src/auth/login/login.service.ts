import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLES, isRoleName } from '../../../config/access-control.js';
import type { HubConfig } from '../../../config/hub.config.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { HUB_CONFIG } from '../../common/config/hub-config.module.js';
import { changedRows, rows } from '../../database/sql.js';
import { SecurityAlertService } from '../../alerts/security-alert.service.js';
import { AuthException } from '../auth.exception.js';
import { hashPassword, verifyPassword } from '../password-hasher.js';
import { SecretBox } from './secret-box.js';
import { SessionService, type IssuedTokens } from './session.service.js';
import { matchTotp } from './totp.js';

interface LoginRow {
  id: string;
  password_hash: string;
  roles: string[];
  status: string;
  authority_code: string;
  totp_secret: string | null;
  totp_last_step: string | null;
  failed_logins: number;
  locked_until: Date | null;
}

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
}

/** One message for every refusal, so that a caller learns neither which part was wrong nor whether the account exists. */
const loginFailed = (): AuthException =>
  new AuthException(
    'AUTH.LOGIN_FAILED',
    'Đăng nhập không thành công: sai tên đăng nhập, mật khẩu hoặc mã xác thực, hoặc tài khoản đang tạm khóa do nhập sai nhiều lần. Hãy thử lại sau ít phút hoặc liên hệ quản trị viên.',
    401,
  );

/**
 * Password (scrypt) plus, where the account has one or a role requires it, a TOTP code. After
 * AUTH_LOCKOUT_THRESHOLD failures in a row the account is locked for 1 minute, doubling with every
 * further failure up to an hour; while locked even the right password is refused. Every attempt is
 * audited; the username of an unknown account is audited only as a hash (people type passwords into
 * the wrong field).
 */
@Injectable()
export class LoginService {
  private readonly box: SecretBox;
  /** Compared against when the account does not exist, so both cases take as long. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly alerts: SecurityAlertService,
  ) {
    this.box = new SecretBox(config.AUTH_SECRET_KEY);
    this.dummyHash = hashPassword('not-a-real-password-0000');
  }

  async login(
    input: LoginInput,
    client: { ip?: string | null; userAgent?: string | null },
  ): Promise<IssuedTokens> {
    const username = typeof input.username === 'string' ? input.username.normalize('NFC').trim() : '';
    const password = typeof input.password === 'string' ? input.password : '';
    if (!username || username.length > 100 || !password || password.length > 1000) throw loginFailed();
    const [user] = await rows<LoginRow>(
      this.dataSource,
      `SELECT id, password_hash, roles, status, authority_code, totp_secret, totp_last_step, failed_logins, locked_until
         FROM app_user WHERE username = $1`,
      [username],
    );
    const now = this.clock.now();
    if (!user) {
      await verifyPassword(password, await this.dummyHash);
      await this.recordFailure(null, username, 'UNKNOWN_USER', client);
      throw loginFailed();
    }
    if (user.locked_until && user.locked_until.getTime() > now.getTime()) {
      await this.recordFailure(user, username, 'LOCKED', client);
      throw loginFailed();
    }
    const passwordOk = await verifyPassword(password, user.password_hash);
    if (!passwordOk || user.status !== 'ACTIVE') {
      await this.recordFailure(user, username, passwordOk ? 'DISABLED' : 'BAD_PASSWORD', client);
      throw loginFailed();
    }
    const totpRequired = user.roles.some((r) => isRoleName(r) && ROLES[r].totpRequired);
    let step: bigint | null = null;
    if (user.totp_secret) {
      step = matchTotp(this.box.open(user.totp_secret), String(input.totpCode ?? ''), now.getTime());
      // A code works once: a step at or before the last one used is a replay.
      if (step === null || (user.totp_last_step !== null && step <= BigInt(user.totp_last_step))) {
        await this.recordFailure(user, username, 'BAD_TOTP', client);
        throw loginFailed();
      }
    } else if (totpRequired) {
      await this.recordFailure(user, username, 'TOTP_NOT_ENROLLED', client);
      throw new AuthException(
        'AUTH.TOTP_NOT_ENROLLED',
        'Vai trò của tài khoản này bắt buộc xác thực hai lớp nhưng tài khoản chưa được cấp mã; liên hệ quản trị viên.',
        401,
      );
    }
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $2,
                totp_last_step = coalesce($3, totp_last_step) WHERE id = $1`,
        [user.id, now.toISOString(), step === null ? null : step.toString()],
      );
      const tokens = await this.sessions.issue(tx, user.id, client);
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: user.id,
            action: 'AUTH.LOGIN',
            entityType: 'session',
            entityId: tokens.sessionId,
            details: { secondFactor: step !== null },
          },
        ],
        tx,
      );
      return tokens;
    });
  }

  private async recordFailure(
    user: LoginRow | null,
    username: string,
    reason: string,
    client: { ip?: string | null },
  ): Promise<void> {
    let lockedUntil: string | null = null;
    if (user && reason !== 'LOCKED') {
      // In one statement, so that concurrent failures each count and the back-off follows the count.
      const [updated] = await changedRows<{ locked_until: Date | null; failed_logins: number }>(
        this.dataSource,
        `UPDATE app_user SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= $2
                  THEN $3::timestamptz + least(interval '1 minute' * power(2, failed_logins + 1 - $2), interval '1 hour')
                  ELSE locked_until END
          WHERE id = $1 RETURNING locked_until, failed_logins`,
        [user.id, this.config.AUTH_LOCKOUT_THRESHOLD, this.clock.now().toISOString()],
      );
      if (updated?.locked_until && updated.failed_logins >= this.config.AUTH_LOCKOUT_THRESHOLD)
        lockedUntil = updated.locked_until.toISOString();
    }
    await this.audit.append([
      {
        actorType: 'USER',
        actorId: user?.id ?? null,
        action: 'AUTH.LOGIN_FAILED',
        details: {
          reason,
          ...(user ? {} : { usernameHash: createHash('sha256').update(username).digest('hex').slice(0, 16) }),
          ...(lockedUntil ? { lockedUntil } : {}),
        },
      },
    ]);
    await this.alerts.onFailedLogin({
      userId: user?.id ?? null,
      authorityCode: user?.authority_code ?? null,
      clientIp: client.ip ?? null,
      locked: lockedUntil !== null,
    });
  }
}
