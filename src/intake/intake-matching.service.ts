import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { rows } from '../database/sql.js';
import type { MatchProfile } from '../matching/keys/match-profile.js';
import {
  BATCH_REF_PREFIX,
  MatchingService,
  type CheckedRecord,
  type PendingCheck,
} from '../matching/matching.service.js';
import type { CandidateEvidence, MatchVerdict } from '../matching/match-verdict.js';
import { MatchReviewService } from '../matching/review/match-review.service.js';
import {
  RegisterWriteConflict,
  type RegisterActor,
  type RegisterCandidate,
  type RegisterOutcome,
} from '../register/register-outcome.js';
import { IdentityIndex, loadClashing } from '../register/identity-guards.js';
import { RegisterWriterService } from '../register/register-writer.service.js';
import type { RecordError } from '../validation/record-error.js';

type Outcomes = Map<string, RegisterOutcome>;

interface Checked {
  readonly candidate: RegisterCandidate;
  readonly checked: CheckedRecord;
}

/**
 * Validated records → matching → register (issue 4), in the intake transaction. Per round of a batch
 * (a source record sent twice in one batch is taken in a second round, as the writer does): one
 * look-up of the source's known records, one matching.checkForWrite, the writer, its confirm() under
 * the matching lock, one matching.index.
 *
 * A record whose source record the register already holds: the same content is the idempotent
 * resend (the writer answers it as a duplicate, without matching); changed content is matched again
 * against the register's other events (checkUpdates) before the writer makes it a new version, and
 * its match keys are replaced.
 */
@Injectable()
export class IntakeMatchingService {
  constructor(
    private readonly matching: MatchingService,
    private readonly reviews: MatchReviewService,
    private readonly writer: RegisterWriterService,
  ) {}

  async write(
    tx: EntityManager,
    candidates: readonly RegisterCandidate[],
    actor: RegisterActor,
  ): Promise<Outcomes> {
    const outcomes: Outcomes = new Map();
    for (const round of roundsBySourceRecord(candidates)) await this.writeRound(tx, round, actor, outcomes);
    return outcomes;
  }

