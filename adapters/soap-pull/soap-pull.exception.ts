import { HubException } from '../../src/common/errors/hub.exception.js';

export type SoapPullErrorCode =
  | 'SOAP_PULL.UNREACHABLE'
  | 'SOAP_PULL.TIMEOUT'
  | 'SOAP_PULL.SERVER_FAULT'
  | 'SOAP_PULL.CLIENT_FAULT'
  | 'SOAP_PULL.AUTH_FAILED'
  | 'SOAP_PULL.BAD_RESPONSE'
  | 'SOAP_PULL.NOT_CONFIGURED'
  | 'SOAP_PULL.LEASE_LOST';

const RETRYABLE: ReadonlySet<SoapPullErrorCode> = new Set([
  'SOAP_PULL.UNREACHABLE',
  'SOAP_PULL.TIMEOUT',
  'SOAP_PULL.SERVER_FAULT',
  'SOAP_PULL.LEASE_LOST',
]);

/** Retryable: the service is down, slow or failing on its side. Permanent: a person must act. */
export class SoapPullException extends HubException {
  readonly retryable: boolean;

  constructor(code: SoapPullErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, 502, undefined, options);
    this.retryable = RETRYABLE.has(code);
  }
}

/** Anything thrown while pulling, as a code of ours (a bug or a database error: retryable, unknown). */
export function asSoapPullError(err: unknown, where: string): SoapPullException {
  if (err instanceof SoapPullException) return err;
  return new SoapPullException('SOAP_PULL.SERVER_FAULT', `${where}: lỗi khi nhận dữ liệu, sẽ thử lại`, {
    cause: err,
  });
}
