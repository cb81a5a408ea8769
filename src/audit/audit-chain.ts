import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/util/canonical-json.js';
import type { ActorType } from './audit-entry.js';

/** The hash the first entry of the chain links to. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** One audit row as stored and as hashed: every column the chain protects. */
export interface ChainedAuditRow {
  seq: number;
  /**
   * The content row's id (audit_log.id), covered by the hash of entries chained through audit_link.
   * Null for entries of the first chain (migration 1763830000000), whose hash does not cover it.
   */
  id: string | null;
  occurredAt: string; // ISO 8601, UTC, milliseconds (what a timestamptz written from it reads back as)
  actorType: ActorType;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  provinceCode: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
  prevHash: Buffer;
  hash: Buffer;
}

export type UnhashedAuditRow = Omit<ChainedAuditRow, 'hash'>;

/**
 * The canonical serialisation an entry's hash is taken of: a JSON array of the sequence number, the
 * previous entry's hash, the content row's id (when covered), and the columns in a fixed order
 * (details with keys sorted at every level, as jsonb gives them back in another order). Changing
 * any column, renumbering (reordering), relinking an entry or pointing its link at another content
 * row changes its hash.
 */
export function canonicalAuditLine(row: UnhashedAuditRow): string {
  const id = row.id === null ? '' : `${JSON.stringify(row.id)},`;
  return `[${row.seq},${JSON.stringify(row.prevHash.toString('hex'))},${id}${JSON.stringify(row.occurredAt)},${JSON.stringify(
    [
      row.actorType,
      row.actorId,
      row.action,
      row.entityType,
      row.entityId,
      row.provinceCode,
      row.correlationId,
    ],
  ).slice(1, -1)},${canonicalJson(row.details)}]`;
}

export function hashAuditRow(row: UnhashedAuditRow): Buffer {
  return createHash('sha256').update(canonicalAuditLine(row), 'utf8').digest();
}

/** Why a link of the chain is broken, as the verifier reports it. */
export type ChainBreak =
  | { kind: 'GAP'; expectedSeq: number; foundSeq: number }
  | { kind: 'PREV_HASH_MISMATCH'; seq: number }
  | { kind: 'HASH_MISMATCH'; seq: number };

/** Hashes entries continuing a chain whose last hash is `prevHash`, numbered from `firstSeq`. */
export function linkEntries(
  entries: ReadonlyArray<Omit<UnhashedAuditRow, 'seq' | 'prevHash'> & { hash?: Buffer }>,
  firstSeq: number,
  prevHash: Buffer,
): ChainedAuditRow[] {
  let prev = prevHash;
  return entries.map((e, i) => {
    const row: UnhashedAuditRow = { ...e, seq: firstSeq + i, prevHash: prev };
    prev = hashAuditRow(row);
    return { ...row, hash: prev };
  });
}

/**
 * Checks rows (in seq order) continuing a chain whose last verified entry had `lastSeq` / `lastHash`.
 * Returns the first break, or the new last seq and hash.
 */
export function checkLinks(
  rows: readonly ChainedAuditRow[],
  lastSeq: number,
  lastHash: Buffer,
): { ok: true; lastSeq: number; lastHash: Buffer } | { ok: false; brk: ChainBreak } {
  let seq = lastSeq;
  let hash = lastHash;
  for (const row of rows) {
    if (row.seq !== seq + 1)
      return { ok: false, brk: { kind: 'GAP', expectedSeq: seq + 1, foundSeq: row.seq } };
    if (!row.prevHash.equals(hash)) return { ok: false, brk: { kind: 'PREV_HASH_MISMATCH', seq: row.seq } };
    if (!hashAuditRow(row).equals(row.hash))
      return { ok: false, brk: { kind: 'HASH_MISMATCH', seq: row.seq } };
    seq = row.seq;
    hash = row.hash;
  }
  return { ok: true, lastSeq: seq, lastHash: hash };
}
