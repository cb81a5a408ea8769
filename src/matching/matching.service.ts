import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import type { Queryable } from '../database/sql.js';
import { indexKeys, keyHash, lookupKeys } from './keys/blocking-keys.js';
import { formatLooseDate } from './keys/loose-date.js';
import {
  buildProfile,
  type MatchEventInput,
  type MatchProfile,
  type PersonProfile,
} from './keys/match-profile.js';
import { PlaceKeyResolver } from './keys/place-keys.js';
import { matchInputOfRecord } from './keys/record-input.js';
import { duplicate, MatchEngine, type Candidate } from './match-engine.js';
import type { MatchVerdict } from './match-verdict.js';
import type { MatchingConfig } from './scoring/matching-config.js';
import { MatchScorer } from './scoring/match-scorer.js';
import { MatchCandidateStore } from './store/match-candidate.store.js';
import { unindexedEvents } from './store/register-match-input.js';

export const MATCHING_CONFIG = Symbol('MATCHING_CONFIG');

/** A record earlier in the same batch, as a candidate id: `batch:<its index in the batch>`. */
export const BATCH_REF_PREFIX = 'batch:';

export interface CheckedRecord {
  readonly verdict: MatchVerdict;
  readonly profile: MatchProfile;
  /** Hash of the profile: the held record's identity in the review queue and in decided pairs. */
  readonly fingerprint: string;
}

/**
 * The matching capability's entry point (issue 4). Every path (REST, SOAP, CSV, SQL, the web
 * application) calls checkBatch with validated records before writing them, in the transaction that
 * writes them, and index() for the events it then registers:
 *
 *   const checked = await matching.checkBatch(records, tx);   // NEW / SAME_EVENT / DUPLICATE / ...
 *   ...register the NEW and RE_REGISTRATION_OF ones (earlier_event_id = earlierEventId)...
 *   await matching.index(tx, registered);                     // [{ eventId, record }]
 *
 * Duplicates inside one batch are found too: each record is compared with the register and with the
 * records before it in the batch (ids `batch:<n>`).
 */
@Injectable()
export class MatchingService {
  private readonly engine: MatchEngine;
  private readonly places: PlaceKeyResolver;
  private readonly store = new MatchCandidateStore();

  constructor(units: AdminUnitService, @Inject(MATCHING_CONFIG) config: MatchingConfig) {
    this.engine = new MatchEngine(new MatchScorer(config));
    this.places = new PlaceKeyResolver(units);
  }

  profileOf(record: CivilStatusRecord | MatchEventInput): MatchProfile {
    const input = 'schemaVersion' in record ? matchInputOfRecord(record) : record;
    return buildProfile(input, this.places);
  }

  async check(record: CivilStatusRecord, db: Queryable, options: CheckOptions = {}): Promise<CheckedRecord> {
    const [checked] = await this.checkBatch([record], db, options);
    return checked;
  }

  async checkBatch(
    records: readonly CivilStatusRecord[],
    db: Queryable,
    options: CheckOptions = {},
  ): Promise<CheckedRecord[]> {
    if (options.lock) {
      // The lock covers every key of the batch before any look-up (buckets in order: no deadlock).
      const prepared = records.map((r) => this.prepare(r));
      await lockBuckets(db, lookupBuckets(prepared.flatMap((p) => p.lookup)));
      return this.decideAll(db, prepared.length, (i) => prepared[i]);
    }
    return this.decideAll(db, records.length, (i) => this.prepare(records[i]));
  }

