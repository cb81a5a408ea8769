import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/sql.js';
import type { AuditEntry } from './audit-entry.js';

/**
 * Appends to the audit log, in the caller's transaction when one is given so that a change and its
 * audit entry commit together. Many entries go in one statement (bulk intake writes one per record).
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entries: readonly AuditEntry[], db: Queryable = this.dataSource): Promise<void> {
    if (entries.length === 0) return;
    await db.query(
      `INSERT INTO audit_log (actor_type, actor_id, action, entity_type, entity_id, province_code, correlation_id, details)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
      [
        entries.map((e) => e.actorType),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.entityType ?? null),
        entries.map((e) => e.entityId ?? null),
        entries.map((e) => e.provinceCode ?? null),
        entries.map((e) => e.correlationId ?? null),
        entries.map((e) => JSON.stringify(e.details ?? {})),
      ],
    );
  }
}
