import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, RequiresPermission } from '../../auth/access/access.decorators.js';
import type { UserPrincipal } from '../../auth/access/user-principal.js';
import { correlationIdOf } from '../../common/http/correlation-id.middleware.js';
import type { ReviewDetail, ReviewSummary } from './match-review.model.js';
import { ReviewDecisionService, type DecisionResult } from './review-decision.service.js';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1/matching/reviews')
export class MatchReviewController {
  constructor(private readonly reviews: ReviewDecisionService) {}

  @Get()
  @RequiresPermission('duplicate.review')
  @ApiOperation({ summary: 'Hồ sơ nghi trùng đang chờ xem xét thuộc phạm vi quản lý (cũ nhất trước)' })
  async list(
    @CurrentUser() user: UserPrincipal,
    @Req() req: Request,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<{ reviews: ReviewSummary[] }> {
    return { reviews: await this.reviews.list(user, { after, limit }, correlationIdOf(req) ?? null) };
  }

  @Get(':id')
  @RequiresPermission('duplicate.review')
  @ApiOperation({ summary: 'Hồ sơ nghi trùng bên cạnh các sự kiện ứng viên, so sánh từng trường' })
  get(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() req: Request,
  ): Promise<ReviewDetail> {
    return this.reviews.get(user, id, correlationIdOf(req) ?? null);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequiresPermission('duplicate.decide')
  @ApiOperation({
    summary:
      'Quyết định: SAME_EVENT (cùng một sự kiện, kèm eventId và lý do; báo Sở Tư pháp) hoặc DIFFERENT (khác sự kiện: đăng ký)',
  })
  decide(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<DecisionResult> {
    return this.reviews.decide(user, id, body, correlationIdOf(req) ?? null);
  }
}
