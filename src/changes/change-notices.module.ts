import { Module } from '@nestjs/common';
import { ChangeNoticeService } from './change-notice.service.js';

/** The notices alone, so the register writer can leave one without depending on the officials' endpoints. */
@Module({ providers: [ChangeNoticeService], exports: [ChangeNoticeService] })
export class ChangeNoticesModule {}
