import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthErrors } from './auth.exception.js';
import type { SourcePrincipal } from './source-principal.js';
import { SourceRegistryService } from './source-registry.service.js';

type SourceRequest = Request & { source?: SourcePrincipal };

/** Machine-to-machine authentication of source systems: `Authorization: Bearer <API key>`. */
@Injectable()
export class SourceAuthGuard implements CanActivate {
  constructor(private readonly sources: SourceRegistryService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<SourceRequest>();
    // The global access guard has already authenticated the source of a @SourceEndpoint route.
    if (req.source) return true;
    const header = req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw AuthErrors.missingKey();
    req.source = await this.sources.authenticate(match[1]);
    return true;
  }
}

export const CurrentSource = createParamDecorator(
  (_: unknown, context: ExecutionContext): SourcePrincipal => {
    const source = context.switchToHttp().getRequest<SourceRequest>().source;
    if (!source) throw AuthErrors.missingKey();
    return source;
  },
);