  private async writeRound(
    tx: EntityManager,
    round: readonly RegisterCandidate[],
    actor: RegisterActor,
    outcomes: Outcomes,
  ): Promise<void> {
    if (round.length === 0) return;
    const known = new Map(
      (
        await rows<{ id: string; source_record_id: string; content_hash: string }>(
          tx,
          'SELECT id, source_record_id, content_hash FROM civil_event WHERE source_id = $1 AND source_record_id = ANY($2::text[])',
          [actor.sourceId, round.map((c) => c.value.sourceRecordId)],
        )
      ).map((r) => [r.source_record_id, r]),
    );
    const fresh = round.filter((c) => !known.has(c.value.sourceRecordId));
    const resent: RegisterCandidate[] = [];
    const updates: Array<{ candidate: RegisterCandidate; eventId: string }> = [];
    for (const c of round) {
      const k = known.get(c.value.sourceRecordId);
      if (!k) continue;
      if (k.content_hash === c.value.contentHash) resent.push(c);
      else updates.push({ candidate: c, eventId: k.id });
    }
    const updateChecks = await this.checkUpdates(tx, updates, resent, actor, outcomes);
    // Checked without the matching lock (concurrent batches check in parallel); confirmed under it
    // below, once this round's events are written, before they are indexed.
    const pending =
      fresh.length === 0
        ? undefined
        : await this.matching.checkForWrite(
            fresh.map((c) => c.value.record),
            tx,
          );
    const results = pending?.checked ?? [];
    const checked: Checked[] = fresh.map((candidate, i) => ({ candidate, checked: results[i] }));

    // First the records matching lets through whose links are known now; then those that point at a
    // record earlier in this batch (`batch:<n>`), once that record has become an event.
    const now: RegisterCandidate[] = [...resent];
    const later: Checked[] = [];
    for (const c of checked) {
      const v = c.checked.verdict;
      if (v.kind === 'NEW') now.push(c.candidate);
      else if (v.kind === 'RE_REGISTRATION_OF' && !isBatchRef(v.earlierEventId))
        now.push({ ...c.candidate, earlierEventId: v.earlierEventId });
      else later.push(c);
    }
    const written = await this.writer.writeBatch(tx, now, actor);
    for (const [id, o] of written) outcomes.set(id, o);

    const eventOf = (ref: string): string | undefined => {
      if (!isBatchRef(ref)) return ref;
      const o = outcomes.get(fresh[Number(ref.slice(BATCH_REF_PREFIX.length))]?.itemId ?? '');
      return o && o.status !== 'REJECTED' && o.status !== 'HELD' ? o.eventId : undefined;
    };
    // The register's exact identity rules (register reference taken, one birth / death per personal
    // ID number) come before fuzzy verdicts: an exact clash is refused with its own code, never held.
    const guards = await this.exactGuards(tx, later);
    const second: RegisterCandidate[] = [];
    const held: Array<{ item: Checked; checked: CheckedRecord }> = [];
    const sameEvent: Array<{ itemId: string; eventId: string }> = [];
    for (const item of later) {
      const { candidate } = item;
      const v = item.checked.verdict;
      const exact = guards?.judge(candidate.value);
      if (exact?.kind === 'REFUSED' && v.kind !== 'SAME_EVENT' && v.kind !== 'RE_REGISTRATION_OF') {
        outcomes.set(candidate.itemId, { status: 'REJECTED', errors: withEvidence(exact.errors, v) });
        continue;
      }
      switch (v.kind) {
        case 'RE_REGISTRATION_OF':
          // Linked to the event an earlier record of this batch became (unlinked if that one was refused).
          second.push({ ...candidate, earlierEventId: eventOf(v.earlierEventId) });
          break;
        case 'SAME_EVENT': {
          const eventId = eventOf(v.eventId);
          if (eventId) sameEvent.push({ itemId: candidate.itemId, eventId });
          else outcomes.set(candidate.itemId, rejectedBecauseBatchTwin(v.eventId));
          break;
        }
        case 'DUPLICATE':
        case 'REFUSED': {
          const eventId = eventOf(v.eventId);
          if (eventId) outcomes.set(candidate.itemId, refusal(candidate, v, eventId));
          else outcomes.set(candidate.itemId, rejectedBecauseBatchTwin(v.eventId));
          break;
        }
        case 'POSSIBLE_DUPLICATE': {
          const resolved = resolveCandidates(v.candidates, eventOf);
          // Every candidate was a record of this batch that was not registered: nothing to compare.
          if (resolved.length === 0) second.push(candidate);
          else
            held.push({
              item,
              checked: { ...item.checked, verdict: { kind: 'POSSIBLE_DUPLICATE', candidates: resolved } },
            });
          break;
        }
        case 'NEW':
          break;
      }
    }
    if (second.length > 0) {
      for (const [id, o] of await this.writer.writeBatch(tx, second, actor)) outcomes.set(id, o);
    }
    await this.linkSameEvents(tx, sameEvent, outcomes);
    if (held.length > 0) await this.hold(tx, held, actor, outcomes);
    // A concurrent batch registered, since this check, an event that changes a verdict here (the
    // same birth sent twice at once): roll back and run again, when the check will see that event.
    if (pending && !(await pending.confirm())) throw new RegisterWriteConflict(1);
    for (const p of updateChecks) if (!(await p.confirm())) throw new RegisterWriteConflict(1);
    const profiles = new Map(checked.map((c) => [c.candidate.itemId, c.checked.profile]));
    await this.indexWritten(tx, [...now, ...second], outcomes, profiles);
  }