  /**
   * The batch in chunks of LOOKUP_CHUNK records, pipelined: a chunk's candidate look-up is sent as
   * soon as its keys are known, and runs in PostgreSQL while this process builds the next chunks'
   * keys and scores the chunks before it (on one connection, the driver queues the statements). The
   * result is the same as one look-up for the whole batch: each record's candidates are those filed
   * under its own keys, all of which go in its own chunk's look-up; records are decided in order, so
   * a record still sees every record before it in the batch.
   */
  private async decideAll(
    db: Queryable,
    count: number,
    prepare: (i: number) => PreparedRecord,
  ): Promise<CheckedRecord[]> {
    const prepared: PreparedRecord[] = [];
    const lookups: Array<Promise<ChunkLookup>> = [];
    const serial = serialised(db);
    const sendUpTo = async (chunk: number): Promise<void> => {
      while (lookups.length <= chunk && lookups.length * LOOKUP_CHUNK < count) {
        const from = lookups.length * LOOKUP_CHUNK;
        const to = Math.min(count, from + LOOKUP_CHUNK);
        for (let i = from; i < to; i++) prepared.push(prepare(i));
        const lookup = this.lookup(serial, prepared.slice(from, to));
        // Awaited below; if an earlier chunk fails first, this one must not be an unhandled rejection.
        lookup.catch(() => undefined);
        lookups.push(lookup);
        // Let the driver put the statement on the wire before the next chunk's CPU work.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const out: CheckedRecord[] = [];
    const batch = new CandidateIndex();
    for (let chunk = 0; chunk * LOOKUP_CHUNK < count; chunk++) {
      await sendUpTo(chunk + LOOKUPS_AHEAD);
      const { register, decided } = await lookups[chunk];
      const to = Math.min(count, (chunk + 1) * LOOKUP_CHUNK);
      for (let i = chunk * LOOKUP_CHUNK; i < to; i++)
        out.push(this.decideOne(i, prepared[i], register, batch, decided));
    }
    return out;
  }

  private prepare(record: CivilStatusRecord): PreparedRecord {
    const profile = this.profileOf(record);
    const own = indexKeys(profile).map(keyHash);
    const lookup = profile.eventType === 'MARRIAGE' ? lookupKeys(profile).map(keyHash) : own;
    return { profile, own, lookup, fingerprint: fingerprintOf(profile) };
  }

  private async lookup(db: Queryable, chunk: readonly PreparedRecord[]): Promise<ChunkLookup> {
    const [found, decided] = await Promise.all([
      this.store.find(db, [...new Set(chunk.flatMap((p) => p.lookup))]),
      this.store.decidedPairs(db, [...new Set(chunk.map((p) => p.fingerprint))]),
    ]);
    const register = new CandidateIndex();
    for (const c of found) for (const h of c.keyHashes) register.add(h, c);
    return { register, decided };
  }

  private decideOne(
    i: number,
    { profile, own, lookup, fingerprint }: PreparedRecord,
    register: CandidateIndex,
    batch: CandidateIndex,
    decided: ReadonlyMap<string, 'SAME_EVENT' | 'DIFFERENT'>,
  ): CheckedRecord {
    const pair = (c: Candidate): string | undefined => decided.get(`${fingerprint}>${c.eventId}`);
    const candidates = [...register.get(lookup), ...batch.get(lookup)];
    // An officer's decision on this very record and event stands (issue 4: not asked again).
    const decidedSame = candidates.find((c) => pair(c) === 'SAME_EVENT');
    const verdict = decidedSame
      ? duplicate(profile.eventType, {
          eventId: decidedSame.eventId,
          score: Infinity,
          evidence: [{ field: 'reviewDecision', level: 'SAME_EVENT', weight: 0 }],
        })
      : this.engine.decide(
          profile,
          candidates.filter((c) => pair(c) !== 'DIFFERENT'),
        );
    if (
      verdict.kind === 'NEW' ||
      verdict.kind === 'RE_REGISTRATION_OF' ||
      verdict.kind === 'POSSIBLE_DUPLICATE'
    ) {
      const self = { eventId: `${BATCH_REF_PREFIX}${i}`, profile };
      for (const h of own) batch.add(h, self);
    }
    return { verdict, profile, fingerprint };
  }

  /**
   * Indexes every registered event not yet in the match index, from the register's own rows, in
   * chunks of `chunk` events each in its own statement set; returns how many were indexed.
   */
  async indexRegister(db: Queryable, chunk = 5000): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      const events = await unindexedEvents(db, after, chunk);
      if (events.length === 0) return total;
      await this.index(
        db,
        events.map((e) => ({ eventId: e.eventId, record: e.input })),
      );
      total += events.length;
      after = events[events.length - 1].eventId;
    }
  }

  /**
   * Files registered events for later checks; `replace` when an event's content changed. `profile`,
   * when given, is the one checkBatch built for that very record (spares building it twice).
   */
  async index(
    db: Queryable,
    events: ReadonlyArray<{
      eventId: string;
      record: CivilStatusRecord | MatchEventInput;
      profile?: MatchProfile;
    }>,
    options: { replace: boolean } = { replace: false },
  ): Promise<void> {
    await this.store.index(
      db,
      events.map((e) => {
        const profile = e.profile ?? this.profileOf(e.record);
        return { eventId: e.eventId, profile, keys: indexKeys(profile) };
      }),
      options,
    );
  }
}

