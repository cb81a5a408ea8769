import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertRows, type Queryable } from '../database/sql.js';
import type { AuditEntry } from './audit-entry.js';

/**
 * Appends to the audit log, in the caller's transaction when one is given so that a change and its
 * audit entry commit together. Many entries go in one statement (bulk intake writes one per record).
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entries: readonly AuditEntry[], db: Queryable = this.dataSource): Promise<void> {
    await insertRows(
      db,
      'audit_log',
      {
        actor_type: 'text',
        actor_id: 'text',
        action: 'text',
        entity_type: 'text',
        entity_id: 'text',
        province_code: 'text',
        correlation_id: 'text',
        details: 'jsonb',
      },
      entries.map((e) => ({
        actor_type: e.actorType,
        actor_id: e.actorId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        province_code: e.provinceCode,
        correlation_id: e.correlationId,
        details: e.details ?? {},
      })),
    );
  }
}
