import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLES, isRoleName, type RoleName } from '../../config/access-control.js';
import type { HubConfig } from '../../config/hub.config.js';
import { RegisteringAuthorityService } from '../admin-units/registering-authority.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { HubException } from '../common/errors/hub.exception.js';
import { changedRows, rows } from '../database/sql.js';
import { AuthException } from './auth.exception.js';
import { SecretBox } from './login/secret-box.js';
import { SessionService } from './login/session.service.js';
import { base32Encode, newTotpSecret, otpauthUri } from './login/totp.js';
import { hashPassword, verifyPassword } from './password-hasher.js';

export interface NewUserInput {
  username: string;
  fullName: string;
  password: string;
  authorityCode: string;
  roles: readonly string[];
  /** Give a second factor even where the roles do not require one (communes may opt in). */
  enrolTotp?: boolean;
}

export interface CreatedUser {
  id: string;
  /** Shown once, to be handed to the official for their authenticator app. */
  totp?: { secret: string; uri: string };
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  authorityCode: string;
  roles: string[];
  status: string;
  totpEnrolled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

const invalid = (field: string, message: string): AuthException =>
  new AuthException('AUTH.INVALID_USER', `${field}: ${message}`, 400, { field });

/** Officials' accounts: each belongs to one registering authority and holds roles fit for its kind. */
@Injectable()
export class UserAccountsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly audit: AuditService,
    private readonly authorities: RegisteringAuthorityService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {
    this.box = new SecretBox(config.AUTH_SECRET_KEY);
  }

  async bootstrapAdministrator(input: {
    username: string;
    fullName: string;
    password: string;
  }): Promise<CreatedUser> {
    return this.dataSource.transaction(async (tx) => {
      // Only the very first account can be made this way; the lock keeps two bootstraps from racing.
      await tx.query('LOCK TABLE app_user IN EXCLUSIVE MODE');
      const existing = await rows(tx, 'SELECT 1 FROM app_user LIMIT 1');
      if (existing.length > 0) {
        throw new HubException(
          'AUTH.ALREADY_BOOTSTRAPPED',
          'Đã có tài khoản quản trị; hãy dùng tài khoản đó để tạo người dùng mới.',
          409,
        );
      }
      return this.insertUser(
        tx,
        { ...input, authorityCode: 'BTP', roles: ['MINISTRY_ADMIN'] },
        'SYSTEM',
        'cli',
      );
    });
  }

  async createUser(input: NewUserInput, byUserId: string): Promise<CreatedUser> {
    return this.dataSource.transaction((tx) => this.insertUser(tx, input, 'USER', byUserId));
  }

