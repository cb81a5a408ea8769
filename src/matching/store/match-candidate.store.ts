import { insertRows, rows, type Queryable } from '../../database/sql.js';
import type { BlockingKey } from '../keys/blocking-keys.js';
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

/** ':tag' after a found key's hash, nothing for 0 (no tag). */
const FOUND_TAG = `CASE WHEN m.tag = 0 THEN '' ELSE ':' || m.tag END`;

/**
 * The candidates filed under any of the keys, one row per event with the keys it was found under as
 * text ('123 456:78', hash and the tag it was filed with: the driver's parser for a bigint[] cost
 * more than the look-up's rows). Untagged keys ($1) read all of their key's entries; tagged ones ($2,
 * with their tags $3) those with their tag or none (see blocking-keys.ts), by index conditions on
 * (key_hash, tag). The LATERAL subqueries make each key one index probe, and each event found one
 * probe of match_profile, whatever the statistics say (the planner cannot estimate how many events the
 * keys find, and guessing many would scan match_profile; OFFSET 0 keeps the subquery a probe);
 * the two kinds go in separate arrays, so that an untagged key costs one index scan and a tagged one
 * two (with one array and a branch per kind behind one-time filters, each key ran three scan nodes:
 * a third more of the database's time for the look-up).
 */
export const CANDIDATES_SQL = `SELECT p.event_id, k.keys, p.profile
   FROM (SELECT m.event_id, string_agg(m.key_hash::text || ${FOUND_TAG}, ' ') AS keys
           FROM (SELECT f.key_hash, f.event_id, f.tag FROM unnest($1::bigint[]) AS q(h)
                   CROSS JOIN LATERAL (SELECT key_hash, event_id, tag FROM match_key
                                        WHERE key_hash = q.h LIMIT ${MAX_PER_KEY}) f
                 UNION ALL
                 SELECT f.key_hash, f.event_id, f.tag FROM unnest($2::bigint[], $3::int[]) AS q(h, t)
                   CROSS JOIN LATERAL (
                     SELECT key_hash, event_id, tag FROM match_key WHERE key_hash = q.h AND tag = q.t
                     UNION ALL
                     SELECT key_hash, event_id, tag FROM match_key WHERE key_hash = q.h AND tag = 0
                     LIMIT ${MAX_PER_KEY}) f) m
          GROUP BY m.event_id) k
   CROSS JOIN LATERAL (SELECT event_id, profile FROM match_profile WHERE event_id = k.event_id OFFSET 0) p`;

