import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, RequiresPermission } from '../auth/access/access.decorators.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { correlationIdOf } from '../common/http/correlation-id.middleware.js';
import { parseCorrectionRequest } from './correction-request.js';
import { EventCorrectionService, type CorrectionResult } from './event-correction.service.js';

@ApiTags('register')
@ApiBearerAuth()
@Controller('api/v1/register')
export class CorrectionsController {
  constructor(private readonly corrections: EventCorrectionService) {}

  @Post('events/:id/corrections')
  @HttpCode(200)
  @RequiresPermission('event.correct')
  @ApiOperation({
    summary: 'Cải chính một sự kiện hộ tịch đã đăng ký (cần lý do; xem trước rồi xác nhận)',
    description:
      'Nội dung: {"record": <toàn bộ hồ sơ đã cải chính>, "reason": "…", "confirm": false|true, "expectedVersion": n}. ' +
      'Không có "confirm": true: trả 409 CHANGE.CONFIRMATION_REQUIRED với các trường thay đổi, không lưu gì. ' +
      'Có: lưu phiên bản mới (phiên bản cũ được giữ) và thông báo Sở Tư pháp tỉnh.',
  })
  correct(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<CorrectionResult> {
    return this.corrections.correct(
      user,
      id,
      () => parseCorrectionRequest(body),
      correlationIdOf(req) ?? null,
    );
  }
}
