import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SecurityAlertService } from '../alerts/security-alert.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { eventWithin, jurisdictionOf } from '../auth/jurisdiction/jurisdiction.js';
import { HubException } from '../common/errors/hub.exception.js';
import { rows } from '../database/sql.js';
import { IdentityIndex, loadClashing } from '../register/identity-guards.js';
import { insertOutbox, insertVersions, replaceParties, updateEvent } from '../register/register-rows.js';
import type { RecordError } from '../validation/record-error.js';
import { RecordValidationService, type ValidatedRecord } from '../validation/record-validation.service.js';
import { ChangeNoticeService } from './change-notice.service.js';
import type { CorrectionRequest } from './correction-request.js';
import { diffRecords, type FieldDifference } from './record-diff.js';

export interface CorrectionResult {
  eventId: string;
  changeKind: 'CORRECTED';
  previousVersion: number;
  version: number;
  differences: FieldDifference[];
}

interface EventRow {
  id: string;
  status: string;
  authority_code: string;
  province_code: string | null;
  source_id: string | null;
  source_record_id: string | null;
  source_province_code: string | null;
  version: number;
  content_hash: string;
}

const notFound = (id: string): HubException =>
  new HubException('RECORD.NOT_FOUND', `Không tìm thấy sự kiện hộ tịch ${id}.`, 404, { id });

const invalid = (errors: RecordError[]): HubException =>
  new HubException(
    'CHANGE.INVALID_RECORD',
    `Hồ sơ đã cải chính chưa hợp lệ (${errors.length} lỗi); sửa các trường được nêu rồi gửi lại. Chưa có gì được thay đổi.`,
    422,
    { errors },
  );

/**
 * An official's correction of a registered event (issue 6, point 4): the whole corrected record and
 * a reason. Without confirmation it only answers what would change and warns; confirmed, it writes
 * version n+1 (the history is append-only, version n stays), the event and its parties as the
 * source-update path does, the audit entry with the reason, the outbox message for the population
 * database and the notice to the province supervisor, in one transaction.
 */
