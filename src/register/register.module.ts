import { Module } from '@nestjs/common';
import { RegisterWriterService } from './register-writer.service.js';
import { RegisteringAuthoritySyncService } from './registering-authority-sync.service.js';

@Module({
  providers: [RegisterWriterService, RegisteringAuthoritySyncService],
  exports: [RegisterWriterService],
})
export class RegisterModule {}
