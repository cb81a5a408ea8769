import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SourceEndpoint } from '../auth/access/access.decorators.js';
import type { SourcePrincipal } from '../auth/source-principal.js';
import { CurrentSource, SourceAuthGuard } from '../auth/source-auth.guard.js';
import { correlationIdOf } from '../common/http/correlation-id.middleware.js';
import { rawBodyOf } from '../common/http/raw-body.js';
import { IntakeErrors } from './intake.exception.js';
import type { IntakeItemView } from './intake-item.view.js';
import { IntakeService, type BatchResult } from './intake.service.js';

@ApiTags('intake')
@ApiBearerAuth()
@UseGuards(SourceAuthGuard)
@Controller('api/v1/intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post('records')
  @SourceEndpoint('intake.submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Gửi một lô 1–1.000 hồ sơ theo định dạng chuẩn v1',
    description:
      'Mỗi hồ sơ có kết quả riêng: accepted, duplicate, updated, held (nghi trùng, chờ Sở Tư pháp xem xét) hoặc rejected (kèm lỗi; trùng lặp: kèm mã sự kiện đã đăng ký và bằng chứng so khớp). HTTP 200 khi có ít nhất một hồ sơ không bị từ chối; 422 khi mọi hồ sơ của lô bị từ chối.',
  })
  async submit(
    @CurrentSource() source: SourcePrincipal,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchResult> {
    const result = await this.intake.submitBatch(
      source,
      body,
      correlationIdOf(req) ?? null,
      'REST',
      rawBodyOf(req),
    );
    if (result.summary.rejected === result.received) res.status(422);
    return result;
  }

  @Get('items/:id')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({ summary: 'Kết quả xử lý của một hồ sơ đã gửi' })
  item(
    @CurrentSource() source: SourcePrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<IntakeItemView> {
    return this.intake.getItem(source, id);
  }

  @Get('items')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({ summary: 'Các lần gửi của một hồ sơ theo mã hồ sơ của nguồn (mới nhất trước)' })
  async items(
    @CurrentSource() source: SourcePrincipal,
    @Query('sourceRecordId') sourceRecordId?: string,
  ): Promise<{ items: IntakeItemView[] }> {
    if (!sourceRecordId || sourceRecordId.length > 200) {
      throw IntakeErrors.badQuery('Cần tham số sourceRecordId (1–200 ký tự).');
    }
    return { items: await this.intake.findBySourceRecordId(source, sourceRecordId) };
  }
}
