import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isRoleName, permissionsOf } from '../../../config/access-control.js';
import type { HubConfig } from '../../../config/hub.config.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { HUB_CONFIG } from '../../common/config/hub-config.module.js';
import { changedRows, rows } from '../../database/sql.js';
import type { UserPrincipal } from '../access/user-principal.js';
import { AuthException } from '../auth.exception.js';

/** Officials' tokens are opaque random strings, told apart from source API keys (`hub_`) by prefix. */
const ACCESS_PREFIX = 'hat_';
const REFRESH_PREFIX = 'hrt_';

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface SessionView {
  id: string;
  userId: string;
  username: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientIp: string | null;
  active: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
}

interface AuthRow {
  session_id: string;
  access_expires_at: Date;
  revoked_at: Date | null;
  user_id: string;
  username: string;
  authority_code: string;
  roles: string[];
  status: string;
}

interface SessionRow {
  id: string;
  user_id: string;
  username: string;
  created_at: Date;
  last_seen_at: Date;
  refresh_expires_at: Date;
  client_ip: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const invalidToken = (): AuthException =>
  new AuthException(
    'AUTH.INVALID_TOKEN',
    'Phiên đăng nhập không hợp lệ, đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại.',
    401,
  );

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Sessions of officials: a short-lived access token (AUTH_ACCESS_TOKEN_MINUTES) renewed by a
 * refresh token that rotates on every use, within an absolute session lifetime (AUTH_SESSION_HOURS).
 * Only SHA-256 hashes of tokens are stored; a forged token finds no row. Revocation is immediate,
 * because every request looks its token up (an official's request rate makes that cheap) instead
 * of trusting a self-contained signed token until it expires. A refresh token presented a second
 * time (it was rotated already, so someone else holds a copy) revokes the whole session.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async issue(
    tx: EntityManager,
    userId: string,
    client: { ip?: string | null; userAgent?: string | null },
  ): Promise<IssuedTokens> {
    const now = this.clock.now().getTime();
    const id = randomUUID();
    const t = this.newTokens(now);
    const refreshExpiresAt = new Date(now + this.config.AUTH_SESSION_HOURS * 3_600_000).toISOString();
    await tx.query(
      `INSERT INTO user_session (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at,
                                 created_at, last_seen_at, client_ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9)`,
      [
        id,
        userId,
        tokenHash(t.accessToken),
        t.accessExpiresAt,
        tokenHash(t.refreshToken),
        refreshExpiresAt,
        new Date(now).toISOString(),
        client.ip?.slice(0, 100) ?? null,
        client.userAgent?.slice(0, 300) ?? null,
      ],
    );
    return { sessionId: id, ...t, refreshExpiresAt };
  }

  /** The official behind an access token, or 401: forged, expired, revoked, or a disabled account. */
  async authenticate(accessToken: string): Promise<UserPrincipal> {
    if (!accessToken.startsWith(ACCESS_PREFIX) || accessToken.length > 200) throw invalidToken();
    const [row] = await rows<AuthRow>(
      this.dataSource,
      `SELECT s.id AS session_id, s.access_expires_at, s.revoked_at,
              u.id AS user_id, u.username, u.authority_code, u.roles, u.status
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.access_hash = $1`,
      [tokenHash(accessToken)],
    );
    const now = this.clock.now().getTime();
    if (!row || row.revoked_at || row.access_expires_at.getTime() <= now || row.status !== 'ACTIVE')
      throw invalidToken();
    const roles = row.roles.filter(isRoleName);
    return {
      userId: row.user_id,
      username: row.username,
      sessionId: row.session_id,
      authorityCode: row.authority_code,
      roles,
      permissions: permissionsOf(roles),
    };
  }

  /** New access and refresh tokens for a refresh token; the old pair stops working. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    if (!refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length > 200) throw invalidToken();
    const hash = tokenHash(refreshToken);
    const now = this.clock.now().getTime();
    const outcome = await this.dataSource.transaction(async (tx): Promise<IssuedTokens | null> => {
      const [s] = await rows<{
        id: string;
        user_id: string;
        refresh_hash: Buffer;
        refresh_expires_at: Date;
        revoked_at: Date | null;
        status: string;
      }>(
        tx,
        `SELECT s.id, s.user_id, s.refresh_hash, s.refresh_expires_at, s.revoked_at, u.status
           FROM user_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.refresh_hash = $1 OR s.previous_refresh_hash = $1
          FOR UPDATE OF s`,
        [hash],
      );
      if (!s) return null;
      if (!s.refresh_hash.equals(hash)) {
        await this.revokeIn(tx, s.id, 'SYSTEM', 'REFRESH_TOKEN_REUSED');
        await this.audit.append(
          [
            {
              actorType: 'USER',
              actorId: s.user_id,
              action: 'AUTH.REFRESH_TOKEN_REUSED',
              entityType: 'session',
              entityId: s.id,
            },
          ],
          tx,
        );
        return null;
      }
      if (s.revoked_at || s.refresh_expires_at.getTime() <= now || s.status !== 'ACTIVE') return null;
      const t = this.newTokens(now);
      await tx.query(
        `UPDATE user_session SET access_hash = $2, access_expires_at = $3, refresh_hash = $4,
                previous_refresh_hash = refresh_hash, last_seen_at = $5 WHERE id = $1`,
        [
          s.id,
          tokenHash(t.accessToken),
          t.accessExpiresAt,
          tokenHash(t.refreshToken),
          new Date(now).toISOString(),
        ],
      );
      return { sessionId: s.id, ...t, refreshExpiresAt: s.refresh_expires_at.toISOString() };
    });
    // Thrown after the transaction, so that a detected reuse stays revoked.
    if (!outcome) throw invalidToken();
    return outcome;
  }

  async revoke(sessionId: string, by: string, reason: string): Promise<boolean> {
    return this.dataSource.transaction((tx) => this.revokeIn(tx, sessionId, by, reason));
  }

  /** Ends the caller's own session, audited. */
  async logout(user: { userId: string; sessionId: string }): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const revoked = await this.revokeIn(tx, user.sessionId, user.userId, 'LOGOUT');
      await this.audit.append(
        [
          {
            actorType: 'USER',
            actorId: user.userId,
            action: 'AUTH.LOGOUT',
            entityType: 'session',
            entityId: user.sessionId,
          },
        ],
        tx,
      );
      return revoked;
    });
  }

  async revokeAllOfUser(tx: EntityManager, userId: string, by: string, reason: string): Promise<number> {
    const done = await changedRows<{ id: string }>(
      tx,
      `UPDATE user_session SET revoked_at = $2, revoked_by = $3, revoke_reason = $4
        WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, this.clock.now().toISOString(), by, reason],
    );
    return done.length;
  }

  async list(filter: { userId?: string; activeOnly?: boolean }): Promise<SessionView[]> {
    const now = this.clock.now().toISOString();
    const found = await rows<SessionRow>(
      this.dataSource,
      `SELECT s.id, s.user_id, u.username, s.created_at, s.last_seen_at, s.refresh_expires_at, s.client_ip,
              s.revoked_at, s.revoke_reason
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE ($1::uuid IS NULL OR s.user_id = $1)
          AND (NOT $2 OR (s.revoked_at IS NULL AND s.refresh_expires_at > $3))
        ORDER BY s.created_at DESC LIMIT 500`,
      [filter.userId ?? null, filter.activeOnly ?? false, now],
    );
    return found.map((s) => ({
      id: s.id,
      userId: s.user_id,
      username: s.username,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      expiresAt: s.refresh_expires_at.toISOString(),
      clientIp: s.client_ip,
      active: s.revoked_at === null && s.refresh_expires_at.getTime() > Date.parse(now),
      revokedAt: s.revoked_at?.toISOString() ?? null,
      revokeReason: s.revoke_reason,
    }));
  }

  private async revokeIn(
    tx: Pick<EntityManager, 'query'>,
    sessionId: string,
    by: string,
    reason: string,
  ): Promise<boolean> {
    const done = await changedRows<{ id: string }>(
      tx,
      `UPDATE user_session SET revoked_at = $2, revoked_by = $3, revoke_reason = $4
        WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, this.clock.now().toISOString(), by, reason],
    );
    return done.length > 0;
  }

  private newTokens(now: number): { accessToken: string; accessExpiresAt: string; refreshToken: string } {
    return {
      accessToken: ACCESS_PREFIX + randomBytes(32).toString('base64url'),
      accessExpiresAt: new Date(now + this.config.AUTH_ACCESS_TOKEN_MINUTES * 60_000).toISOString(),
      refreshToken: REFRESH_PREFIX + randomBytes(32).toString('base64url'),
    };
  }
}
