import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { rows } from '../database/sql.js';

export type AlertSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AlertKind =
  | 'FAILED_LOGIN_BURST'
  | 'ACCOUNT_LOCKED'
  | 'CROSS_JURISDICTION_ATTEMPT'
  | 'MASS_READ'
  | 'MASS_EXPORT'
  | 'SOURCE_OUTSIDE_PROVINCE';

export interface SecurityAlertView {
  id: string;
  raisedAt: string;
  kind: string;
  severity: AlertSeverity;
  actorType: string;
  actorId: string | null;
  provinceCode: string | null;
  message: string;
  details: Record<string, unknown>;
}

interface AlertInput {
  kind: AlertKind;
  severity: AlertSeverity;
  actorType: 'SOURCE' | 'USER' | 'SYSTEM' | 'ANONYMOUS';
  actorId: string | null;
  provinceCode?: string | null;
  message: string;
  details?: Record<string, unknown>;
}

/** Thresholds of the in-process sliding windows (per hub process). */
const FAILED_LOGINS_PER_IP = 20;
const READS_PER_USER_PER_HOUR = 500;
const EXPORTS_PER_USER_PER_HOUR = 20;
/** The same kind of alert about the same actor is raised at most once in this window. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Security alerts (issue 6, point 6): recorded with a severity and an audit entry, listed through the
 * API. Detectors: bursts of failed logins (an account locked; many failures from one address),
 * attempts outside one's jurisdiction, mass reads or exports by one user, a source submitting
 * outside its province. Messages name identifiers only, never personal data.
 */