  async listUsers(filter: { authorityCode?: string }): Promise<UserView[]> {
    const found = await rows<{
      id: string;
      username: string;
      full_name: string;
      authority_code: string;
      roles: string[];
      status: string;
      totp: boolean;
      locked: boolean;
      last_login_at: Date | null;
    }>(
      this.dataSource,
      `SELECT id, username, full_name, authority_code, roles, status, totp_secret IS NOT NULL AS totp,
              coalesce(locked_until > $2, false) AS locked, last_login_at
         FROM app_user WHERE ($1::text IS NULL OR authority_code = $1) ORDER BY username LIMIT 1000`,
      [filter.authorityCode ?? null, this.clock.now().toISOString()],
    );
    return found.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      authorityCode: u.authority_code,
      roles: u.roles,
      status: u.status,
      totpEnrolled: u.totp,
      locked: u.locked,
      lastLoginAt: u.last_login_at?.toISOString() ?? null,
    }));
  }

  /**
   * An official changes their own password: the current one is required, and every other session
   * of the account is revoked (whoever else knew the old password is logged out).
   */
  async changePassword(
    user: { userId: string; sessionId: string },
    currentPassword: unknown,
    newPassword: unknown,
  ): Promise<{ otherSessionsRevoked: number }> {
    if (typeof newPassword !== 'string' || newPassword.length < 12 || newPassword.length > 1000)
      throw new HubException(
        'AUTH.WEAK_PASSWORD',
        'newPassword: mật khẩu mới phải có ít nhất 12 ký tự.',
        400,
        {
          field: 'newPassword',
        },
      );
    const [row] = await rows<{ password_hash: string }>(
      this.dataSource,
      'SELECT password_hash FROM app_user WHERE id = $1',
      [user.userId],
    );
    if (
      !row ||
      typeof currentPassword !== 'string' ||
      !(await verifyPassword(currentPassword, row.password_hash))
    )
      throw new AuthException('AUTH.WRONG_PASSWORD', 'currentPassword: mật khẩu hiện tại không đúng.', 400, {
        field: 'currentPassword',
      });
    if (currentPassword === newPassword)
      throw new HubException(
        'AUTH.WEAK_PASSWORD',
        'newPassword: mật khẩu mới phải khác mật khẩu hiện tại.',
        400,
        {
          field: 'newPassword',
        },
      );
    const hash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (tx) => {
      await tx.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [user.userId, hash]);
      const revoked = await changedRows<{ id: string }>(
        tx,
        `UPDATE user_session SET revoked_at = $3, revoked_by = $1, revoke_reason = 'PASSWORD_CHANGED'
          WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
        [user.userId, user.sessionId, this.clock.now().toISOString()],
      );
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: user.userId,
            action: 'USER.PASSWORD_CHANGED',
            entityType: 'user',
            entityId: user.userId,
            details: { otherSessionsRevoked: revoked.length },
          },
        ],
        tx,
      );
      return { otherSessionsRevoked: revoked.length };
    });
  }

  /**
   * A new second-factor secret for an official (a lost or replaced phone), shown once; the old one
   * stops working and the account's sessions are revoked.
   */
  async resetTotp(userId: string, byUserId: string): Promise<{ secret: string; uri: string }> {
    const secret = newTotpSecret();
    return this.dataSource.transaction(async (tx) => {
      const [u] = await changedRows<{ username: string }>(
        tx,
        'UPDATE app_user SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 RETURNING username',
        [userId, this.box.seal(secret)],
      );
      if (!u) throw new AuthException('AUTH.USER_NOT_FOUND', 'Không tìm thấy người dùng.', 404);
      const revoked = await this.sessions.revokeAllOfUser(tx, userId, byUserId, 'TOTP_RESET');
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: byUserId,
            action: 'USER.TOTP_RESET',
            entityType: 'user',
            entityId: userId,
            details: { sessionsRevoked: revoked },
          },
        ],
        tx,
      );
      return { secret: base32Encode(secret), uri: otpauthUri(secret, u.username) };
    });
  }

  /** Disables an account and revokes its sessions at once. */
  async disableUser(userId: string, byUserId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const done = await changedRows(
        tx,
        `UPDATE app_user SET status = 'DISABLED' WHERE id = $1 RETURNING id`,
        [userId],
      );
      if (done.length === 0)
        throw new AuthException('AUTH.USER_NOT_FOUND', 'Không tìm thấy người dùng.', 404);
      const revoked = await this.sessions.revokeAllOfUser(tx, userId, byUserId, 'USER_DISABLED');
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: byUserId,
            action: 'USER.DISABLED',
            entityType: 'user',
            entityId: userId,
            details: { sessionsRevoked: revoked },
          },
        ],
        tx,
      );
    });
  }

  private async insertUser(
    tx: Pick<DataSource, 'query'>,
    input: NewUserInput,
    actorType: 'USER' | 'SYSTEM',
    actorId: string,
  ): Promise<CreatedUser> {
    const roles = this.checkInput(input);
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const withTotp = input.enrolTotp === true || roles.some((r) => ROLES[r].totpRequired);
    const secret = withTotp ? newTotpSecret() : null;
    const taken = await rows(tx, 'SELECT 1 FROM app_user WHERE username = $1', [input.username]);
    if (taken.length > 0)
      throw new AuthException('AUTH.USERNAME_TAKEN', `Tên đăng nhập "${input.username}" đã được dùng.`, 409, {
        field: 'username',
      });
    await tx.query(
      `INSERT INTO app_user (id, username, full_name, password_hash, authority_code, roles, totp_secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        input.username,
        input.fullName.normalize('NFC'),
        passwordHash,
        input.authorityCode,
        roles,
        secret ? this.box.seal(secret) : null,
      ],
    );
    await this.audit.append(
      [
        {
          actorType,
          actorId,
          action: actorType === 'SYSTEM' ? 'USER.BOOTSTRAPPED' : 'USER.CREATED',
          entityType: 'user',
          entityId: id,
          details: { authorityCode: input.authorityCode, roles, totp: withTotp },
        },
      ],
      tx,
    );
    return secret
      ? { id, totp: { secret: base32Encode(secret), uri: otpauthUri(secret, input.username) } }
      : { id };
  }

  private checkInput(input: NewUserInput): RoleName[] {
    if (typeof input.username !== 'string' || !USERNAME.test(input.username))
      throw invalid(
        'username',
        'tên đăng nhập gồm 3–64 ký tự a–z, 0–9, dấu chấm, gạch dưới hoặc gạch ngang.',
      );
    if (
      typeof input.fullName !== 'string' ||
      input.fullName.trim().length === 0 ||
      input.fullName.length > 200
    )
      throw invalid('fullName', 'cần họ và tên (tối đa 200 ký tự).');
    if (typeof input.password !== 'string' || input.password.length < 12 || input.password.length > 1000)
      throw new HubException('AUTH.WEAK_PASSWORD', 'password: mật khẩu phải có ít nhất 12 ký tự.', 400, {
        field: 'password',
      });
    if (!Array.isArray(input.roles) || input.roles.length === 0)
      throw invalid('roles', `cần ít nhất một vai trò trong: ${Object.keys(ROLES).join(', ')}.`);
    const roles: RoleName[] = [];
    for (const r of input.roles) {
      if (typeof r !== 'string' || !isRoleName(r))
        throw invalid(
          'roles',
          `vai trò "${String(r)}" không tồn tại; các vai trò: ${Object.keys(ROLES).join(', ')}.`,
        );
      roles.push(r);
    }
    const authority =
      typeof input.authorityCode === 'string'
        ? this.authorities.resolve(input.authorityCode, this.clock.today())
        : undefined;
    if (!authority)
      throw invalid(
        'authorityCode',
        `cơ quan đăng ký "${String(input.authorityCode)}" không tồn tại hoặc không còn hoạt động.`,
      );
    for (const r of roles) {
      if (!ROLES[r].authorityKinds.includes(authority.kind))
        throw invalid(
          'roles',
          `vai trò ${r} (${ROLES[r].label}) không thuộc loại cơ quan ${authority.kind} (${authority.name}).`,
        );
    }
    return [...new Set(roles)];
  }
}
