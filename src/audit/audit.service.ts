import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { insertRows, type Queryable } from '../database/sql.js';
import { AuditSealerService } from './audit-sealer.service.js';
import type { AuditEntry } from './audit-entry.js';

const CONTENT_COLUMNS = {
  actor_type: 'text',
  actor_id: 'text',
  action: 'text',
  entity_type: 'text',
  entity_id: 'text',
  province_code: 'text',
  correlation_id: 'text',
  details: 'jsonb',
} as const;

/**
 * Appends to the audit log, in the caller's transaction when one is given so that a change and its
 * audit entry commit together. An append only inserts the entries' content (the database gives the
 * id, the time and the inserting transaction): no lock, so concurrent writers never queue on each
 * other. The sealer chains committed entries (numbers and hashes) shortly after; an entry is
 * readable in audit_log as soon as its transaction commits, and chained within a second.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealer: AuditSealerService,
  ) {}

  /** With `db`, inside that transaction; without, committed (durable) before the promise resolves. */
  async append(entries: readonly AuditEntry[], db?: Queryable): Promise<void> {
    if (entries.length === 0) return;
    await insertRows(
      db ?? this.dataSource,
      'audit_log',
      CONTENT_COLUMNS,
      entries.map((e) => ({
        actor_type: e.actorType,
        actor_id: e.actorId,
        action: e.action,
        entity_type: e.entityType ?? null,
        entity_id: e.entityId ?? null,
        province_code: e.provinceCode ?? null,
        correlation_id: e.correlationId ?? null,
        details: e.details ?? {},
      })),
    );
    this.sealer.wake();
  }
}
