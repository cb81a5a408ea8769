import { HubException } from '../../src/common/errors/hub.exception.js';

/**
 * SOAP 1.1 fault codes (§4.4.1): the part before the dot is the standard code, the part after it
 * says more (`Client.auth`). The hub code (`SOAP.AUTH_FAILED`) goes in the fault's detail, so a
 * source system can branch on it; `Client.*` means "fix the request", `Server.*` means "send again
 * later, unchanged".
 */
export type SoapFaultCode =
  | 'VersionMismatch'
  | 'MustUnderstand'
  | 'Client.auth'
  | 'Client.malformed'
  | 'Client.forbiddenDtd'
  | 'Client.tooDeep'
  | 'Client.tooLarge'
  | 'Client.timeout'
  | 'Client.unknownOperation'
  | 'Client.validation'
  | 'Server.unavailable'
  | 'Server.internal';

export class SoapFault extends HubException {
  constructor(
    readonly faultCode: SoapFaultCode,
    code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    // SOAP 1.1 over HTTP: every fault is an HTTP 500 (§6.2).
    super(code, message, 500, undefined, options);
  }

  get retryable(): boolean {
    return this.faultCode.startsWith('Server.');
  }
}

/** Any error as the fault a source system is told; internals never reach the fault string. */
export function toSoapFault(error: unknown): SoapFault {
  if (error instanceof SoapFault) return error;
  if (isUnavailable(error)) {
    return new SoapFault(
      'Server.unavailable',
      'SOAP.UNAVAILABLE',
      'Hệ thống tạm thời không sẵn sàng; vui lòng gửi lại nguyên lô sau ít phút (gửi lại không tạo bản trùng).',
      { cause: error },
    );
  }
  return new SoapFault(
    'Server.internal',
    'INTERNAL',
    'Lỗi hệ thống. Vui lòng thử lại hoặc báo cho bộ phận kỹ thuật kèm mã tương quan.',
    { cause: error },
  );
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Connection-level failures of the database (node-postgres and PostgreSQL SQLSTATE classes 08,
 * 53300 too many connections, 57P01–03 shutdown): retryable, the source should send again later.
 */
function isUnavailable(error: unknown): boolean {
  const code = errorCode(error);
  if (code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[1-3]|53300|08\d\d\d)$/.test(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
