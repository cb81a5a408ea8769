import { Global, Module } from '@nestjs/common';
import { SecurityAlertService } from './security-alert.service.js';
import { SecurityAlertsController } from './security-alerts.controller.js';

@Global()
@Module({
  providers: [SecurityAlertService],
  controllers: [SecurityAlertsController],
  exports: [SecurityAlertService],
})
export class AlertsModule {}
