import { HubException } from '../../common/errors/hub.exception.js';

export type MappingErrorCode = 'MAPPING.SPEC_INVALID' | 'MAPPING.INPUT_INVALID' | 'MAPPING.NOT_FOUND';

/**
 * SPEC_INVALID stops start-up or the command (a broken mapping is an operator's problem, hence 500);
 * INPUT_INVALID is a whole file that cannot be read at all (a row's problems are MappingIssues instead).
 */
export class MappingException extends HubException {
  constructor(code: MappingErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, code === 'MAPPING.SPEC_INVALID' ? 500 : 400, undefined, options);
  }
}
