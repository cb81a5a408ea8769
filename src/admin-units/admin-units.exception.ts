import { HubException } from '../common/errors/hub.exception.js';

export type AdminUnitsErrorCode = 'ADMIN_UNITS.DATA_INVALID' | 'ADMIN_UNITS.INVALID_DATE';

/**
 * DATA_INVALID stops start-up (broken reference data is an operator problem, hence 500);
 * INVALID_DATE is a caller's mistake.
 */
export class AdminUnitsException extends HubException {
  constructor(code: AdminUnitsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, code === 'ADMIN_UNITS.DATA_INVALID' ? 500 : 400, undefined, options);
  }
}