export const INDEXED_SINCE_SQL = `SELECT p.event_id, k.keys, p.profile
   FROM (SELECT m.event_id, string_agg(m.key_hash::text || ${FOUND_TAG}, ' ') AS keys
           FROM match_profile r JOIN match_key m ON m.event_id = r.event_id
          WHERE r.indexed_seq > $1::bigint AND m.key_hash = ANY($2::bigint[])
          GROUP BY m.event_id) k
   JOIN match_profile p ON p.event_id = k.event_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INSERT_KEYS_SQL = `INSERT INTO match_key (key_hash, event_id, tag)
   SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::int[]) ON CONFLICT DO NOTHING`;

export interface IndexOptions {
  /** Re-indexed events: their old keys are deleted first and their profile replaced. */
  readonly replace?: boolean;
  /** Events the caller's transaction has just created (so no one else can have indexed them). */
  readonly created?: boolean;
}

export interface KeyedCandidate extends Candidate {
  /** The keys it was found under, with the tag it was filed with. */
  readonly keys: readonly BlockingKey[];
}

/**
 * The register side of blocking: match_profile (one JSON profile per event) and match_key (hashed
 * blocking keys), read through the (key_hash, event_id) primary key. The LATERAL subquery makes each
 * key an index probe whatever the statistics say: never a scan of the register (issue 4, point 2).
 */
export class MatchCandidateStore {
  async find(db: Queryable, keys: readonly BlockingKey[]): Promise<KeyedCandidate[]> {
    const out: KeyedCandidate[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
      const slice = keys.slice(i, i + KEYS_PER_STATEMENT);
      // One row per event, with the keys it was found under: an event found under five keys is
      // parsed once, not five times.
      const untagged: string[] = [];
      const tagged: string[] = [];
      const tags: number[] = [];
      for (const k of slice) {
        if (k.tag === undefined || k.tag === 0) untagged.push(k.hash);
        else {
          tagged.push(k.hash);
          tags.push(k.tag);
        }
      }
      // Array literals, as index() writes them (digits only, nothing to escape): the driver would
      // otherwise quote and escape every one of a chunk's thousands of keys.
      const found = await rows<{ event_id: string; keys: string; profile: unknown }>(db, CANDIDATES_SQL, [
        `{${untagged.join(',')}}`,
        `{${tagged.join(',')}}`,
        `{${tags.join(',')}}`,
      ]);
      for (const r of found) {
        const profile = decodeProfile(r.profile);
        if (profile) out.push({ keys: parseFoundKeys(r.keys), eventId: r.event_id, profile });
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
      `{${keyHashes.join(',')}}`,
    ]);
    const out: KeyedCandidate[] = [];
    for (const r of found) {
      const profile = decodeProfile(r.profile);
      if (profile) out.push({ keys: parseFoundKeys(r.keys), eventId: r.event_id, profile });
    }
    return out;
  }

  /** Files events under their keys (a re-indexed event loses its old keys first). */
  async index(
    db: Queryable,
    events: ReadonlyArray<{ eventId: string; profile: MatchProfile; keys: readonly BlockingKey[] }>,
    { replace = false, created = false }: IndexOptions = {},
  ): Promise<void> {
    if (events.length === 0) return;
    if (created) return this.indexCreated(db, events);
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
    // ~4 keys per event: three array literals written here (digits, uuids, ints: nothing to escape)
    // cost PostgreSQL a fraction of expanding the same rows from JSON, and the driver nothing.
    const hashes: string[] = [];
    const ids: string[] = [];
    const tags: string[] = [];
    for (const e of events) {
      // Written into an array literal below: an id with a comma or brace would split it.
      if (!UUID.test(e.eventId)) throw new Error(`not an event id: ${JSON.stringify(e.eventId)}`);
      for (const k of e.keys) {
        hashes.push(k.hash);
        ids.push(e.eventId);
        tags.push(k.tag === undefined ? '0' : String(k.tag));
      }
    }
    await db.query(INSERT_KEYS_SQL, [`{${hashes.join(',')}}`, `{${ids.join(',')}}`, `{${tags.join(',')}}`]);
  }

  /**
   * Events created in the caller's transaction: no other transaction can have filed them, so their
   * profiles and keys are plain inserts (COPY for a bulk batch), without the speculative insertion
   * of ON CONFLICT, which cost PostgreSQL about twice as much per row and was written under the
   * matching lock. An event's keys are made distinct here instead.
   */
  private async indexCreated(
    db: Queryable,
    events: ReadonlyArray<{ eventId: string; profile: MatchProfile; keys: readonly BlockingKey[] }>,
  ): Promise<void> {
    await insertRows(
      db,
      'match_profile',
      { event_id: 'uuid', event_type: 'text', profile: 'jsonb' },
      events.map((e) => ({
        event_id: e.eventId,
        event_type: e.profile.eventType,
        profile: encodeProfile(e.profile),
      })),
    );
    const keyRows: Array<{ key_hash: string; event_id: string; tag: number }> = [];
    for (const e of events) {
      const seen = new Set<string>();
      for (const k of e.keys) {
        const tag = k.tag ?? 0;
        const id = `${k.hash}:${tag}`;
        if (seen.has(id)) continue;
        seen.add(id);
        keyRows.push({ key_hash: k.hash, event_id: e.eventId, tag });
      }
    }
    await insertRows(db, 'match_key', { key_hash: 'bigint', event_id: 'uuid', tag: 'int' }, keyRows);
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

/** '123 456:78' → [{ hash: '123' }, { hash: '456', tag: 78 }]. */
function parseFoundKeys(text: string): BlockingKey[] {
  return text.split(' ').map((k) => {
    const colon = k.indexOf(':');
    return colon < 0 ? { hash: k } : { hash: k.slice(0, colon), tag: Number(k.slice(colon + 1)) };
  });
}
