import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { SourcePermission, UserPermission } from '../../../config/access-control.js';
import { AuthException } from '../auth.exception.js';
import type { UserPrincipal } from './user-principal.js';

/** What an endpoint requires. Every route declares exactly one (test/auth/route-permissions.test.ts). */
export type AccessRule =
  | { kind: 'user'; permission: UserPermission }
  | { kind: 'source'; permission: SourcePermission }
  | { kind: 'public'; reason: string }
  /** A source system that authenticates inside the message (SOAP WS-Security); the adapter checks it. */
  | { kind: 'source-message'; permission: SourcePermission; transport: string };

export const ACCESS_RULE = 'hub:access-rule';

/** An official holding this permission (through one of their roles). */
export const RequiresPermission = (permission: UserPermission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'user', permission } satisfies AccessRule);

/** A source system (machine account, API key) with this permission. */
export const SourceEndpoint = (permission: SourcePermission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'source', permission } satisfies AccessRule);

/**
 * A source system whose credentials travel inside the message (WS-Security UsernameToken in a SOAP
 * envelope): the transport's adapter authenticates it and answers a failure in its own protocol.
 */
export const SourceAuthenticatedInMessage = (
  permission: SourcePermission,
  transport: string,
): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'source-message', permission, transport } satisfies AccessRule);

/** No authentication, deliberately; the reason is kept for reviewers (health probes, login). */
export const PublicEndpoint = (reason: string): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'public', reason } satisfies AccessRule);

export type UserRequest = Request & { user?: UserPrincipal };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const user = context.switchToHttp().getRequest<UserRequest>().user;
  if (!user) throw new AuthException('AUTH.UNAUTHENTICATED', 'Chưa đăng nhập.', 401);
  return user;
});
