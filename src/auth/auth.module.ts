import { Module } from '@nestjs/common';
import { SourceAuthGuard } from './source-auth.guard.js';
import { SourceRegistryService } from './source-registry.service.js';
import { UserAccountsService } from './user-accounts.service.js';

@Module({
  providers: [SourceRegistryService, SourceAuthGuard, UserAccountsService],
  exports: [SourceRegistryService, SourceAuthGuard, UserAccountsService],
})
export class AuthModule {}
