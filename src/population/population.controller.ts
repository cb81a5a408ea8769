import { Controller, Get, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';

import { CurrentSource, SourceAuthGuard } from '../auth/source-auth.guard.js';
import type { SourcePrincipal } from '../auth/source-principal.js';
import { OperatorTokenGuard } from './operator-token.guard.js';
import { PopulationException } from './population.exception.js';
import { PopulationStatusService, type EventConfirmation } from './population-status.service.js';

/** A source (or the registration web application) waits for one event's answer, e.g. a birth's number. */
@UseGuards(SourceAuthGuard)
@Controller('api/v1/population')
export class PopulationConfirmationController {
  constructor(private readonly status: PopulationStatusService) {}

  /** Long-poll: answers as soon as the population database has answered, or after timeoutMs (≤ 60 s). */
  @Get('events/:eventId/confirmation')
  confirmation(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Query('timeoutMs') timeoutMs: string | undefined,
    @CurrentSource() source: SourcePrincipal,
  ): Promise<EventConfirmation> {
    const timeout = timeoutMs === undefined ? 10_000 : Number(timeoutMs);
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 60_000) throw PopulationException.badTimeout();
    return this.status.waitForConfirmation(eventId, source.sourceId, timeout);
  }
}

/** The Ministry's IT staff: service level, overdue and dead messages, and replay. */
@UseGuards(OperatorTokenGuard)
@Controller('api/v1/population/operator')
export class PopulationOperatorController {
  constructor(private readonly status: PopulationStatusService) {}

  @Get('service-level')
  async serviceLevel(): Promise<object> {
    return { ...(await this.status.serviceLevel()), replyAnomalies: await this.status.anomalies() };
  }

  /** Unanswered messages older than minAgeMs (default: the warning age), oldest first. */
  @Get('overdue')
  overdue(@Query('minAgeMs') minAgeMs?: string, @Query('limit') limit?: string): Promise<object[]> {
    const age = minAgeMs === undefined ? undefined : Number(minAgeMs);
    const max = limit === undefined ? 100 : Number(limit);
    if (
      (age !== undefined && !(Number.isInteger(age) && age >= 0)) ||
      !(Number.isInteger(max) && max > 0 && max <= 1000)
    )
      throw new PopulationException('POPULATION.BAD_QUERY', 'minAgeMs phải ≥ 0, limit từ 1 đến 1000.', 400);
    return this.status.overdue(age ?? this.status.warningAgeMs(), max);
  }

  @Post('messages/:messageId/replay')
  replay(@Param('messageId', new ParseUUIDPipe()) messageId: string): Promise<object> {
    return this.status.replay(messageId, 'operator');
  }
}
