import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { HubConfig } from '../../config/hub.config.js';
import { SOAP_SERVICE_PATH } from '../../contracts/v1/soap/build-wsdl.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { HUB_CONFIG } from '../../src/common/config/hub-config.module.js';
import { concurrencyLimit } from '../../src/common/http/concurrency-limit.middleware.js';
import { IntakeModule } from '../../src/intake/intake.module.js';
import { CivilStatusSoapService } from './civil-status-soap.service.js';
import { SoapEndpointController } from './soap-endpoint.controller.js';
import { DEFAULT_SOAP_LIMITS, SOAP_LIMITS } from './soap-limits.js';
import { loadSoapConfig, SOAP_CONFIG } from './soap.config.js';

/** SOAP adapter (push): the WSDL and the SOAP 1.1 endpoint at /soap/v1/civil-status. */
@Module({
  imports: [AuthModule, IntakeModule],
  controllers: [SoapEndpointController],
  providers: [
    CivilStatusSoapService,
    { provide: SOAP_LIMITS, useValue: DEFAULT_SOAP_LIMITS },
    { provide: SOAP_CONFIG, useFactory: () => loadSoapConfig() },
  ],
})
export class SoapAdapterModule implements NestModule {
  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  /**
   * SOAP calls wait, unread, in their sockets like REST batches do (INTAKE_MAX_CONCURRENT_BATCHES
   * per process), so a burst of clients cannot hold many 16 MB messages in memory at once. The
   * limit is counted apart from REST's: the WSDL and the REST route are not slowed by SOAP load.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(concurrencyLimit(this.config.INTAKE_MAX_CONCURRENT_BATCHES))
      .forRoutes({ path: SOAP_SERVICE_PATH.slice(1), method: RequestMethod.POST });
  }
}
