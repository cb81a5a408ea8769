import { Module } from '@nestjs/common';
import { ValidationModule } from '../validation/validation.module.js';
import { ChangeNoticesModule } from './change-notices.module.js';
import { CorrectionsController } from './corrections.controller.js';
import { EventCorrectionService } from './event-correction.service.js';
import { NotificationsController } from './notifications.controller.js';

/** Officials' corrections of registered events and the province supervisors' notices of changes. */
@Module({
  imports: [ValidationModule, ChangeNoticesModule],
  controllers: [CorrectionsController, NotificationsController],
  providers: [EventCorrectionService],
})
export class ChangesModule {}
