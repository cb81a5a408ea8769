import { insertRows, rows, type Queryable } from '../../database/sql.js';
import { keyHash } from '../keys/blocking-keys.js';
import type { MatchProfile } from '../keys/match-profile.js';
import { decodeProfile, encodeProfile } from '../keys/profile-codec.js';
import type { Candidate } from '../match-engine.js';

/** At most this many events per key: a key shared by more events than this is no block at all. */
const MAX_PER_KEY = 200;
/**
 * Keys per statement. With thousands of keys in one array the planner prefers a hash join over a
 * sequential scan of match_key, and its cost estimate turns on JIT compilation (hundreds of ms); in
 * slices of this size each key is one index probe and the statement stays under the JIT threshold.
 */
const KEYS_PER_STATEMENT = 2000;

/**
 * The candidates filed under any of the keys ($1), one row per event with the keys it was found
 * under as text ('123 456': the driver's parser for a bigint[] cost more than the look-up's rows).
 * The LATERAL subquery makes each key an index probe whatever the statistics say.
 */
export const CANDIDATES_SQL = `SELECT p.event_id, k.keys, p.profile
   FROM (SELECT m.event_id, string_agg(m.key_hash::text, ' ') AS keys
           FROM unnest($1::bigint[]) AS q(h)
           CROSS JOIN LATERAL (SELECT key_hash, event_id FROM match_key
                                WHERE key_hash = q.h LIMIT ${MAX_PER_KEY}) m
          GROUP BY m.event_id) k
   JOIN match_profile p ON p.event_id = k.event_id`;

export const INDEXED_SINCE_SQL = `SELECT p.event_id, k.keys, p.profile
   FROM (SELECT m.event_id, string_agg(m.key_hash::text, ' ') AS keys
           FROM match_profile r JOIN match_key m ON m.event_id = r.event_id
          WHERE r.indexed_seq > $1::bigint AND m.key_hash = ANY($2::bigint[])
          GROUP BY m.event_id) k
   JOIN match_profile p ON p.event_id = k.event_id`;

export interface KeyedCandidate extends Candidate {
  readonly keyHashes: readonly string[];
}

/**
 * The register side of blocking: match_profile (one JSON profile per event) and match_key (hashed
 * blocking keys), read through the (key_hash, event_id) primary key. The LATERAL subquery makes each
 * key an index probe whatever the statistics say: never a scan of the register (issue 4, point 2).
 */
export class MatchCandidateStore {
  async find(db: Queryable, keyHashes: readonly string[]): Promise<KeyedCandidate[]> {
    const out: KeyedCandidate[] = [];
    for (let i = 0; i < keyHashes.length; i += KEYS_PER_STATEMENT) {
      // One row per event, with the keys it was found under: an event found under five keys is
      // parsed once, not five times.
      const found = await rows<{ event_id: string; keys: string; profile: unknown }>(db, CANDIDATES_SQL, [
        keyHashes.slice(i, i + KEYS_PER_STATEMENT),
      ]);
      for (const r of found) {
        const profile = decodeProfile(r.profile);
        if (profile) out.push({ keyHashes: r.keys.split(' '), eventId: r.event_id, profile });
      }
    }
    return out;
  }

  /** The highest indexed_seq committed so far ('0' for an index filled before the sequence). */
  async indexMark(db: Queryable): Promise<string> {
    const [row] = await rows<{ mark: string }>(
      db,
      'SELECT coalesce(max(indexed_seq), 0)::text AS mark FROM match_profile',
    );
    return row?.mark ?? '0';
  }

  /**
   * Candidates indexed after `mark` under any of the keys: what concurrent transactions registered
   * while a batch was being checked. Read from the indexed_seq index (the few events indexed since),
   * not by probing every key again.
   */
  async indexedSince(db: Queryable, mark: string, keyHashes: readonly string[]): Promise<KeyedCandidate[]> {
    if (keyHashes.length === 0) return [];
    const found = await rows<{ event_id: string; keys: string; profile: unknown }>(db, INDEXED_SINCE_SQL, [
      mark,
      keyHashes,
    ]);
    const out: KeyedCandidate[] = [];
    for (const r of found) {
      const profile = decodeProfile(r.profile);
      if (profile) out.push({ keyHashes: r.keys.split(' '), eventId: r.event_id, profile });
    }
    return out;
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
      events.map((e) => ({
        event_id: e.eventId,
        event_type: e.profile.eventType,
        profile: encodeProfile(e.profile),
      })),
      `ON CONFLICT (event_id) DO UPDATE SET event_type = EXCLUDED.event_type, profile = EXCLUDED.profile,
         indexed_at = now(), indexed_seq = nextval('match_index_seq')`,
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

  /** Pairs a province officer has decided, by `${fingerprint}>${eventId}`: not asked again. */
  async decidedPairs(
    db: Queryable,
    fingerprints: readonly string[],
  ): Promise<Map<string, 'SAME_EVENT' | 'DIFFERENT'>> {
    if (fingerprints.length === 0) return new Map();
    const decided = await rows<{
      fingerprint: string;
      event_id: string;
      decision: 'SAME_EVENT' | 'DIFFERENT';
    }>(
      db,
      'SELECT fingerprint, event_id, decision FROM match_pair_decision WHERE fingerprint = ANY($1::text[])',
      [fingerprints],
    );
    return new Map(decided.map((d) => [`${d.fingerprint}>${d.event_id}`, d.decision]));
  }
}
