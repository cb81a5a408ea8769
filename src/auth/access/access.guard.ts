import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { HubConfig } from '../../../config/hub.config.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { HUB_CONFIG } from '../../common/config/hub-config.module.js';
import { correlationIdOf } from '../../common/http/correlation-id.middleware.js';
import { RateLimiter } from '../../common/http/rate-limiter.js';
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
  private readonly limits: Record<'user' | 'source' | 'public', RateLimiter>;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly sources: SourceRegistryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.limits = {
      user: new RateLimiter(config.RATE_LIMIT_USER_PER_MINUTE),
      source: new RateLimiter(config.RATE_LIMIT_SOURCE_PER_MINUTE),
      public: new RateLimiter(config.RATE_LIMIT_LOGIN_PER_MINUTE),
    };
  }

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
        // Health probes are not limited; the login and refresh endpoints are, per client address.
        if (req.method === 'POST') this.limit(context, 'public', req.ip ?? 'unknown');
        return true;
      case 'source-message':
        // The adapter authenticates the message itself (adapters/soap: WS-Security) and applies
        // the source's province binding; an unauthenticated call gets its protocol's fault.
        return true;
      case 'source': {
        req.source = await this.sources.authenticate(bearer(req, 'AUTH.MISSING_API_KEY'));
        this.limit(context, 'source', req.source.sourceId);
        return true;
      }
      case 'user': {
        const user = await this.sessions.authenticate(bearer(req, 'AUTH.UNAUTHENTICATED'));
        req.user = user;
        this.limit(context, 'user', user.userId);
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

  private limit(context: ExecutionContext, kind: 'user' | 'source' | 'public', key: string): void {
    const wait = this.limits[kind].take(key, this.clock.now().getTime());
    if (wait === 0) return;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw tooMany(wait);
  }
}

function tooMany(seconds: number): AuthException {
  return new AuthException(
    'HTTP.TOO_MANY_REQUESTS',
    `Quá nhiều yêu cầu trong thời gian ngắn; hãy thử lại sau ${seconds} giây.`,
    429,
    { retryAfterSeconds: seconds },
  );
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
