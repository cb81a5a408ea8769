import type { MatchProfile } from './keys/match-profile.js';
import type { CandidateEvidence, MatchVerdict } from './match-verdict.js';
import type { MatchScorer } from './scoring/match-scorer.js';

export interface Candidate {
  readonly eventId: string;
  readonly profile: MatchProfile;
}

const MAX_REVIEW_CANDIDATES = 5;
const DISSOLVING = new Set(['DIVORCE', 'MARRIAGE_ANNULMENT']);

const DUPLICATE_CODES = {
  BIRTH: 'MATCHING.DUPLICATE_BIRTH',
  DEATH: 'MATCHING.DUPLICATE_DEATH',
  MARRIAGE: 'MATCHING.DUPLICATE_MARRIAGE',
} as const;

/**
 * The decision for one record given its candidates (found by blocking): pure, so the same code runs
 * against the register (PostgreSQL candidates), inside a batch, and in the evaluation harness.
 */
export class MatchEngine {
  constructor(private readonly scorer: MatchScorer) {}

  decide(profile: MatchProfile, candidates: readonly Candidate[]): MatchVerdict {
    const { definite, possible } = this.scorer.thresholds(profile.eventType);
    const scored: CandidateEvidence[] = [];
    const twinsOf: string[] = [];
    const byId = new Map<string, Candidate>();
    for (const c of candidates) {
      if (c.profile.eventType !== profile.eventType || byId.has(c.eventId)) continue;
      byId.set(c.eventId, c);
      // A marriage (or any event about several persons) is the same event only if every one of them
      // is the same person: one shared spouse is the undissolved-marriage rule's business.
      if (profile.subjects.length > 1 && !this.sameSubjects(profile, c.profile)) continue;
      const pair = this.scorer.scorePair(profile, c.profile);
      if (pair.twins) twinsOf.push(c.eventId);
      else {
        const score = pair.reviewOnly ? Math.min(pair.score, (definite + possible) / 2) : pair.score;
        scored.push({ eventId: c.eventId, score, evidence: pair.evidence });
      }
    }
    scored.sort((a, b) => b.score - a.score || (a.eventId < b.eventId ? -1 : 1));
    const best = scored[0];
    if (best !== undefined && best.score >= definite) {
      const existing = byId.get(best.eventId)!.profile;
      if (profile.registerRef !== undefined && existing.registerRef === profile.registerRef)
        return { kind: 'SAME_EVENT', eventId: best.eventId, candidate: best };
      if (profile.reRegistration && !existing.reRegistration)
        return { kind: 'RE_REGISTRATION_OF', earlierEventId: best.eventId, candidate: best };
      return duplicate(profile.eventType, best);
    }
    if (best !== undefined && best.score >= possible) {
      return {
        kind: 'POSSIBLE_DUPLICATE',
        candidates: scored.filter((c) => c.score >= possible).slice(0, MAX_REVIEW_CANDIDATES),
      };
    }
    if (profile.eventType === 'MARRIAGE') {
      const refused = this.undissolvedMarriage(profile, candidates);
      if (refused !== undefined) return refused;
    }
    return twinsOf.length > 0 ? { kind: 'NEW', twinsOf } : { kind: 'NEW' };
  }

  private sameSubjects(a: MatchProfile, b: MatchProfile): boolean {
    return a.subjects.every((s, i) => s === undefined || this.scorer.samePerson(s, b.subjects[i]).same);
  }

  /**
   * Luật Hôn nhân và gia đình 2014 Art. 5: no marriage while either party is married. An earlier
   * marriage of either spouse still stands unless a divorce or annulment of that couple, or the death
   * of the other spouse of that marriage, is registered.
   */
  private undissolvedMarriage(
    profile: MatchProfile,
    candidates: readonly Candidate[],
  ): MatchVerdict | undefined {
    for (const [side, spouse] of profile.subjects.entries()) {
      for (const earlier of candidates) {
        if (earlier.profile.eventType !== 'MARRIAGE') continue;
        const match = earlier.profile.subjects.findIndex((s) => this.scorer.samePerson(spouse, s).same);
        if (match < 0) continue;
        const partner = earlier.profile.subjects[1 - match];
        if (this.isDissolved(earlier.profile, partner, candidates)) continue;
        const role = side === 0 ? 'Bên vợ' : 'Bên chồng';
        return {
          kind: 'REFUSED',
          code: 'MATCHING.UNDISSOLVED_MARRIAGE',
          eventId: earlier.eventId,
          message:
            `${role} đang có quan hệ hôn nhân chưa chấm dứt (đăng ký kết hôn ${earlier.eventId}). ` +
            'Chỉ đăng ký kết hôn mới khi đã có ly hôn, hủy kết hôn trái pháp luật hoặc khai tử người kia.',
          evidence: [
            {
              field: `spouse[${side}]`,
              level: 'SAME_PERSON',
              weight: this.scorer.samePerson(spouse, earlier.profile.subjects[match]).score,
            },
          ],
        };
      }
    }
    return undefined;
  }

  private isDissolved(
    marriage: MatchProfile,
    partner: MatchProfile['subjects'][number],
    candidates: readonly Candidate[],
  ): boolean {
    return candidates.some((c) => {
      if (DISSOLVING.has(c.profile.eventType)) {
        return marriage.subjects.every((s) =>
          c.profile.subjects.some((d) => this.scorer.samePerson(s, d).same),
        );
      }
      return c.profile.eventType === 'DEATH' && this.scorer.samePerson(partner, c.profile.subjects[0]).same;
    });
  }
}

/** A definite duplicate of `best`, with the message an official or a source system reads. */
export function duplicate(eventType: string, best: CandidateEvidence): MatchVerdict {
  const code = DUPLICATE_CODES[eventType as keyof typeof DUPLICATE_CODES] ?? 'MATCHING.DUPLICATE_EVENT';
  return {
    kind: 'DUPLICATE',
    code,
    eventId: best.eventId,
    message: duplicateMessage(code, best.eventId),
    candidate: best,
  };
}

function duplicateMessage(code: string, id: string): string {
  switch (code) {
    case 'MATCHING.DUPLICATE_BIRTH':
      return (
        `Trùng với đăng ký khai sinh đã có (mã sự kiện ${id}): mỗi người chỉ được đăng ký khai sinh một lần. ` +
        'Nếu sổ hộ tịch và bản chính đã mất, gửi lại dưới dạng đăng ký lại (RE_REGISTRATION).'
      );
    case 'MATCHING.DUPLICATE_DEATH':
      return `Người này đã được đăng ký khai tử (mã sự kiện ${id}): mỗi người chỉ được khai tử một lần.`;
    case 'MATCHING.DUPLICATE_MARRIAGE':
      return `Việc kết hôn này đã được đăng ký (mã sự kiện ${id}).`;
    default:
      return `Sự kiện hộ tịch này đã được đăng ký (mã sự kiện ${id}).`;
  }
}
