import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { renderWsdl, SOAP_SERVICE_PATH } from '../../contracts/v1/soap/build-wsdl.js';
import { PublicEndpoint, SourceAuthenticatedInMessage } from '../../src/auth/access/access.decorators.js';
import { correlationIdOf } from '../../src/common/http/correlation-id.middleware.js';
import { CivilStatusSoapService } from './civil-status-soap.service.js';
import { readSoapMessage } from './read-soap-message.js';
import { answerAfterRefusedBody } from './refused-body.js';
import { errorCode, errorName, SoapFault, toSoapFault } from './soap-fault.js';
import { faultResponse } from './soap-response.writer.js';
import { SOAP_LIMITS, type SoapLimits } from './soap-limits.js';
import { SOAP_CONFIG, type SoapConfig } from './soap.config.js';

const XML = 'text/xml; charset=utf-8';
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The SOAP endpoint: `GET ?wsdl` serves the WSDL generated from contracts/v1 (with this hub's
 * address), `POST` takes SOAP 1.1 messages. The body is read here, not by a body parser, so the
 * safe reader sees the bytes as they arrive. Every failure answers as a SOAP fault.
 */
@ApiExcludeController()
@Controller(SOAP_SERVICE_PATH.slice(1))
export class SoapEndpointController {
  private readonly logger = new Logger('SoapAdapter');
  private readonly wsdlByAddress = new Map<string, string>();

  constructor(
    private readonly soap: CivilStatusSoapService,
    @Inject(SOAP_LIMITS) private readonly limits: SoapLimits,
    @Inject(SOAP_CONFIG) private readonly config: SoapConfig,
  ) {}

  @Get()
  @PublicEndpoint('the WSDL is the published contract that source systems build their clients from')
  wsdl(@Req() req: Request, @Res() res: Response): void {
    if (!('wsdl' in req.query) && !('WSDL' in req.query)) {
      res.status(404).type('text/plain; charset=utf-8').send(`Mô tả dịch vụ: ${SOAP_SERVICE_PATH}?wsdl`);
      return;
    }
    res.status(200).type(XML).send(this.wsdlFor(req));
  }

  @Post()
  @SourceAuthenticatedInMessage('intake.submit', 'SOAP WS-Security UsernameToken')
  async call(@Req() req: Request, @Res() res: Response): Promise<void> {
    const correlationId = correlationIdOf(req);
    let answer: string;
    try {
      const message = await readSoapMessage(req, this.limits);
      answer = await this.soap.handle(message, correlationId ?? null);
    } catch (error) {
      const fault = this.toFault(error, correlationId);
      const send = (): void => void res.status(500).type(XML).send(faultResponse(fault, correlationId));
      if (req.readableEnded) send();
      else answerAfterRefusedBody(req, res, send);
      return;
    }
    res.status(200).type(XML).send(answer);
  }

  private toFault(error: unknown, correlationId: string | undefined): SoapFault {
    const fault = toSoapFault(error);
    // Only codes are logged: a driver's message may quote record values (personal data).
    const cause = error instanceof SoapFault ? undefined : { name: errorName(error), code: errorCode(error) };
    if (fault.faultCode === 'Server.internal') {
      // Where it failed (the stack's frames), without its first line, which holds the message.
      const frames = error instanceof Error ? error.stack?.split('\n').slice(1, 8).join('\n') : undefined;
      this.logger.error({ correlationId, cause, frames }, 'SOAP request failed');
    } else
      this.logger.warn({ correlationId, code: fault.code, faultCode: fault.faultCode, cause }, 'SOAP fault');
    return fault;
  }

  private wsdlFor(req: Request): string {
    // Without SOAP_PUBLIC_URL the address is the caller's Host header, accepted only as a plain
    // host[:port]; the scheme is Express's (X-Forwarded-Proto only when 'trust proxy' is set).
    const host = req.header('host') ?? '';
    const base = this.config.publicUrl ?? `${req.protocol}://${HOST.test(host) ? host : 'localhost'}`;
    const address = `${base}${SOAP_SERVICE_PATH}`;
    let wsdl = this.wsdlByAddress.get(address);
    if (!wsdl) {
      wsdl = renderWsdl(address);
      if (this.wsdlByAddress.size < 16) this.wsdlByAddress.set(address, wsdl);
    }
    return wsdl;
  }
}