  /**
   * A source's changed record (same source record id, new content) is matched again, against every
   * other event: new content that is another registered event's duplicate is refused (the register
   * keeps the version it had), a doubtful one is held for review like any new record; the rest go to
   * `apply`, for the writer to turn into a new version. Updates are rare: one check each.
   */
  private async checkUpdates(
    tx: EntityManager,
    updates: ReadonlyArray<{ candidate: RegisterCandidate; eventId: string }>,
    apply: RegisterCandidate[],
    actor: RegisterActor,
    outcomes: Outcomes,
  ): Promise<PendingCheck[]> {
    const pendings: PendingCheck[] = [];
    const held: Array<{ item: Checked; checked: CheckedRecord }> = [];
    for (const { candidate, eventId } of updates) {
      const pending = await this.matching.checkUpdateForWrite(candidate.value.record, eventId, tx);
      pendings.push(pending);
      const checked = pending.checked[0];
      const v = checked.verdict;
      switch (v.kind) {
        case 'NEW':
        case 'RE_REGISTRATION_OF':
          apply.push(candidate);
          break;
        case 'SAME_EVENT':
          outcomes.set(candidate.itemId, {
            status: 'REJECTED',
            errors: [
              {
                path: subjectPath(candidate),
                code: 'MATCHING.UPDATE_SAME_AS_OTHER_EVENT',
                message: `Nội dung cập nhật trùng với sự kiện đã đăng ký ${v.eventId} (cùng số, quyển, nơi đăng ký): không cập nhật; sổ hộ tịch giữ phiên bản trước.`,
                existingEventId: v.eventId,
                evidence: { score: round(v.candidate.score), fields: v.candidate.evidence },
              },
            ],
          });
          break;
        case 'DUPLICATE':
        case 'REFUSED':
          outcomes.set(candidate.itemId, refusal(candidate, v, v.eventId));
          break;
        case 'POSSIBLE_DUPLICATE':
          held.push({ item: { candidate, checked }, checked });
          break;
      }
    }
    // Held updates are decided like new records; "different" sends the update through again.
    if (held.length > 0) await this.hold(tx, held, actor, outcomes);
    return pendings;
  }

  /**
   * Holds possible duplicates for review. A held record its source sends again unchanged joins the
   * review already pending for it (decided once, for both items) instead of queueing a second one.
   */
  private async hold(
    tx: EntityManager,
    all: ReadonlyArray<{ item: Checked; checked: CheckedRecord }>,
    actor: RegisterActor,
    outcomes: Outcomes,
  ): Promise<void> {
    const pending = new Map(
      (
        await rows<{ id: string; fingerprint: string; source_record_id: string }>(
          tx,
          `SELECT r.id, r.fingerprint, i.source_record_id
             FROM match_review r JOIN intake_item i ON i.id = r.intake_item_id
            WHERE r.status = 'PENDING' AND i.source_id = $1 AND i.source_record_id = ANY($2::text[])
              AND r.fingerprint = ANY($3::text[])`,
          [
            actor.sourceId,
            all.map((h) => h.item.candidate.value.sourceRecordId),
            all.map((h) => h.checked.fingerprint),
          ],
        )
      ).map((r) => [`${r.source_record_id}>${r.fingerprint}`, r.id]),
    );
    const held: Array<{ item: Checked; checked: CheckedRecord }> = [];
    for (const h of all) {
      const reviewId = pending.get(`${h.item.candidate.value.sourceRecordId}>${h.checked.fingerprint}`);
      if (reviewId) outcomes.set(h.item.candidate.itemId, { status: 'HELD', reviewId });
      else held.push(h);
    }
    if (held.length > 0) {
      const reviewIds = await this.reviews.hold(
        tx,
        held.map(({ item, checked: c }) => ({
          intakeItemId: item.candidate.itemId,
          provinceCode: item.candidate.value.provinceCode,
          checked: c,
        })),
      );
      held.forEach(({ item }, i) =>
        outcomes.set(item.candidate.itemId, { status: 'HELD', reviewId: reviewIds[i] }),
      );
    }
  }

  /** The identity guards over what the register holds now (this batch's events included). */
  private async exactGuards(
    tx: EntityManager,
    items: readonly Checked[],
  ): Promise<IdentityIndex | undefined> {
    const doubtful = items.filter((i) => i.checked.verdict.kind !== 'SAME_EVENT');
    if (doubtful.length === 0) return undefined;
    return new IdentityIndex(
      await loadClashing(
        tx,
        doubtful.map((i) => i.candidate.value),
      ),
    );
  }

  /** SAME_EVENT: the register already holds this very entry (sent by another source): nothing is written. */
  private async linkSameEvents(
    tx: EntityManager,
    same: ReadonlyArray<{ itemId: string; eventId: string }>,
    outcomes: Outcomes,
  ): Promise<void> {
    if (same.length === 0) return;
    const versions = new Map(
      (
        await rows<{ id: string; version: number }>(
          tx,
          'SELECT id, version FROM civil_event WHERE id = ANY($1::uuid[])',
          [[...new Set(same.map((s) => s.eventId))]],
        )
      ).map((r) => [r.id, r.version]),
    );
    for (const s of same) {
      outcomes.set(s.itemId, {
        status: 'DUPLICATE',
        eventId: s.eventId,
        version: versions.get(s.eventId) ?? 1,
      });
    }
  }

