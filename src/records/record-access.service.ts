import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityAlertService } from '../alerts/security-alert.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { eventWithin, jurisdictionOf } from '../auth/jurisdiction/jurisdiction.js';
import { HubException } from '../common/errors/hub.exception.js';
import { rows } from '../database/sql.js';

export interface EventPartyView {
  role: string;
  fullName: string;
  sex: string | null;
  birthDate: string | null;
  personalIdNumber: string | null;
}

export interface EventView {
  id: string;
  eventType: string;
  status: string;
  authorityCode: string;
  provinceCode: string | null;
  registerRef: { book: string; entry: string; year: number; registeredOn: string };
  version: number;
  parties: EventPartyView[];
}

export interface PinLookupHit {
  eventId: string;
  eventType: string;
  role: string;
  authorityCode: string;
  registeredOn: string;
  fullName: string;
}

const PIN = /^\d{12}$|^\d{9}$/;

const notFound = (id: string): HubException =>
  new HubException('RECORD.NOT_FOUND', `Không tìm thấy sự kiện hộ tịch ${id}.`, 404, { id });

/**
 * Officials' reads of registered events, scoped by jurisdiction. An event outside the reader's
 * jurisdiction answers exactly as one that does not exist (its existence is not leaked), and the
 * attempt is audited and raised as an alert. Every successful read of a person's record is audited.
 */
@Injectable()
export class RecordAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly alerts: SecurityAlertService,
  ) {}

  async readEvent(user: UserPrincipal, id: string, correlationId: string | null): Promise<EventView> {
    const [e] = await rows<{
      id: string;
      event_type: string;
      status: string;
      authority_code: string;
      province_code: string | null;
      register_book: string;
      register_entry: string;
      register_year: number;
      registered_on: string;
      version: number;
    }>(
      this.dataSource,
      `SELECT id, event_type, status, authority_code, province_code, register_book, register_entry, register_year,
              registered_on::text AS registered_on, version
         FROM civil_event WHERE id = $1`,
      [id],
    );
    if (!e) throw notFound(id);
    if (
      !eventWithin(jurisdictionOf(user), { authorityCode: e.authority_code, provinceCode: e.province_code })
    ) {
      await this.audit.append([
        {
          actorType: 'USER',
          actorId: user.userId,
          action: 'ACCESS.OUTSIDE_JURISDICTION',
          entityType: 'civil_event',
          entityId: id,
          provinceCode: e.province_code,
          correlationId,
          details: { userAuthority: user.authorityCode },
        },
      ]);
      await this.alerts.onJurisdictionDenied({
        userId: user.userId,
        authorityCode: user.authorityCode,
        entityType: 'civil_event',
        entityId: id,
      });
      throw notFound(id);
    }
    const parties = await rows<{
      role: string;
      full_name: string;
      sex: string | null;
      birth_date: string | null;
      personal_id_number: string | null;
    }>(
      this.dataSource,
      'SELECT role, full_name, sex, birth_date, personal_id_number FROM party WHERE event_id = $1 ORDER BY ordinal',
      [id],
    );
    await this.audit.append([
      {
        actorType: 'USER',
        actorId: user.userId,
        action: 'RECORD.READ',
        entityType: 'civil_event',
        entityId: id,
        provinceCode: e.province_code,
        correlationId,
        details: { parties: parties.length },
      },
    ]);
    await this.alerts.onRecordsRead(user.userId, Math.max(1, parties.length), 'READ');
    return {
      id: e.id,
      eventType: e.event_type,
      status: e.status,
      authorityCode: e.authority_code,
      provinceCode: e.province_code,
      registerRef: {
        book: e.register_book,
        entry: e.register_entry,
        year: e.register_year,
        registeredOn: e.registered_on,
      },
      version: e.version,
      parties: parties.map((p) => ({
        role: p.role,
        fullName: p.full_name,
        sex: p.sex,
        birthDate: p.birth_date,
        personalIdNumber: p.personal_id_number,
      })),
    };
  }

  /**
   * Exact personal-ID lookup across jurisdictions, for registration work only (the law requires
   * checking a person's earlier registrations wherever they were made). Logged as such.
   */
  async lookupByPin(
    user: UserPrincipal,
    pin: string,
    purpose: string | undefined,
    correlationId: string | null,
  ): Promise<PinLookupHit[]> {
    if (purpose !== 'REGISTRATION')
      throw new HubException(
        'RECORD.LOOKUP_PURPOSE_REQUIRED',
        'Tra cứu theo số định danh cá nhân chỉ dùng cho công việc đăng ký hộ tịch: gửi "purpose": "REGISTRATION".',
        400,
        { field: 'purpose' },
      );
    if (!PIN.test(pin))
      throw new HubException(
        'RECORD.INVALID_PIN',
        'Số định danh cá nhân phải gồm đúng 12 chữ số (hoặc 9 chữ số với chứng minh nhân dân cũ).',
        400,
        { field: 'pin' },
      );
    const hits = await rows<{
      event_id: string;
      event_type: string;
      role: string;
      authority_code: string;
      province_code: string | null;
      registered_on: string;
      full_name: string;
    }>(
      this.dataSource,
      `SELECT e.id AS event_id, e.event_type, p.role, e.authority_code, e.province_code, e.registered_on::text AS registered_on, p.full_name
         FROM party p JOIN civil_event e ON e.id = p.event_id
        WHERE p.personal_id_number = $1 AND e.status = 'REGISTERED'
        ORDER BY e.registered_on LIMIT 100`,
      [pin],
    );
    await this.audit.append([
      {
        actorType: 'USER',
        actorId: user.userId,
        action: 'PERSON.LOOKUP_BY_PIN',
        entityType: 'person',
        // The number itself is personal data: the audit keeps which events were shown, not the number.
        correlationId,
        details: {
          purpose: 'REGISTRATION',
          events: hits.map((h) => h.event_id),
          outsideJurisdiction: hits.filter(
            (h) =>
              !eventWithin(jurisdictionOf(user), {
                authorityCode: h.authority_code,
                provinceCode: h.province_code,
              }),
          ).length,
        },
      },
    ]);
    await this.alerts.onRecordsRead(user.userId, Math.max(1, hits.length), 'READ');
    return hits.map((h) => ({
      eventId: h.event_id,
      eventType: h.event_type,
      role: h.role,
      authorityCode: h.authority_code,
      registeredOn: h.registered_on,
      fullName: h.full_name,
    }));
  }
}
