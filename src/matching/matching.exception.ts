import { HubException } from '../common/errors/hub.exception.js';

export type MatchingErrorCode =
  | 'MATCHING.CONFIG_INVALID'
  | 'MATCHING.DUPLICATE_BIRTH'
  | 'MATCHING.DUPLICATE_DEATH'
  | 'MATCHING.DUPLICATE_MARRIAGE'
  | 'MATCHING.DUPLICATE_EVENT'
  | 'MATCHING.UNDISSOLVED_MARRIAGE'
  | 'MATCHING.REVIEW_NOT_FOUND'
  | 'MATCHING.REVIEW_OUT_OF_JURISDICTION'
  | 'MATCHING.REVIEW_ALREADY_DECIDED'
  | 'MATCHING.REVIEW_UNKNOWN_CANDIDATE'
  | 'MATCHING.REVIEW_NOT_REVIEWABLE'
  | 'MATCHING.REVIEW_INVALID_DECISION';

const STATUS: Partial<Record<MatchingErrorCode, number>> = {
  'MATCHING.CONFIG_INVALID': 500,
  'MATCHING.REVIEW_NOT_FOUND': 404,
  'MATCHING.REVIEW_OUT_OF_JURISDICTION': 403,
  'MATCHING.REVIEW_UNKNOWN_CANDIDATE': 400,
  'MATCHING.REVIEW_NOT_REVIEWABLE': 400,
  'MATCHING.REVIEW_INVALID_DECISION': 400,
};

/** CONFIG_INVALID stops start-up (an operator's problem, 500); refusals of a record are 409. */
export class MatchingException extends HubException {
  constructor(
    code: MatchingErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, STATUS[code] ?? 409, options?.details, options);
  }
}
