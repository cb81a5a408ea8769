import { hash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import type { Queryable } from '../database/sql.js';
import {
  blockingKeys,
  indexKeys,
  keyTag,
  lookupKeys,
  tagsAgree,
  type BlockingKey,
} from './keys/blocking-keys.js';
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
import { MatchCandidateStore, type IndexOptions } from './store/match-candidate.store.js';
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
    if (options.lock) await lockMatchIndex(db);
    return (await this.decideAll(db, records, false)).checked;
  }

  /**
   * checkBatch for a writer that registers in the same transaction, without holding the matching
   * lock while it checks: the batch is checked against what is committed, then, once its events are
   * written, `confirm()` takes the lock (held to commit) and re-decides only the records that events
   * indexed since the check began could concern. false: a concurrent transaction registered
   * something that changes a verdict; the caller must roll back and run the batch again (its check
   * will then see that event). index() afterwards, in the same transaction, under the lock.
   */
  async checkForWrite(records: readonly CivilStatusRecord[], tx: Queryable): Promise<PendingCheck> {
    const state = await this.decideAll(tx, records, true);
    return {
      checked: state.checked,
      confirm: () => this.confirm(tx, state),
    };
  }

  /**
   * checkForWrite for the new content of one registered event (a source's update of a record it sent
   * earlier): compared with every other event, never with the event it replaces.
   */
  async checkUpdateForWrite(
    record: CivilStatusRecord,
    eventId: string,
    tx: Queryable,
  ): Promise<PendingCheck> {
    const state = await this.decideAll(tx, [record], true, eventId);
    return {
      checked: state.checked,
      confirm: () => this.confirm(tx, state),
    };
  }

  private async confirm(tx: Queryable, state: BatchState): Promise<boolean> {
    await lockMatchIndex(tx);
    const keys = [...new Set(state.prepared.flatMap((p) => p.lookup.map((k) => k.hash)))];
    const since = await this.store.indexedSince(tx, state.mark ?? '0', keys);
    if (since.length === 0) return true;
    const fresh = new CandidateIndex();
    for (const c of since) if (c.eventId !== state.except) for (const k of c.keys) fresh.add(k, c);
    return state.prepared.every((p, i) => {
      const extra = fresh.get(p.lookup);
      if (extra.length === 0) return true;
      const again = this.verdictOf(p, [...state.candidates[i], ...extra], state.decided);
      return sameVerdict(again, state.checked[i].verdict);
    });
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
    records: readonly CivilStatusRecord[],
    keep: boolean,
    except?: string,
  ): Promise<BatchState> {
    const count = records.length;
    const prepared: PreparedRecord[] = [];
    const lookups: Array<Promise<ChunkLookup>> = [];
    const serial = serialised(db);
    // Read before any look-up: every event indexed up to this mark is seen by the look-ups.
    const mark = keep ? this.store.indexMark(serial) : undefined;
    mark?.catch(() => undefined);
    const sendUpTo = async (chunk: number): Promise<void> => {
      while (lookups.length <= chunk && lookups.length * LOOKUP_CHUNK < count) {
        const from = lookups.length * LOOKUP_CHUNK;
        const to = Math.min(count, from + LOOKUP_CHUNK);
        for (let i = from; i < to; i++) prepared.push(this.prepare(records[i]));
        const lookup = this.lookup(serial, prepared.slice(from, to));
        // Awaited below; if an earlier chunk fails first, this one must not be an unhandled rejection.
        lookup.catch(() => undefined);
        lookups.push(lookup);
        // Let the driver put the statement on the wire before the next chunk's CPU work.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const checked: CheckedRecord[] = [];
    const candidates: Candidate[][] = [];
    const decided = new Map<string, 'SAME_EVENT' | 'DIFFERENT'>();
    const batch = new CandidateIndex();
    for (let chunk = 0; chunk * LOOKUP_CHUNK < count; chunk++) {
      await sendUpTo(chunk + LOOKUPS_AHEAD);
      const found = await lookups[chunk];
      for (const [k, v] of found.decided) decided.set(k, v);
      const to = Math.min(count, (chunk + 1) * LOOKUP_CHUNK);
      for (let i = chunk * LOOKUP_CHUNK; i < to; i++) {
        const p = prepared[i];
        const registered = found.register.get(p.lookup);
        const seen = [
          ...(except === undefined ? registered : registered.filter((c) => c.eventId !== except)),
          ...batch.get(p.lookup),
        ];
        if (keep) candidates.push(seen);
        const verdict = this.verdictOf(p, seen, found.decided);
        if (
          verdict.kind === 'NEW' ||
          verdict.kind === 'RE_REGISTRATION_OF' ||
          verdict.kind === 'POSSIBLE_DUPLICATE'
        ) {
          const self = { eventId: `${BATCH_REF_PREFIX}${i}`, profile: p.profile };
          for (const k of p.own) batch.add(k, self);
        }
        checked.push({ verdict, profile: p.profile, fingerprint: p.fingerprint });
      }
    }
    return { checked, prepared, candidates, decided, mark: await mark, except };
  }

  private prepare(record: CivilStatusRecord): PreparedRecord {
    const profile = this.profileOf(record);
    const tag = keyTag(profile);
    const own = blockingKeys(indexKeys(profile), tag);
    const lookup = profile.eventType === 'MARRIAGE' ? blockingKeys(lookupKeys(profile), tag) : own;
    return { profile, own, lookup, fingerprint: fingerprintOf(profile) };
  }

  private async lookup(db: Queryable, chunk: readonly PreparedRecord[]): Promise<ChunkLookup> {
    const [found, decided] = await Promise.all([
      this.store.find(db, distinctKeys(chunk.flatMap((p) => p.lookup))),
      this.store.decidedPairs(db, [...new Set(chunk.map((p) => p.fingerprint))]),
    ]);
    const register = new CandidateIndex();
    for (const c of found) for (const k of c.keys) register.add(k, c);
    return { register, decided };
  }

  private verdictOf(
    { profile, fingerprint }: PreparedRecord,
    candidates: readonly Candidate[],
    decided: ReadonlyMap<string, 'SAME_EVENT' | 'DIFFERENT'>,
  ): MatchVerdict {
    const pair = (c: Candidate): string | undefined => decided.get(`${fingerprint}>${c.eventId}`);
    // An officer's decision on this very record and event stands (issue 4: not asked again).
    const decidedSame = candidates.find((c) => pair(c) === 'SAME_EVENT');
    return decidedSame
      ? duplicate(profile.eventType, {
          eventId: decidedSame.eventId,
          score: Infinity,
          evidence: [{ field: 'reviewDecision', level: 'SAME_EVENT', weight: 0 }],
        })
      : this.engine.decide(
          profile,
          candidates.filter((c) => pair(c) !== 'DIFFERENT'),
        );
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
    options: IndexOptions = {},
  ): Promise<void> {
    if (events.length === 0) return;
    // Index writes hold the matching lock to commit, so events enter the index (indexed_seq) in the
    // order their transactions commit: what confirm() relies on.
    await lockMatchIndex(db);
    await this.store.index(
      db,
      events.map((e) => {
        const profile = e.profile ?? this.profileOf(e.record);
        return { eventId: e.eventId, profile, keys: blockingKeys(indexKeys(profile), keyTag(profile)) };
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
  /** The keys the record is filed under (and found under, inside the batch). */
  readonly own: readonly BlockingKey[];
  /** The keys it looks up (its own, and for a marriage those of marriage-ending events). */
  readonly lookup: readonly BlockingKey[];
  readonly fingerprint: string;
}

interface BatchState {
  readonly checked: CheckedRecord[];
  readonly prepared: readonly PreparedRecord[];
  /** Each record's candidates as decided (register and batch), kept for confirm(). */
  readonly candidates: readonly (readonly Candidate[])[];
  readonly decided: ReadonlyMap<string, 'SAME_EVENT' | 'DIFFERENT'>;
  readonly mark: string | undefined;
  /** The event whose new content is checked (an update): never its own candidate. */
  readonly except?: string;
}

/** A batch checked for writing: its verdicts, and the re-check to run once its events are written. */
export interface PendingCheck {
  readonly checked: readonly CheckedRecord[];
  /** Takes the matching lock (to commit); false when a concurrent registration changed a verdict. */
  confirm(): Promise<boolean>;
}

interface ChunkLookup {
  readonly register: CandidateIndex;
  readonly decided: ReadonlyMap<string, 'SAME_EVENT' | 'DIFFERENT'>;
}

export interface CheckOptions {
  /**
   * Serialise with concurrent writers from the check on (inside the caller's transaction, before it
   * registers): the check waits for any transaction that holds the matching lock, so it sees what
   * that one registers. Bulk writers use checkForWrite instead, which holds the lock far shorter.
   */
  readonly lock?: boolean;
}

/**
 * One transaction-scoped advisory lock over the match index. Bucketed locks were tried: a batch of
 * 1,000 records has ~6,000 keys and so touched every one of 256 buckets, which made them one lock
 * taken 256 times; per-key locks overflow PostgreSQL's shared lock table. What keeps concurrent
 * batches apart is how briefly the lock is held: from checkForWrite's confirm() (or index()) to commit.
 */
const LOCK_NAMESPACE = 0x6d61746368 % 2147483647; // 'match'
const LOCK_KEY = 1;

async function lockMatchIndex(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCK_KEY})`);
}

/**
 * The same decision: kind, linked events, candidates and their scores. Two NEW verdicts are the
 * same whatever twins they name: a twin registered meanwhile by another batch (same mother, same
 * day, another child) changes nothing that is written, and must not roll the batch back.
 */
function sameVerdict(a: MatchVerdict, b: MatchVerdict): boolean {
  if (a.kind === 'NEW' && b.kind === 'NEW') return true;
  return JSON.stringify(a) === JSON.stringify(b);
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
  return hash('sha1', text, 'base64url');
}

/** Each (hash, tag) once: two records of a chunk with the same key and tag need one probe. */
function distinctKeys(keys: readonly BlockingKey[]): BlockingKey[] {
  const out = new Map<string, BlockingKey>();
  for (const k of keys) out.set(k.tag === undefined ? k.hash : `${k.hash}:${k.tag}`, k);
  return [...out.values()];
}

interface Filed {
  readonly candidate: Candidate;
  readonly tag: number | undefined;
}

/**
 * Candidates by key hash, each candidate once per lookup; a tagged look-up gets those filed with
 * the same tag or none, as the register's look-up does (tagsAgree), so that a batch finds in itself
 * what the register would find.
 */
export class CandidateIndex {
  private readonly byKey = new Map<string, Filed[]>();

  add(key: BlockingKey, candidate: Candidate): void {
    const list = this.byKey.get(key.hash);
    const filed = { candidate, tag: key.tag };
    if (list === undefined) this.byKey.set(key.hash, [filed]);
    else if (!list.some((f) => f.candidate.eventId === candidate.eventId)) list.push(filed);
  }

  get(keys: readonly BlockingKey[]): Candidate[] {
    const seen = new Map<string, Candidate>();
    for (const k of keys) {
      for (const f of this.byKey.get(k.hash) ?? []) {
        if (tagsAgree(k.tag, f.tag)) seen.set(f.candidate.eventId, f.candidate);
      }
    }
    return [...seen.values()];
  }
}
