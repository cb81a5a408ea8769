import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { SourcePermission, UserPermission } from '../../../config/access-control.js';
import { AuthException } from '../auth.exception.js';
import type { UserPrincipal } from './user-principal.js';

/** What an endpoint requires. Every route declares exactly one (test/auth/route-permissions.test.ts). */
export type AccessRule =
  | { kind: 'user'; permission: UserPermission }
  | { kind: 'source'; permission: SourcePermission }
  | { kind: 'public'; reason: string };

export const ACCESS_RULE = 'hub:access-rule';

/** An official holding this permission (through one of their roles). */
export const RequiresPermission = (permission: UserPermission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'user', permission } satisfies AccessRule);

/** A source system (machine account, API key) with this permission. */
export const SourceEndpoint = (permission: SourcePermission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'source', permission } satisfies AccessRule);

/** No authentication, deliberately; the reason is kept for reviewers (health probes, login). */
export const PublicEndpoint = (reason: string): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'public', reason } satisfies AccessRule);

export type UserRequest = Request & { user?: UserPrincipal };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const user = context.switchToHttp().getRequest<UserRequest>().user;
  if (!user) throw new AuthException('AUTH.UNAUTHENTICATED', 'Chưa đăng nhập.', 401);
  return user;
});
