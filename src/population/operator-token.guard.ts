import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { PopulationException } from './population.exception.js';
import type { PopulationOptions } from './population.options.js';
import { POPULATION_OPTIONS } from './population.tokens.js';

/**
 * The operator API (replay, service level) until officials' logins and roles exist over HTTP: one
 * bearer token from HUB_OPERATOR_TOKEN, compared in constant time. Without it the API is off (503).
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(POPULATION_OPTIONS) private readonly options: PopulationOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.options.operatorToken;
    if (!expected) throw PopulationException.operatorApiDisabled();
    const header = context.switchToHttp().getRequest<Request>().header('authorization') ?? '';
    const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
    const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw PopulationException.operatorUnauthorized();
    return true;
  }
}
