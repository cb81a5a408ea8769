import { HubException } from '../common/errors/hub.exception.js';

export type MatchingErrorCode =
  | 'MATCHING.CONFIG_INVALID'
  | 'MATCHING.DUPLICATE_BIRTH'
  | 'MATCHING.DUPLICATE_DEATH'
  | 'MATCHING.DUPLICATE_MARRIAGE'
  | 'MATCHING.DUPLICATE_EVENT'
  | 'MATCHING.UNDISSOLVED_MARRIAGE';

/** CONFIG_INVALID stops start-up (an operator's problem, 500); the others refuse a record (409). */
export class MatchingException extends HubException {
  constructor(
    code: MatchingErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, code === 'MATCHING.CONFIG_INVALID' ? 500 : 409, options?.details, options);
  }
}
