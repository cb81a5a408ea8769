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
