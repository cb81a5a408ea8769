import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActorType } from '../audit/audit-entry.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { eventScope, jurisdictionOf } from '../auth/jurisdiction/jurisdiction.js';
import { HubException } from '../common/errors/hub.exception.js';
import { insertRows, rows, type Queryable } from '../database/sql.js';

export type ChangeKind = 'CORRECTED' | 'UPDATED_BY_SOURCE' | 'MERGED';

/** One change to a registered event, as the province supervisor is told of it. */
export interface ChangeNoticeInput {
  eventId: string;
  eventVersion: number;
  eventType: string;
  changeKind: ChangeKind;
  reason: string;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  authorityCode: string;
  provinceCode: string | null;
  /** Field paths that changed (never their values), when known. */
  changedFields: readonly string[] | null;
}

export interface ChangeNoticeView {
  id: string;
  eventId: string;
  eventVersion: number;
  eventType: string;
  changeKind: ChangeKind;
  reason: string;
  actor: { type: ActorType; id: string | null; name: string | null };
  authorityCode: string;
  provinceCode: string | null;
  changedFields: string[] | null;
  /** An update from a source that replaced an official's correction: to be checked against the book. */
  overridesCorrection: boolean;
  createdAt: string;
  read: boolean;
}

/** The reason recorded for an update from a source system, which sends none of its own. */
export function sourceUpdateReason(sourceId: string): string {
  return `Cập nhật từ hệ thống nguồn ${sourceId}`;
}

/** The notice for a source's update of an event it sent earlier (register writer, update path). */
export function sourceUpdateNotice(
  sourceId: string,
  eventId: string,
  version: number,
  v: { record: { eventType: string }; authority: { code: string }; provinceCode: string | null },
): ChangeNoticeInput {
  return {
    eventId,
    eventVersion: version,
    eventType: v.record.eventType,
    changeKind: 'UPDATED_BY_SOURCE',
    reason: sourceUpdateReason(sourceId),
    actorType: 'SOURCE',
    actorId: sourceId,
    actorName: null,
    authorityCode: v.authority.code,
    provinceCode: v.provinceCode,
    changedFields: null,
  };
}

const MAX_LISTED = 500;

/**
 * Notices of changes to registered events for the province supervisors (issue 6, point 4). Written
 * in the transaction of the change itself, so a change is never saved without its notice.
 */
@Injectable()
export class ChangeNoticeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(db: Queryable, notices: readonly ChangeNoticeInput[]): Promise<void> {
    if (notices.length === 0) return;
    const overriding = await correctedBefore(db, notices);
    await insertRows(
      db,
      'event_change_notice',
      {
        id: 'uuid',
        event_id: 'uuid',
        event_version: 'int',
        event_type: 'text',
        change_kind: 'text',
        reason: 'text',
        actor_type: 'text',
        actor_id: 'text',
        actor_name: 'text',
        authority_code: 'text',
        province_code: 'text',
        changed_fields: 'jsonb',
        overrides_correction: 'boolean',
      },
      notices.map((n) => ({
        id: randomUUID(),
        event_id: n.eventId,
        event_version: n.eventVersion,
        event_type: n.eventType,
        change_kind: n.changeKind,
        reason: n.reason,
        actor_type: n.actorType,
        actor_id: n.actorId,
        actor_name: n.actorName,
        authority_code: n.authorityCode,
        province_code: n.provinceCode,
        changed_fields: n.changedFields,
        overrides_correction:
          n.changeKind === 'UPDATED_BY_SOURCE' && overriding.has(`${n.eventId}:${n.eventVersion - 1}`),
      })),
    );
  }

  /** Newest first, within the reader's jurisdiction (a Sở Tư pháp: its province; the Ministry: all). */
  async list(
    user: UserPrincipal,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<{ notices: ChangeNoticeView[]; unread: number }> {
    const scope = eventScope(jurisdictionOf(user), 'n', 2);
    const limit = Math.min(Math.max(1, options.limit), MAX_LISTED);
    const found = await rows<NoticeRow>(
      this.dataSource,
      `SELECT n.id, n.event_id, n.event_version, n.event_type, n.change_kind, n.reason, n.actor_type,
              n.actor_id, n.actor_name, n.authority_code, n.province_code, n.changed_fields,
              n.overrides_correction, n.created_at, (r.notice_id IS NOT NULL) AS read
         FROM event_change_notice n
         LEFT JOIN event_change_notice_read r ON r.notice_id = n.id AND r.user_id = $1
        WHERE ${scope.sql} ${options.unreadOnly ? 'AND r.notice_id IS NULL' : ''}
        ORDER BY n.created_at DESC, n.id
        LIMIT ${limit}`,
      [user.userId, ...scope.params],
    );
    const [count] = await rows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM event_change_notice n
         LEFT JOIN event_change_notice_read r ON r.notice_id = n.id AND r.user_id = $1
        WHERE ${scope.sql} AND r.notice_id IS NULL`,
      [user.userId, ...scope.params],
    );
    return { notices: found.map(toView), unread: count?.n ?? 0 };
  }

  /** Marks one notice read for this reader. Outside the jurisdiction it does not exist. */
  async markRead(user: UserPrincipal, id: string): Promise<void> {
    const scope = eventScope(jurisdictionOf(user), 'n', 3);
    const inserted = await rows<{ notice_id: string }>(
      this.dataSource,
      `INSERT INTO event_change_notice_read (notice_id, user_id)
       SELECT n.id, $2 FROM event_change_notice n WHERE n.id = $1 AND ${scope.sql}
       ON CONFLICT (notice_id, user_id) DO UPDATE SET read_at = event_change_notice_read.read_at
       RETURNING notice_id`,
      [id, user.userId, ...scope.params],
    );
    if (inserted.length === 0)
      throw new HubException('CHANGE.NOTICE_NOT_FOUND', `Không tìm thấy thông báo ${id}.`, 404, { id });
  }
}

/** `eventId:version` of the versions just before these changes that were officials' corrections. */
async function correctedBefore(db: Queryable, notices: readonly ChangeNoticeInput[]): Promise<Set<string>> {
  const updates = notices.filter((n) => n.changeKind === 'UPDATED_BY_SOURCE');
  if (updates.length === 0) return new Set();
  const found = await rows<{ event_id: string; version: number }>(
    db,
    `SELECT v.event_id, v.version FROM civil_event_version v
       JOIN unnest($1::uuid[], $2::int[]) AS k(e, n) ON v.event_id = k.e AND v.version = k.n
      WHERE v.change_kind = 'CORRECTED'`,
    [updates.map((n) => n.eventId), updates.map((n) => n.eventVersion - 1)],
  );
  return new Set(found.map((r) => `${r.event_id}:${r.version}`));
}

interface NoticeRow {
  id: string;
  event_id: string;
  event_version: number;
  event_type: string;
  change_kind: ChangeKind;
  reason: string;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string | null;
  authority_code: string;
  province_code: string | null;
  changed_fields: string[] | null;
  overrides_correction: boolean;
  created_at: Date;
  read: boolean;
}

function toView(r: NoticeRow): ChangeNoticeView {
  return {
    id: r.id,
    eventId: r.event_id,
    eventVersion: r.event_version,
    eventType: r.event_type,
    changeKind: r.change_kind,
    reason: r.reason,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    authorityCode: r.authority_code,
    provinceCode: r.province_code,
    changedFields: r.changed_fields,
    overridesCorrection: r.overrides_correction,
    createdAt: new Date(r.created_at).toISOString(),
    read: r.read,
  };
}
