import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ChangeNoticeService } from '../../changes/change-notice.service.js';
import { insertRows, rows, type Queryable } from '../../database/sql.js';
import { encodeProfile } from '../keys/profile-codec.js';
import { MatchingException } from '../matching.exception.js';
import { BATCH_REF_PREFIX, type CheckedRecord } from '../matching.service.js';
import type { CandidateEvidence } from '../match-verdict.js';
import type {
  ReviewActor,
  ReviewCandidate,
  ReviewDecision,
  ReviewDetail,
  ReviewStatus,
  ReviewSummary,
} from './match-review.model.js';

interface ReviewRow {
  id: string;
  intake_item_id: string | null;
  province_code: string | null;
  event_type: string;
  fingerprint: string;
  candidates: CandidateEvidence[];
  status: ReviewStatus;
  decided_event_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

const PAGE_MAX = 200;

/**
 * The review queue (issue 4, point 4): possible duplicates held for a province officer, who sees the
 * held record beside each candidate with the field-by-field evidence and decides "same event" or
 * "different". Each decision is audited and recorded per pair, so matching never asks it again
 * (MatchingService reads match_pair_decision).
 *
 * What happens to the held intake item follows from the decision, through intake's own machinery:
 * SAME_EVENT marks it a DUPLICATE linked to the chosen event; DIFFERENT returns it to RECEIVED, so
 * intake's recovery processes it again and, the pair now decided, registers it.
 */
@Injectable()
export class MatchReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly changeNotices: ChangeNoticeService,
  ) {}

  /** Holds possible duplicates (in the caller's transaction); returns the review ids in order. */
  async hold(
    db: Queryable,
    held: ReadonlyArray<{ intakeItemId?: string; provinceCode: string | null; checked: CheckedRecord }>,
  ): Promise<string[]> {
    const reviews = held.map(({ intakeItemId, provinceCode, checked }) => {
      const { verdict } = checked;
      if (verdict.kind !== 'POSSIBLE_DUPLICATE') {
        throw new MatchingException(
          'MATCHING.REVIEW_NOT_REVIEWABLE',
          `Chỉ bản ghi nghi trùng mới được đưa vào hàng chờ xem xét (kết quả: ${verdict.kind}).`,
        );
      }
      // Candidates earlier in the same batch have no register id yet: the officer sees the others.
      const candidates = verdict.candidates.filter((c) => !c.eventId.startsWith(BATCH_REF_PREFIX));
      return {
        id: randomUUID(),
        intake_item_id: intakeItemId ?? null,
        province_code: provinceCode,
        event_type: checked.profile.eventType,
        fingerprint: checked.fingerprint,
        profile: encodeProfile(checked.profile),
        candidates,
      };
    });
    await insertRows(
      db,
      'match_review',
      {
        id: 'uuid',
        intake_item_id: 'uuid',
        province_code: 'text',
        event_type: 'text',
        fingerprint: 'text',
        profile: 'jsonb',
        candidates: 'jsonb',
      },
      reviews,
    );
    return reviews.map((r) => r.id);
  }

  /** Pending reviews of the officer's provinces, oldest first. */
  async listPending(
    actor: ReviewActor,
    options: { limit?: number; after?: string } = {},
  ): Promise<ReviewSummary[]> {
    const limit = Math.min(Math.max(1, options.limit ?? 50), PAGE_MAX);
    const all = actor.provinceCodes === 'ALL';
    const found = await rows<ReviewRow>(
      this.dataSource,
      `SELECT * FROM match_review
        WHERE status = 'PENDING' AND ($1::boolean OR province_code = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR created_at > $3::timestamptz)
        ORDER BY created_at, id LIMIT $4`,
      [all, all ? [] : actor.provinceCodes, options.after ?? null, limit],
    );
    return found.map(summaryOf);
  }

  /** One review with the held record and each candidate's current record side by side (audited). */
  async get(actor: ReviewActor, id: string): Promise<ReviewDetail> {
    const review = await this.load(this.dataSource, actor, id, 'MATCHING.REVIEW_VIEWED');
    const detail = await this.detailOf(this.dataSource, review);
    await this.audit.append([this.entry(actor, 'MATCHING.REVIEW_VIEWED', review, {})]);
    return detail;
  }

  async decide(actor: ReviewActor, id: string, decision: ReviewDecision): Promise<ReviewDetail> {
    return this.dataSource.transaction(async (tx) => {
      const review = await this.load(tx, actor, id, 'MATCHING.REVIEW_DECIDED', true);
      if (review.status !== 'PENDING') {
        throw new MatchingException(
          'MATCHING.REVIEW_ALREADY_DECIDED',
          `Hồ sơ xem xét ${id} đã được quyết định (${review.status === 'SAME_EVENT' ? 'cùng một sự kiện' : 'khác sự kiện'}) bởi ${review.decided_by ?? 'cán bộ khác'}.`,
        );
      }
      const candidateIds = review.candidates.map((c) => c.eventId);
      if (decision.decision === 'SAME_EVENT' && !candidateIds.includes(decision.eventId)) {
        throw new MatchingException(
          'MATCHING.REVIEW_UNKNOWN_CANDIDATE',
          `Sự kiện ${decision.eventId} không nằm trong danh sách nghi trùng của hồ sơ ${id}: chọn một trong ${candidateIds.join(', ')}.`,
        );
      }
      const decidedEventId = decision.decision === 'SAME_EVENT' ? decision.eventId : null;
      await tx.query(
        `UPDATE match_review SET status = $2, decided_event_id = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
        [id, decision.decision, decidedEventId, actor.userId],
      );
      const pairs = decision.decision === 'SAME_EVENT' ? [decision.eventId] : candidateIds;
      await insertRows(
        tx,
        'match_pair_decision',
        { fingerprint: 'text', event_id: 'uuid', decision: 'text', review_id: 'uuid' },
        pairs.map((eventId) => ({
          fingerprint: review.fingerprint,
          event_id: eventId,
          decision: decision.decision,
          review_id: id,
        })),
        'ON CONFLICT (fingerprint, event_id) DO UPDATE SET decision = EXCLUDED.decision, review_id = EXCLUDED.review_id, decided_at = now()',
      );
      if (review.intake_item_id !== null) {
        // The held item, and the unchanged resends of it that joined this review (held, no review of their own).
        const items = `status = 'HELD' AND (id = $1 OR (
            (source_id, source_record_id) = (SELECT source_id, source_record_id FROM intake_item WHERE id = $1)
            AND NOT EXISTS (SELECT 1 FROM match_review r WHERE r.intake_item_id = intake_item.id)))`;
        await tx.query(
          decision.decision === 'SAME_EVENT'
            ? `UPDATE intake_item SET status = 'DUPLICATE', event_id = $2, processed_at = now(),
                      event_version = (SELECT version FROM civil_event WHERE id = $2)
                WHERE ${items}`
            : `UPDATE intake_item SET status = 'RECEIVED', processed_at = NULL WHERE ${items}`,
          decision.decision === 'SAME_EVENT'
            ? [review.intake_item_id, decidedEventId]
            : [review.intake_item_id],
        );
      }
      if (decidedEventId !== null) await this.noticeMerge(tx, actor, decidedEventId, decision.reason ?? '');
      await this.audit.append(
        [
          this.entry(actor, 'MATCHING.REVIEW_DECIDED', review, {
            decision: decision.decision,
            eventId: decidedEventId,
            candidates: candidateIds,
            ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
          }),
        ],
        tx,
      );
      return this.detailOf(tx, {
        ...review,
        status: decision.decision,
        decided_event_id: decidedEventId,
        decided_by: actor.userId,
        decided_at: new Date(),
      });
    });
  }

  /**
   * A merge after review: the held record is now a linked duplicate of a registered event. The
   * event itself keeps its content and version (nothing of the held record is copied into it), so
   * there is no new version; the supervisors of the event's province are told, with the reason, as
   * for any other change that concerns a registered event (issue 6, point 4).
   */
  private async noticeMerge(
    tx: Queryable,
    actor: ReviewActor,
    eventId: string,
    reason: string,
  ): Promise<void> {
    const [event] = await rows<{
      version: number;
      event_type: string;
      authority_code: string;
      province_code: string | null;
    }>(
      tx,
      'SELECT version, event_type, authority_code, province_code FROM civil_event WHERE id = $1 FOR SHARE',
      [eventId],
    );
    if (!event)
      throw new MatchingException('MATCHING.REVIEW_UNKNOWN_CANDIDATE', `Không tìm thấy sự kiện ${eventId}.`);
    await this.changeNotices.record(tx, [
      {
        eventId,
        eventVersion: event.version,
        eventType: event.event_type,
        changeKind: 'MERGED',
        reason,
        actorType: 'USER',
        actorId: actor.userId,
        actorName: null,
        authorityCode: event.authority_code,
        provinceCode: event.province_code,
        changedFields: null,
      },
    ]);
  }

  private async load(
    db: Queryable,
    actor: ReviewActor,
    id: string,
    action: string,
    lock = false,
  ): Promise<ReviewRow> {
    const [review] = /^[0-9a-f-]{36}$/i.test(id)
      ? await rows<ReviewRow>(db, `SELECT * FROM match_review WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
          id,
        ])
      : [];
    if (review === undefined) throw notFound(id);
    if (
      actor.provinceCodes !== 'ALL' &&
      (review.province_code === null || !actor.provinceCodes.includes(review.province_code))
    ) {
      // DESIGN.md §7: reaching outside one's jurisdiction is refused and recorded; the answer is the
      // one for a review that does not exist, so another province's held records are not revealed.
      await this.audit.append([
        this.entry(actor, `${action}.REFUSED`, review, { reason: 'OUT_OF_JURISDICTION' }),
      ]);
      throw notFound(id);
    }
    return review;
  }

  private async detailOf(db: Queryable, review: ReviewRow): Promise<ReviewDetail> {
    const [held] = review.intake_item_id
      ? await rows<{ payload: unknown }>(db, 'SELECT payload FROM intake_payload WHERE item_id = $1', [
          review.intake_item_id,
        ])
      : [];
    const ids = review.candidates.map((c) => c.eventId);
    // The current version of each candidate: its own record, or the payload it was received as.
    const records = await rows<{ event_id: string; record: unknown }>(
      db,
      `SELECT e.id AS event_id, COALESCE(v.record, ip.payload) AS record
         FROM civil_event e
         JOIN civil_event_version v ON v.event_id = e.id AND v.version = e.version
         LEFT JOIN intake_payload ip ON ip.item_id = v.intake_item_id
        WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(records.map((r) => [r.event_id, r.record]));
    const candidates: ReviewCandidate[] = review.candidates.map((c) => ({
      ...c,
      record: byId.get(c.eventId) ?? null,
    }));
    return {
      ...summaryOf(review),
      intakeItemId: review.intake_item_id,
      record: held?.payload ?? null,
      candidates,
      decidedEventId: review.decided_event_id,
      decidedBy: review.decided_by,
      decidedAt: review.decided_at?.toISOString() ?? null,
    };
  }

  private entry(actor: ReviewActor, action: string, review: ReviewRow, details: Record<string, unknown>) {
    return {
      actorType: 'USER' as const,
      actorId: actor.userId,
      action,
      entityType: 'match_review',
      entityId: review.id,
      provinceCode: review.province_code,
      correlationId: actor.correlationId ?? null,
      details,
    };
  }
}

function notFound(id: string): MatchingException {
  return new MatchingException('MATCHING.REVIEW_NOT_FOUND', `Không tìm thấy hồ sơ xem xét trùng lặp ${id}.`, {
    details: { id },
  });
}

function summaryOf(r: ReviewRow): ReviewSummary {
  return {
    id: r.id,
    eventType: r.event_type,
    provinceCode: r.province_code,
    status: r.status,
    candidateCount: r.candidates.length,
    bestScore: r.candidates[0]?.score ?? null,
    candidates: r.candidates,
    createdAt: r.created_at.toISOString(),
  };
}
