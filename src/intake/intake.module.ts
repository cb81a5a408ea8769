import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { RegisterModule } from '../register/register.module.js';
import { ValidationModule } from '../validation/validation.module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeMatchingService } from './intake-matching.service.js';
import { IntakeProcessorService } from './intake-processor.service.js';
import { IntakeRecoveryService } from './intake-recovery.service.js';
import { IntakeService } from './intake.service.js';

@Module({
  imports: [AuthModule, ValidationModule, RegisterModule, MatchingModule],
  controllers: [IntakeController],
  providers: [IntakeService, IntakeProcessorService, IntakeRecoveryService, IntakeMatchingService],
  exports: [IntakeService, IntakeRecoveryService, IntakeProcessorService],
})
export class IntakeModule {}
