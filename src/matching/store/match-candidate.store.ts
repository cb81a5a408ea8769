import { insertRows, rows, type Queryable } from '../../database/sql.js';
import { keyHash } from '../keys/blocking-keys.js';
import type { MatchProfile } from '../keys/match-profile.js';
import type { Candidate } from '../match-engine.js';

/** At most this many candidates per check: a key shared by more events than this is not a block. */
const MAX_CANDIDATES = 2000;

export interface KeyedCandidate extends Candidate {
  readonly keyHash: string;
}

/**
 * The register side of blocking: match_profile (one JSON profile per event) and match_key (hashed
 * blocking keys). One statement per batch of checks, through the (key_hash, event_id) primary key.
 */
export class MatchCandidateStore {
  async find(db: Queryable, keyHashes: readonly string[]): Promise<KeyedCandidate[]> {
    if (keyHashes.length === 0) return [];
    const found = await rows<{ key_hash: string; event_id: string; profile: unknown }>(
      db,
      `SELECT k.key_hash, k.event_id, p.profile
         FROM match_key k JOIN match_profile p ON p.event_id = k.event_id
        WHERE k.key_hash = ANY($1::bigint[])
        LIMIT ${MAX_CANDIDATES}`,
      [keyHashes],
    );
    return found.flatMap((r) => {
      const profile = asProfile(r.profile);
      return profile ? [{ keyHash: String(r.key_hash), eventId: r.event_id, profile }] : [];
    });
  }

  /** Files events under their keys (a re-indexed event loses its old keys first). */
  async index(
    db: Queryable,
    events: ReadonlyArray<{ eventId: string; profile: MatchProfile; keys: readonly string[] }>,
    { replace }: { replace: boolean } = { replace: false },
  ): Promise<void> {
    if (events.length === 0) return;
    if (replace) {
      await db.query('DELETE FROM match_key WHERE event_id = ANY($1::uuid[])', [
        events.map((e) => e.eventId),
      ]);
    }
    await insertRows(
      db,
      'match_profile',
      { event_id: 'uuid', event_type: 'text', profile: 'jsonb' },
      events.map((e) => ({ event_id: e.eventId, event_type: e.profile.eventType, profile: e.profile })),
      'ON CONFLICT (event_id) DO UPDATE SET event_type = EXCLUDED.event_type, profile = EXCLUDED.profile, indexed_at = now()',
    );
    await insertRows(
      db,
      'match_key',
      { key_hash: 'bigint', event_id: 'uuid' },
      events.flatMap((e) =>
        [...new Set(e.keys.map(keyHash))].map((h) => ({ key_hash: h, event_id: e.eventId })),
      ),
      'ON CONFLICT DO NOTHING',
    );
  }

  /** Pairs an officer decided were different events: not asked again. */
  async decidedDifferent(db: Queryable, fingerprints: readonly string[]): Promise<Set<string>> {
    if (fingerprints.length === 0) return new Set();
    const decided = await rows<{ fingerprint: string; event_id: string }>(
      db,
      `SELECT fingerprint, event_id FROM match_pair_decision
        WHERE fingerprint = ANY($1::text[]) AND decision = 'DIFFERENT'`,
      [fingerprints],
    );
    return new Set(decided.map((d) => `${d.fingerprint}>${d.event_id}`));
  }
}

/** Rows are our own, but still checked before use (CONVENTIONS.md: never cast stored data blindly). */
function asProfile(value: unknown): MatchProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Partial<MatchProfile>;
  return typeof p.eventType === 'string' && Array.isArray(p.subjects) && typeof p.place === 'object'
    ? (value as MatchProfile)
    : undefined;
}
