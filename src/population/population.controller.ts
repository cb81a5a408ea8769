import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { CurrentUser, RequiresPermission, SourceEndpoint } from '../auth/access/access.decorators.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { CurrentSource } from '../auth/source-auth.guard.js';
import type { SourcePrincipal } from '../auth/source-principal.js';
import { correlationIdOf } from '../common/http/correlation-id.middleware.js';
import { EventConfirmationService, type EventConfirmation } from './event-confirmation.service.js';
import { PopulationException } from './population.exception.js';
import { PopulationStatusService, type ServiceLevel } from './population-status.service.js';

/** The long-poll's wait: 10 s by default, at most 60 s (a proxy's usual idle limit). */
function parseTimeout(raw: string | undefined): number {
  const timeout = raw === undefined ? 10_000 : Number(raw);
  if (!Number.isInteger(timeout) || timeout < 0 || timeout > 60_000) throw PopulationException.badTimeout();
  return timeout;
}

/** A source system waits for one event's answer, e.g. a birth's number. */
@ApiTags('population')
@ApiBearerAuth()
@Controller('api/v1/population')
export class PopulationConfirmationController {
  constructor(private readonly confirmations: EventConfirmationService) {}

  /** Long-poll: answers as soon as the population database has answered, or after timeoutMs (≤ 60 s). */
  @Get('events/:eventId/confirmation')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({ summary: 'Chờ kết quả của Cơ sở dữ liệu quốc gia về dân cư cho một sự kiện nguồn đã gửi' })
  confirmation(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Query('timeoutMs') timeoutMs: string | undefined,
    @CurrentSource() source: SourcePrincipal,
  ): Promise<EventConfirmation> {
    return this.confirmations.forSource(eventId, source.sourceId, parseTimeout(timeoutMs));
  }
}

/** The registration web application waits for the answer about an event of the official's jurisdiction. */
@ApiTags('register')
@ApiBearerAuth()
@Controller('api/v1/register')
export class RegisterPopulationConfirmationController {
  constructor(private readonly confirmations: EventConfirmationService) {}

  @Get('events/:id/population-confirmation')
  @RequiresPermission('event.read')
  @ApiOperation({
    summary:
      'Chờ kết quả của Cơ sở dữ liệu quốc gia về dân cư cho một sự kiện trong phạm vi thẩm quyền (ngoài phạm vi: không tìm thấy)',
  })
  confirmation(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('timeoutMs') timeoutMs: string | undefined,
    @Req() req: Request,
  ): Promise<EventConfirmation> {
    return this.confirmations.forOfficial(user, id, parseTimeout(timeoutMs), correlationIdOf(req) ?? null);
  }
}

/** Service level, overdue and dead messages (Ministry; a Sở Tư pháp its province), and replay (Ministry). */
@ApiTags('population')
@ApiBearerAuth()
@Controller('api/v1/population/operator')
export class PopulationOperatorController {
  constructor(private readonly status: PopulationStatusService) {}

  @Get('service-level')
  @RequiresPermission('monitoring.read')
  @ApiOperation({
    summary: 'Mức dịch vụ liên thông với Cơ sở dữ liệu quốc gia về dân cư, trong phạm vi thẩm quyền',
  })
  serviceLevel(@CurrentUser() user: UserPrincipal): Promise<ServiceLevel> {
    return this.status.serviceLevel(user);
  }

  /** Unanswered messages older than minAgeMs (default: the warning age), oldest first. */
  @Get('overdue')
  @RequiresPermission('monitoring.read')
  @ApiOperation({ summary: 'Thông điệp chưa được trả lời quá hạn, cũ nhất trước, trong phạm vi thẩm quyền' })
  overdue(
    @CurrentUser() user: UserPrincipal,
    @Query('minAgeMs') minAgeMs?: string,
    @Query('limit') limit?: string,
  ): Promise<object[]> {
    const age = minAgeMs === undefined ? undefined : Number(minAgeMs);
    const max = limit === undefined ? 100 : Number(limit);
    if (
      (age !== undefined && !(Number.isInteger(age) && age >= 0)) ||
      !(Number.isInteger(max) && max > 0 && max <= 1000)
    )
      throw new PopulationException('POPULATION.BAD_QUERY', 'minAgeMs phải ≥ 0, limit từ 1 đến 1000.', 400);
    return this.status.overdue(user, age ?? this.status.warningAgeMs(), max);
  }

  @Post('messages/:messageId/replay')
  @RequiresPermission('population.replay')
  @ApiOperation({ summary: 'Gửi lại một thông điệp lỗi cuối cùng (DEAD) sau khi đã khắc phục nguyên nhân' })
  replay(
    @CurrentUser() user: UserPrincipal,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Req() req: Request,
  ): Promise<object> {
    return this.status.replay(user, messageId, correlationIdOf(req) ?? null);
  }
}
