import { Module } from '@nestjs/common';
import { ChangeNoticesModule } from '../changes/change-notices.module.js';
import { RegisterWriterService } from './register-writer.service.js';
import { RegisteringAuthoritySyncService } from './registering-authority-sync.service.js';

@Module({
  imports: [ChangeNoticesModule],
  providers: [RegisterWriterService, RegisteringAuthoritySyncService],
  exports: [RegisterWriterService],
})
export class RegisterModule {}
