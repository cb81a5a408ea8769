import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UserPrincipal } from '../../auth/access/user-principal.js';
import { jurisdictionOf } from '../../auth/jurisdiction/jurisdiction.js';
import { rows } from '../../database/sql.js';
import { IntakeProcessorService } from '../../intake/intake-processor.service.js';
import {
  toItemView,
  INTAKE_ITEM_COLUMNS,
  type IntakeItemRow,
  type IntakeItemView,
} from '../../intake/intake-item.view.js';
import { MatchingException } from '../matching.exception.js';
import type { ReviewActor, ReviewDecision, ReviewDetail, ReviewSummary } from './match-review.model.js';
import { MatchReviewService } from './match-review.service.js';

export interface DecisionResult {
  review: ReviewDetail;
  /** What became of the held intake item: a linked duplicate, or registered through intake. */
  item: IntakeItemView | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The review queue for officials over HTTP (issue 4, point 4). The officer's jurisdiction becomes the
 * review actor's provinces; a "different" decision releases the held item, which is then processed
 * at once through intake (validation → matching → the register writer), the pair now decided.
 */
@Injectable()
export class ReviewDecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: MatchReviewService,
    private readonly intake: IntakeProcessorService,
  ) {}

  list(
    user: UserPrincipal,
    query: { after?: string; limit?: string },
    correlationId: string | null,
  ): Promise<ReviewSummary[]> {
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200))
      throw invalid('limit', 'Tham số limit phải là số nguyên từ 1 đến 200.');
    if (query.after !== undefined && Number.isNaN(Date.parse(query.after)))
      throw invalid(
        'after',
        'Tham số after phải là một thời điểm ISO 8601 (createdAt của hồ sơ cuối trang trước).',
      );
    return this.reviews.listPending(actorOf(user, correlationId), { limit, after: query.after });
  }

  get(user: UserPrincipal, id: string, correlationId: string | null): Promise<ReviewDetail> {
    return this.reviews.get(actorOf(user, correlationId), id);
  }

  async decide(
    user: UserPrincipal,
    id: string,
    body: unknown,
    correlationId: string | null,
  ): Promise<DecisionResult> {
    const review = await this.reviews.decide(actorOf(user, correlationId), id, parseDecision(body));
    if (review.intakeItemId === null) return { review, item: null };
    if (review.status === 'DIFFERENT') {
      // Released: the held item and its unchanged resends, registered now through intake (the recovery
      // sweep would take them otherwise).
      const released = await rows<{ id: string }>(
        this.dataSource,
        `SELECT i.id FROM intake_item i JOIN intake_item h ON h.id = $1
          WHERE i.status = 'RECEIVED' AND (i.id = h.id OR (i.source_id = h.source_id AND i.source_record_id = h.source_record_id))
          ORDER BY i.received_at, i.seq`,
        [review.intakeItemId],
      );
      // The reviewed item first, so that it is the one registered and its resends its duplicates.
      await this.intake.process([review.intakeItemId]);
      const resends = released.map((r) => r.id).filter((id) => id !== review.intakeItemId);
      if (resends.length > 0) await this.intake.process(resends);
    }
    const [row] = await rows<IntakeItemRow>(
      this.dataSource,
      `SELECT ${INTAKE_ITEM_COLUMNS} FROM intake_item WHERE id = $1`,
      [review.intakeItemId],
    );
    return { review, item: row ? toItemView(row) : null };
  }
}

function actorOf(user: UserPrincipal, correlationId: string | null): ReviewActor {
  const j = jurisdictionOf(user);
  const provinceCodes = j.kind === 'ALL' ? 'ALL' : j.kind === 'PROVINCE' ? [j.provinceCode] : [];
  return { userId: user.userId, provinceCodes, ...(correlationId ? { correlationId } : {}) };
}

function parseDecision(body: unknown): ReviewDecision {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const key of Object.keys(b))
    if (key !== 'decision' && key !== 'eventId' && key !== 'reason')
      throw invalid(key, `Trường ${key} không được hỗ trợ.`);
  const reason = parseReason(b.reason, b.decision === 'SAME_EVENT');
  if (b.decision === 'DIFFERENT') {
    if (b.eventId !== undefined) throw invalid('eventId', 'Quyết định DIFFERENT không kèm eventId.');
    return reason === undefined ? { decision: 'DIFFERENT' } : { decision: 'DIFFERENT', reason };
  }
  if (b.decision === 'SAME_EVENT') {
    if (typeof b.eventId !== 'string' || !UUID.test(b.eventId))
      throw invalid(
        'eventId',
        'Quyết định SAME_EVENT cần eventId: mã sự kiện đã đăng ký trùng với hồ sơ này.',
      );
    return { decision: 'SAME_EVENT', eventId: b.eventId, reason: reason as string };
  }
  throw invalid(
    'decision',
    'Trường decision phải là SAME_EVENT (cùng một sự kiện) hoặc DIFFERENT (khác sự kiện).',
  );
}

const MAX_REASON_LENGTH = 1000;

/** The officer's reason, in NFC without surrounding spaces; required when `required`. */
function parseReason(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  const reason = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  if (reason.length === 0)
    throw invalid(
      'reason',
      'Cần ghi lý do khi xác định cùng một sự kiện (ví dụ: đối chiếu sổ đăng ký, số và quyển trùng khớp).',
    );
  if (reason.length > MAX_REASON_LENGTH) throw invalid('reason', `Lý do dài quá ${MAX_REASON_LENGTH} ký tự.`);
  return reason;
}

function invalid(field: string, message: string): MatchingException {
  return new MatchingException('MATCHING.REVIEW_INVALID_DECISION', message, { details: { field } });
}