@Injectable()
export class SecurityAlertService {
  private readonly logger = new Logger(SecurityAlertService.name);
  private readonly windows = new Map<string, number[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async onFailedLogin(e: {
    userId: string | null;
    authorityCode: string | null;
    clientIp: string | null;
    locked: boolean;
  }): Promise<void> {
    if (e.locked && e.userId)
      await this.raise({
        kind: 'ACCOUNT_LOCKED',
        severity: 'HIGH',
        actorType: 'USER',
        actorId: e.userId,
        message: `Tài khoản ${e.userId} bị tạm khóa sau nhiều lần đăng nhập sai liên tiếp.`,
        details: { authorityCode: e.authorityCode },
      });
    if (e.clientIp && this.count(`login:${e.clientIp}`, 5 * 60_000) >= FAILED_LOGINS_PER_IP)
      await this.raise({
        kind: 'FAILED_LOGIN_BURST',
        severity: 'HIGH',
        actorType: 'ANONYMOUS',
        actorId: e.clientIp,
        message: `Ít nhất ${FAILED_LOGINS_PER_IP} lần đăng nhập sai trong 5 phút từ địa chỉ ${e.clientIp}.`,
      });
  }

  async onJurisdictionDenied(e: {
    userId: string;
    authorityCode: string;
    entityType: string;
    entityId: string;
  }): Promise<void> {
    await this.raise({
      kind: 'CROSS_JURISDICTION_ATTEMPT',
      severity: 'MEDIUM',
      actorType: 'USER',
      actorId: e.userId,
      message: `Người dùng ${e.userId} (${e.authorityCode}) truy cập ${e.entityType} ${e.entityId} ngoài phạm vi thẩm quyền.`,
      details: { authorityCode: e.authorityCode, entityType: e.entityType, entityId: e.entityId },
    });
  }

  /** Call with the number of person records a user has just read or exported. */
  async onRecordsRead(userId: string, count: number, kind: 'READ' | 'EXPORT'): Promise<void> {
    const limit = kind === 'READ' ? READS_PER_USER_PER_HOUR : EXPORTS_PER_USER_PER_HOUR;
    const seen = this.count(`${kind}:${userId}`, 3_600_000, kind === 'READ' ? count : 1);
    if (seen < limit) return;
    await this.raise({
      kind: kind === 'READ' ? 'MASS_READ' : 'MASS_EXPORT',
      severity: 'HIGH',
      actorType: 'USER',
      actorId: userId,
      message:
        kind === 'READ'
          ? `Người dùng ${userId} đã đọc ${seen} hồ sơ cá nhân trong một giờ (ngưỡng ${limit}).`
          : `Người dùng ${userId} đã xuất dữ liệu ${seen} lần trong một giờ (ngưỡng ${limit}).`,
      details: { count: seen, threshold: limit },
    });
  }

  /** From a processed intake batch: records refused because their authority lies outside the source's province. */
  async onSourceOutsideProvince(
    source: { sourceId: string; provinceCode: string },
    itemIds: readonly string[],
    outcomes: ReadonlyMap<string, { status: string; errors?: ReadonlyArray<{ code: string }> }>,
  ): Promise<void> {
    const outside = itemIds.filter((id) =>
      outcomes.get(id)?.errors?.some((e) => e.code === 'AUTH.OUTSIDE_SOURCE_PROVINCE'),
    );
    if (outside.length === 0) return;
    await this.raise({
      kind: 'SOURCE_OUTSIDE_PROVINCE',
      severity: 'HIGH',
      actorType: 'SOURCE',
      actorId: source.sourceId,
      provinceCode: source.provinceCode,
      message: `Hệ thống nguồn ${source.sourceId} (tỉnh ${source.provinceCode}) gửi ${outside.length} hồ sơ của cơ quan đăng ký ngoài tỉnh được phép.`,
      details: { items: outside.slice(0, 20), count: outside.length },
    });
  }

  async list(filter: {
    provinceCode?: string | null;
    severity?: AlertSeverity;
    limit?: number;
  }): Promise<SecurityAlertView[]> {
    const found = await rows<{
      id: string;
      raised_at: Date;
      kind: string;
      severity: AlertSeverity;
      actor_type: string;
      actor_id: string | null;
      province_code: string | null;
      message: string;
      details: Record<string, unknown>;
    }>(
      this.dataSource,
      `SELECT id, raised_at, kind, severity, actor_type, actor_id, province_code, message, details
         FROM security_alert
        WHERE ($1::text IS NULL OR province_code = $1) AND ($2::text IS NULL OR severity = $2)
        ORDER BY raised_at DESC, id DESC LIMIT $3`,
      [filter.provinceCode ?? null, filter.severity ?? null, Math.min(filter.limit ?? 100, 1000)],
    );
    return found.map((a) => ({
      id: String(a.id),
      raisedAt: a.raised_at.toISOString(),
      kind: a.kind,
      severity: a.severity,
      actorType: a.actor_type,
      actorId: a.actor_id,
      provinceCode: a.province_code,
      message: a.message,
      details: a.details,
    }));
  }

  /** Records the alert unless the same kind about the same actor was raised within REPEAT_WINDOW_MS. */
  async raise(a: AlertInput): Promise<boolean> {
    const now = this.clock.now();
    const raised = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`alert:${a.kind}:${a.actorId ?? ''}`]);
      const recent = await rows(
        tx,
        `SELECT 1 FROM security_alert WHERE kind = $1 AND actor_id IS NOT DISTINCT FROM $2 AND raised_at > $3 LIMIT 1`,
        [a.kind, a.actorId, new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString()],
      );
      if (recent.length > 0) return false;
      const [row] = await rows<{ id: string }>(
        tx,
        `INSERT INTO security_alert (raised_at, kind, severity, actor_type, actor_id, province_code, message, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          now.toISOString(),
          a.kind,
          a.severity,
          a.actorType,
          a.actorId,
          a.provinceCode ?? null,
          a.message,
          a.details ?? {},
        ],
      );
      await this.audit.append(
        [
          {
            actorType: 'SYSTEM',
            actorId: 'security-alerts',
            action: 'SECURITY.ALERT_RAISED',
            entityType: 'security_alert',
            entityId: String(row.id),
            provinceCode: a.provinceCode ?? null,
            details: { kind: a.kind, severity: a.severity, actorType: a.actorType, actorId: a.actorId },
          },
        ],
        tx,
      );
      return true;
    });
    if (raised) this.logger.warn({ kind: a.kind, severity: a.severity }, 'security alert raised');
    return raised;
  }

  /** Adds `weight` events now to a sliding window and returns the count within `spanMs`. */
  private count(key: string, spanMs: number, weight = 1): number {
    const now = this.clock.now().getTime();
    const kept = (this.windows.get(key) ?? []).filter((t) => t > now - spanMs);
    for (let i = 0; i < Math.min(weight, 100_000); i++) kept.push(now);
    this.windows.set(key, kept);
    if (this.windows.size > 10_000) this.windows.delete(this.windows.keys().next().value as string);
    return kept.length;
  }
}
