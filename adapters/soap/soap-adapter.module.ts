import { Module } from '@nestjs/common';
import { AuthModule } from '../../src/auth/auth.module.js';
import { IntakeModule } from '../../src/intake/intake.module.js';
import { CivilStatusSoapService } from './civil-status-soap.service.js';
import { SoapEndpointController } from './soap-endpoint.controller.js';
import { DEFAULT_SOAP_LIMITS, SOAP_LIMITS } from './soap-limits.js';

/** SOAP adapter (push): the WSDL and the SOAP 1.1 endpoint at /soap/v1/civil-status. */
@Module({
  imports: [AuthModule, IntakeModule],
  controllers: [SoapEndpointController],
  providers: [CivilStatusSoapService, { provide: SOAP_LIMITS, useValue: DEFAULT_SOAP_LIMITS }],
})
export class SoapAdapterModule {}