/**
 * The held record's identity for the review queue and decided pairs: a hash of what matching compares
 * (names as keys, dates, ID numbers, register reference), so a resend of the same record is the same.
 */
/** Records per candidate look-up: small enough to overlap look-ups with scoring, under KEYS_PER_STATEMENT keys. */
const LOOKUP_CHUNK = 250;
/** Look-ups sent ahead of the chunk being scored. */
const LOOKUPS_AHEAD = 2;

interface PreparedRecord {
  readonly profile: MatchProfile;
  /** Hashes of the keys the record is filed under (and found under, inside the batch). */
  readonly own: readonly string[];
  /** Hashes of the keys it looks up (its own, and for a marriage those of marriage-ending events). */
  readonly lookup: readonly string[];
  readonly fingerprint: string;
}

interface ChunkLookup {
  readonly register: CandidateIndex;
  readonly decided: ReadonlyMap<string, 'SAME_EVENT' | 'DIFFERENT'>;
}

export interface CheckOptions {
  /**
   * Serialise with concurrent writers (inside the caller's transaction, before it registers): two
   * transactions checking records that share a blocking key take the same lock, so the second sees
   * the first's registration once it commits, and the same event cannot be registered twice.
   */
  readonly lock?: boolean;
}

/**
 * Locks are taken on LOCK_BUCKETS buckets of key hashes, not on each key: a batch of 1,000 records
 * has ~6,000 keys, more than PostgreSQL's shared lock table holds for one transaction
 * (max_locks_per_transaction × connections); 256 buckets bound it, at the price of serialising large
 * batches with each other. Buckets are taken in order, so two checks never deadlock on them.
 */
const LOCK_BUCKETS = 256;
const LOCK_NAMESPACE = 0x6d61746368; // 'match'

function lookupBuckets(hashes: readonly string[]): number[] {
  const buckets = new Set<number>();
  for (const h of hashes) buckets.add(Number(BigInt(h) % BigInt(LOCK_BUCKETS)));
  return [...buckets].sort((a, b) => a - b);
}

async function lockBuckets(db: Queryable, buckets: readonly number[]): Promise<void> {
  await db.query(
    `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE % 2147483647}, b) FROM unnest($1::int[]) AS b ORDER BY b`,
    [buckets],
  );
}

/**
 * The statements of one check, one after another: a transaction's connection runs one statement at a
 * time, and the driver's own queue for overlapping calls is deprecated (pg 9 removes it). Each is
 * sent as soon as the one before it has answered, while this process scores what came back.
 */
function serialised(db: Queryable): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query: (sql: string, parameters?: unknown[]) => {
      const next = last.then(
        () => db.query(sql, parameters),
        () => db.query(sql, parameters),
      );
      last = next;
      return next;
    },
  };
}

export function fingerprintOf(profile: MatchProfile): string {
  const person = (p: PersonProfile | undefined): string =>
    p === undefined ? '-' : `${p.name.toned}/${p.sex ?? ''}/${formatLooseDate(p.birth) ?? ''}/${p.pin ?? ''}`;
  const text = [
    profile.eventType,
    profile.reRegistration ? 'R' : 'F',
    profile.registerRef ?? '',
    formatLooseDate(profile.occurred) ?? '',
    ...profile.subjects.map(person),
    person(profile.mother),
    person(profile.father),
  ].join('|');
  return createHash('sha1').update(text).digest('base64url');
}

/** Candidates by key hash, each candidate once per lookup. */
export class CandidateIndex {
  private readonly byKey = new Map<string, Candidate[]>();

  add(hash: string, candidate: Candidate): void {
    const list = this.byKey.get(hash);
    if (list === undefined) this.byKey.set(hash, [candidate]);
    else if (!list.some((c) => c.eventId === candidate.eventId)) list.push(candidate);
  }

  get(hashes: readonly string[]): Candidate[] {
    const seen = new Map<string, Candidate>();
    for (const h of hashes) for (const c of this.byKey.get(h) ?? []) seen.set(c.eventId, c);
    return [...seen.values()];
  }
}