  /** One index call per round: new events filed, updated ones re-filed with their new content. */
  private async indexWritten(
    tx: EntityManager,
    written: readonly RegisterCandidate[],
    outcomes: Outcomes,
    profiles: ReadonlyMap<string, MatchProfile>,
  ): Promise<void> {
    const added: Array<{
      eventId: string;
      record: RegisterCandidate['value']['record'];
      profile?: MatchProfile;
    }> = [];
    const replaced: typeof added = [];
    for (const c of written) {
      const o = outcomes.get(c.itemId);
      if (o?.status === 'ACCEPTED')
        added.push({ eventId: o.eventId, record: c.value.record, profile: profiles.get(c.itemId) });
      else if (o?.status === 'UPDATED') replaced.push({ eventId: o.eventId, record: c.value.record });
    }
    if (added.length > 0) await this.matching.index(tx, added, { created: true });
    if (replaced.length > 0) await this.matching.index(tx, replaced, { replace: true });
  }
}

function isBatchRef(id: string): boolean {
  return id.startsWith(BATCH_REF_PREFIX);
}

function resolveCandidates(
  candidates: readonly CandidateEvidence[],
  eventOf: (ref: string) => string | undefined,
): CandidateEvidence[] {
  const out = new Map<string, CandidateEvidence>();
  for (const c of candidates) {
    const eventId = eventOf(c.eventId);
    if (eventId !== undefined && !out.has(eventId)) out.set(eventId, { ...c, eventId });
  }
  return [...out.values()];
}

/** A definite duplicate or a refused marriage: the code, a Vietnamese message, the existing event, the evidence. */
function refusal(
  candidate: RegisterCandidate,
  v: Extract<MatchVerdict, { kind: 'DUPLICATE' | 'REFUSED' }>,
  eventId: string,
): RegisterOutcome {
  const evidence =
    v.kind === 'DUPLICATE'
      ? { score: round(v.candidate.score), fields: v.candidate.evidence }
      : { score: round(v.evidence.reduce((n, e) => n + e.weight, 0)), fields: v.evidence };
  const error: RecordError = {
    path: subjectPath(candidate),
    code: v.code,
    message: v.message.replaceAll(v.eventId, eventId),
    existingEventId: eventId,
    evidence,
  };
  return { status: 'REJECTED', errors: [error] };
}

/** An exact refusal of the same event matching pointed at carries matching's evidence too. */
function withEvidence(errors: readonly RecordError[], v: MatchVerdict): RecordError[] {
  const best = v.kind === 'DUPLICATE' ? v.candidate : undefined;
  return errors.map((e) =>
    best && e.existingEventId === best.eventId
      ? { ...e, evidence: { score: round(best.score), fields: best.evidence } }
      : e,
  );
}

/** The record matched one earlier in the same batch that was itself refused: refused with it. */
function rejectedBecauseBatchTwin(ref: string): RegisterOutcome {
  const n = Number(ref.slice(BATCH_REF_PREFIX.length));
  return {
    status: 'REJECTED',
    errors: [
      {
        path: 'parties',
        code: 'MATCHING.DUPLICATE_IN_BATCH',
        message: `Trùng với hồ sơ thứ ${n + 1} của cùng lô, hồ sơ đó không được đăng ký: sửa hồ sơ đó rồi gửi lại cả hai.`,
      },
    ],
  };
}

const SUBJECT_ROLES: readonly string[] = [Role.CHILD, Role.DECEASED];

/** Where an official looks: the party the event is about (the child, the deceased), else all parties. */
function subjectPath(c: RegisterCandidate): string {
  const i = c.value.record.parties.findIndex((p) => SUBJECT_ROLES.includes(p.role));
  return i >= 0 ? `parties[${i}]` : 'parties';
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : n;
}

function roundsBySourceRecord(candidates: readonly RegisterCandidate[]): RegisterCandidate[][] {
  const rounds: RegisterCandidate[][] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const n = seen.get(c.value.sourceRecordId) ?? 0;
    seen.set(c.value.sourceRecordId, n + 1);
    (rounds[n] ??= []).push(c);
  }
  return rounds;
}
