export type ActorType = 'SOURCE' | 'USER' | 'SYSTEM';

/** One line of the audit log. `details` must not hold personal data beyond identifiers. */
export interface AuditEntry {
  actorType: ActorType;
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  provinceCode?: string | null;
  correlationId?: string | null;
  details?: Record<string, unknown>;
}
