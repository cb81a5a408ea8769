import { Global, Module } from '@nestjs/common';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  providers: [AuditService, AuditVerifierService, AuditAnchorService],
  exports: [AuditService, AuditVerifierService, AuditAnchorService],
})
export class AuditModule {}
