import { HubException } from '../../src/common/errors/hub.exception.js';

export type CsvErrorCode =
  | 'CSV.NOT_MULTIPART'
  | 'CSV.NO_FILE'
  | 'CSV.UPLOAD_FAILED'
  | 'CSV.JOB_NOT_FOUND'
  | 'CSV.NO_CSV_MAPPING'
  | 'CSV.UNREADABLE';

/** Permanent, per file. A file that cannot be read at all fails its job; rows never fail the file. */
export class CsvAdapterException extends HubException {
  constructor(code: CsvErrorCode, message: string, httpStatus = 400, options?: { cause?: unknown }) {
    super(code, message, httpStatus, undefined, options);
  }
}
