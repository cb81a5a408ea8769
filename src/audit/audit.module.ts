import { Global, Module } from '@nestjs/common';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AuditSealerService } from './audit-sealer.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  providers: [AuditService, AuditSealerService, AuditVerifierService, AuditAnchorService],
  exports: [AuditService, AuditSealerService, AuditVerifierService, AuditAnchorService],
})
export class AuditModule {}
