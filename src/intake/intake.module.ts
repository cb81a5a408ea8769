import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RegisterModule } from '../register/register.module.js';
import { ValidationModule } from '../validation/validation.module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeProcessorService } from './intake-processor.service.js';
import { IntakeRecoveryService } from './intake-recovery.service.js';
import { IntakeService } from './intake.service.js';

@Module({
  imports: [AuthModule, ValidationModule, RegisterModule],
  controllers: [IntakeController],
  providers: [IntakeService, IntakeProcessorService, IntakeRecoveryService],
  exports: [IntakeService, IntakeRecoveryService],
})
export class IntakeModule {}
