import { Module } from '@nestjs/common';
import { AuthModule } from '../../src/auth/auth.module.js';
import { IntakeModule } from '../../src/intake/intake.module.js';
import { MappingModule } from '../../src/mapping/mapping.module.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { SoapPullController } from './soap-pull.controller.js';
import { resolveSoapPullOptions, SOAP_PULL_ENV, SOAP_PULL_OPTIONS } from './soap-pull.options.js';
import { SoapPullCheckpointRepository } from './soap-pull-checkpoint.repository.js';
import { SoapPullPlans } from './soap-pull-plans.js';
import { SoapPullScheduler } from './soap-pull.scheduler.js';
import { SoapPullService } from './soap-pull.service.js';

/**
 * SOAP pull: for a province whose legacy system exposes its own SOAP service, the hub asks it for
 * records page by page on a schedule (mappings/<source-id>/pull.yaml), maps them and hands them to
 * intake. The push side (the hub's own SOAP endpoint) is adapters/soap. Never touches the register.
 */
@Module({
  imports: [AuthModule, IntakeModule, MappingModule],
  controllers: [SoapPullController],
  providers: [
    { provide: SOAP_PULL_OPTIONS, useFactory: () => resolveSoapPullOptions() },
    { provide: SOAP_PULL_ENV, useValue: process.env },
    {
      provide: SoapPullPlans,
      useFactory: (mappings: MappingRegistry) => SoapPullPlans.load(mappings),
      inject: [MappingRegistry],
    },
    SoapPullCheckpointRepository,
    SoapPullService,
    SoapPullScheduler,
  ],
  exports: [SoapPullService, SoapPullScheduler, SoapPullCheckpointRepository],
})
export class SoapPullModule {}
