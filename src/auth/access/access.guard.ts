import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '../../audit/audit.service.js';
import { correlationIdOf } from '../../common/http/correlation-id.middleware.js';
import { AuthException } from '../auth.exception.js';
import { SessionService } from '../login/session.service.js';
import type { SourcePrincipal } from '../source-principal.js';
import { SourceRegistryService } from '../source-registry.service.js';
import { ACCESS_RULE, type AccessRule, type UserRequest } from './access.decorators.js';

/**
 * The one gate of every HTTP route (registered as APP_GUARD): reads the route's declared rule and
 * authenticates accordingly. A route without a declaration is refused (deny by default) and logged,
 * besides the test that walks all routes. Non-HTTP handlers (message consumers) authenticate at
 * their transport and pass here.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly sources: SourceRegistryService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<UserRequest & { source?: SourcePrincipal }>();
    if (!rule) {
      this.logger.error(
        { route: `${context.getClass().name}.${context.getHandler().name}` },
        'route declares no permission',
      );
      throw new AuthException('AUTH.FORBIDDEN', 'Không có quyền thực hiện thao tác này.', 403);
    }
    switch (rule.kind) {
      case 'public':
        return true;
      case 'source': {
        req.source = await this.sources.authenticate(bearer(req, 'AUTH.MISSING_API_KEY'));
        return true;
      }
      case 'user': {
        const user = await this.sessions.authenticate(bearer(req, 'AUTH.UNAUTHENTICATED'));
        req.user = user;
        if (user.permissions.has(rule.permission)) return true;
        await this.audit.append([
          {
            actorType: 'USER',
            actorId: user.userId,
            action: 'ACCESS.DENIED',
            entityType: 'route',
            entityId: `${req.method} ${req.route ? String((req.route as { path?: unknown }).path) : req.path}`,
            correlationId: correlationIdOf(req) ?? null,
            details: { permission: rule.permission, roles: user.roles },
          },
        ]);
        throw new AuthException(
          'AUTH.FORBIDDEN',
          `Vai trò của bạn không có quyền "${rule.permission}" cần cho thao tác này.`,
          403,
        );
      }
    }
  }
}

function bearer(req: UserRequest, missingCode: string): string {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1])
    throw new AuthException(
      missingCode,
      missingCode === 'AUTH.MISSING_API_KEY'
        ? 'Thiếu khóa API: gửi tiêu đề "Authorization: Bearer <khóa>" do quản trị viên cấp cho hệ thống nguồn.'
        : 'Chưa đăng nhập: gửi tiêu đề "Authorization: Bearer <mã truy cập>".',
      401,
    );
  return match[1];
}
