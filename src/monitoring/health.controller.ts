import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicEndpoint } from '../auth/access/access.decorators.js';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';

/** Liveness and readiness (DESIGN.md §8); broker and population-DB checks join with their issues. */
@ApiTags('monitoring')
@PublicEndpoint('liveness and readiness probes')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