@Injectable()
export class EventCorrectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly validation: RecordValidationService,
    private readonly audit: AuditService,
    private readonly alerts: SecurityAlertService,
    private readonly notices: ChangeNoticeService,
  ) {}

  /** Resolves the event within the official's jurisdiction first: outside it, as if it did not exist. */
  async correct(
    user: UserPrincipal,
    eventId: string,
    parse: () => CorrectionRequest,
    correlationId: string | null,
  ): Promise<CorrectionResult> {
    await this.assertWithin(user, eventId, correlationId);
    const request = parse();
    return this.dataSource.transaction((tx) => this.correctIn(tx, user, eventId, request, correlationId));
  }

  private async correctIn(
    tx: EntityManager,
    user: UserPrincipal,
    eventId: string,
    request: CorrectionRequest,
    correlationId: string | null,
  ): Promise<CorrectionResult> {
    const event = await loadEvent(tx, eventId, true);
    // Checked again under the lock: a concurrent change may have moved the event meanwhile.
    if (
      !event ||
      !eventWithin(jurisdictionOf(user), {
        authorityCode: event.authority_code,
        provinceCode: event.province_code,
      })
    )
      throw notFound(eventId);
    if (event.status !== 'REGISTERED')
      throw new HubException(
        'CHANGE.EVENT_NOT_REGISTERED',
        `Sự kiện hộ tịch ${eventId} đã bị hủy (${event.status}); không cải chính được.`,
        409,
        { id: eventId },
      );
    const v = await this.validateCorrection(event, request.record);
    if (!eventWithin(jurisdictionOf(user), { authorityCode: v.authority.code, provinceCode: v.provinceCode }))
      throw invalid([
        {
          path: 'registerRef.authorityCode',
          code: 'CHANGE.OUTSIDE_JURISDICTION',
          message: `Bản cải chính chuyển sự kiện sang cơ quan ${v.authority.code}, ngoài phạm vi thẩm quyền của bạn.`,
        },
      ]);
    if (v.contentHash === event.content_hash)
      throw new HubException(
        'CHANGE.NO_DIFFERENCE',
        'Hồ sơ gửi lên giống hệt phiên bản đang lưu; không có gì để cải chính.',
        422,
        { id: eventId, version: event.version },
      );
    const verdict = new IdentityIndex(await loadClashing(tx, [v])).judge(v, eventId);
    if (verdict.kind === 'REFUSED') throw invalid(verdict.errors);
    if (verdict.kind === 'SAME_AS')
      throw invalid([
        {
          path: 'registerRef.entryNumber',
          code: 'REGISTER.REFERENCE_TAKEN',
          message: `Bản cải chính trùng với một sự kiện đã đăng ký khác (mã đăng ký hiện có: ${verdict.eventId}).`,
          existingEventId: verdict.eventId,
        },
      ]);
    const differences = diffRecords(await currentRecord(tx, eventId, event.version), v.record);
    const next = event.version + 1;
    if (!request.confirm)
      throw new HubException(
        'CHANGE.CONFIRMATION_REQUIRED',
        `Cảnh báo: bạn sắp thay đổi sự kiện hộ tịch đã đăng ký (${differences.length} trường, phiên bản ${event.version} → ${next}). ` +
          'Phiên bản hiện tại được giữ lại trong lịch sử và Sở Tư pháp tỉnh sẽ được thông báo. ' +
          'Kiểm tra các thay đổi rồi gửi lại với "confirm": true để lưu.',
        409,
        { id: eventId, currentVersion: event.version, nextVersion: next, differences },
      );
    if (request.expectedVersion !== null && request.expectedVersion !== event.version)
      throw new HubException(
        'CHANGE.VERSION_CHANGED',
        `Sự kiện đã được thay đổi sau khi bạn xem trước (phiên bản hiện tại ${event.version}, bạn xem phiên bản ${request.expectedVersion}); hãy xem trước lại.`,
        409,
        { id: eventId, currentVersion: event.version },
      );
    await this.write(tx, user, eventId, v, next, request.reason, differences, correlationId);
    return { eventId, changeKind: 'CORRECTED', previousVersion: event.version, version: next, differences };
  }

  /** The hub's validation, as if the event's own source had sent the corrected record. */
  private async validateCorrection(
    event: EventRow,
    record: Record<string, unknown>,
  ): Promise<ValidatedRecord> {
    const source = record.source as { sourceId?: unknown; sourceRecordId?: unknown } | undefined;
    if (
      !event.source_id ||
      !event.source_province_code ||
      source?.sourceId !== event.source_id ||
      source.sourceRecordId !== event.source_record_id
    )
      throw invalid([
        {
          path: 'source',
          code: 'CHANGE.SOURCE_IMMUTABLE',
          message: `Cải chính không đổi nguồn của sự kiện: giữ "source.sourceId" = "${event.source_id ?? ''}" và "source.sourceRecordId" = "${event.source_record_id ?? ''}".`,
        },
      ]);
    const result = await this.validation.validate(record, {
      sourceId: event.source_id,
      provinceCode: event.source_province_code,
    });
    if (!result.ok) throw invalid(result.errors);
    // Stored in the version row in full: no intake item holds this record.
    return { ...result.value, sameAsReceived: false };
  }

  private async write(
    tx: EntityManager,
    user: UserPrincipal,
    eventId: string,
    v: ValidatedRecord,
    version: number,
    reason: string,
    differences: readonly FieldDifference[],
    correlationId: string | null,
  ): Promise<void> {
    const changedFields = differences.map((d) => d.path);
    await updateEvent(tx, eventId, v, version);
    await insertVersions(tx, [
      { eventId, version, changeKind: 'CORRECTED', value: v, intakeItemId: null, reason },
    ]);
    await replaceParties(tx, [{ eventId, value: v }], { existing: true });
    await insertOutbox(tx, [
      { messageId: randomUUID(), eventId, version, messageType: `${v.record.eventType}.UPDATED` },
    ]);
    await this.audit.append(
      [
        {
          actorType: 'USER',
          actorId: user.userId,
          action: 'REGISTER.EVENT_CORRECTED',
          entityType: 'civil_event',
          entityId: eventId,
          provinceCode: v.provinceCode,
          correlationId,
          // Field paths, not values: the audit holds identifiers only.
          details: {
            version,
            previousVersion: version - 1,
            eventType: v.record.eventType,
            reason,
            changedFields,
          },
        },
      ],
      tx,
    );
    await this.notices.record(tx, [
      {
        eventId,
        eventVersion: version,
        eventType: v.record.eventType,
        changeKind: 'CORRECTED',
        reason,
        actorType: 'USER',
        actorId: user.userId,
        actorName: user.username,
        authorityCode: v.authority.code,
        provinceCode: v.provinceCode,
        changedFields,
      },
    ]);
  }

  private async assertWithin(
    user: UserPrincipal,
    eventId: string,
    correlationId: string | null,
  ): Promise<void> {
    const event = await loadEvent(this.dataSource, eventId, false);
    if (!event) throw notFound(eventId);
    if (
      eventWithin(jurisdictionOf(user), {
        authorityCode: event.authority_code,
        provinceCode: event.province_code,
      })
    )
      return;
    await this.audit.append([
      {
        actorType: 'USER',
        actorId: user.userId,
        action: 'ACCESS.OUTSIDE_JURISDICTION',
        entityType: 'civil_event',
        entityId: eventId,
        provinceCode: event.province_code,
        correlationId,
        details: { userAuthority: user.authorityCode, attempted: 'CORRECT' },
      },
    ]);
    await this.alerts.onJurisdictionDenied({
      userId: user.userId,
      authorityCode: user.authorityCode,
      entityType: 'civil_event',
      entityId: eventId,
    });
    throw notFound(eventId);
  }
}

async function loadEvent(
  db: Pick<EntityManager, 'query'>,
  id: string,
  lock: boolean,
): Promise<EventRow | undefined> {
  const [e] = await rows<EventRow>(
    db,
    `SELECT e.id, e.status, e.authority_code, e.province_code, e.source_id, e.source_record_id,
            s.province_code AS source_province_code, e.version, e.content_hash
       FROM civil_event e LEFT JOIN source s ON s.id = e.source_id
      WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`,
    [id],
  );
  return e;
}

/** The record of the event's current version: stored in the version row, or the intake payload it points at. */
async function currentRecord(
  db: Pick<EntityManager, 'query'>,
  eventId: string,
  version: number,
): Promise<unknown> {
  const [r] = await rows<{ record: unknown }>(
    db,
    `SELECT COALESCE(v.record, p.payload) AS record
       FROM civil_event_version v LEFT JOIN intake_payload p ON p.item_id = v.intake_item_id
      WHERE v.event_id = $1 AND v.version = $2`,
    [eventId, version],
  );
  return r?.record ?? null;
}
