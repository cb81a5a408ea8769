import type { ChainedAuditRow } from './audit-chain.js';
import type { ActorType } from './audit-entry.js';

/**
 * The content columns of audit_log (alias `l`) as the chain hashes them. Shared by the sealer and
 * the verifier, so both hash exactly the same reading of a row. Time is ISO text from the server, to
 * the microsecond: parsing into Dates was a visible share of the walk, and a Date would drop
 * microseconds, hiding a time changed by less than a millisecond.
 */
export const CONTENT_SELECT = `l.id, to_char(l.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  l.actor_type, l.actor_id, l.action, l.entity_type, l.entity_id, l.province_code, l.correlation_id, l.details`;

export interface ContentRow {
  /** Null when a link's content row is gone (the verifier's outer join). */
  id: string | null;
  occurred_at: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  province_code: string | null;
  correlation_id: string | null;
  details: Record<string, unknown> | null;
}

const NO_HASH = Buffer.alloc(0);

/**
 * A row as hashed, with its link (number, previous hash, hash) when it has one; `coversId` false for
 * entries of the first chain (1763830000000). One object literal: spreading a content object into a
 * chained one cost the verifier more than hashing (2.2 s of 200,000 rows against 0.3 s).
 */
export function chainedRowOf(
  r: ContentRow,
  coversId: boolean,
  link: { seq: number; prevHash: Buffer | null; hash: Buffer | null } = {
    seq: 0,
    prevHash: null,
    hash: null,
  },
): ChainedAuditRow {
  const at = r.occurred_at ?? '';
  return {
    seq: link.seq,
    id: coversId ? (r.id ?? '') : null,
    // Written with milliseconds by the first chain: ".123000Z" reads back as ".123Z"; any other
    // microseconds stay and fail the hash.
    occurredAt: at.endsWith('000Z') ? `${at.slice(0, -4)}Z` : at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    provinceCode: r.province_code,
    correlationId: r.correlation_id,
    details: r.details ?? {},
    prevHash: link.prevHash ?? NO_HASH,
    hash: link.hash ?? NO_HASH,
  };
}
