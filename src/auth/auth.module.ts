import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access/access.guard.js';
import { AuthController } from './login/auth.controller.js';
import { LoginService } from './login/login.service.js';
import { SessionService } from './login/session.service.js';
import { SourceAuthGuard } from './source-auth.guard.js';
import { SourceRegistryService } from './source-registry.service.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UsersController } from './users/users.controller.js';

@Module({
  controllers: [AuthController, UsersController],
  providers: [
    SourceRegistryService,
    SourceAuthGuard,
    UserAccountsService,
    SessionService,
    LoginService,
    // Every HTTP route passes the access guard: it enforces each route's declared permission.
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [SourceRegistryService, SourceAuthGuard, UserAccountsService, SessionService],
})
export class AuthModule {}
