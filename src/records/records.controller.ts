import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, RequiresPermission } from '../auth/access/access.decorators.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { correlationIdOf } from '../common/http/correlation-id.middleware.js';
import { RecordAccessService, type EventView, type PinLookupHit } from './record-access.service.js';

@ApiTags('register')
@ApiBearerAuth()
@Controller('api/v1/register')
export class RecordsController {
  constructor(private readonly records: RecordAccessService) {}

  @Get('events/:id')
  @RequiresPermission('event.read')
  @ApiOperation({ summary: 'Một sự kiện hộ tịch trong phạm vi thẩm quyền (ngoài phạm vi: không tìm thấy)' })
  event(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() req: Request,
  ): Promise<EventView> {
    return this.records.readEvent(user, id, correlationIdOf(req) ?? null);
  }

  // POST with the number in the body: URLs are logged (pino-http), and a personal ID number is personal data.
  @Post('persons/lookup')
  @HttpCode(200)
  @RequiresPermission('person.lookup-by-pin')
  @ApiOperation({
    summary: 'Tra cứu theo số định danh cá nhân chính xác, cho công việc đăng ký (được ghi nhật ký)',
    description: 'Nội dung: {"pin": "001195012345", "purpose": "REGISTRATION"}',
  })
  async byPin(
    @CurrentUser() user: UserPrincipal,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<{ events: PinLookupHit[] }> {
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return {
      events: await this.records.lookupByPin(
        user,
        typeof b.pin === 'string' ? b.pin : '',
        typeof b.purpose === 'string' ? b.purpose : undefined,
        correlationIdOf(req) ?? null,
      ),
    };
  }
}
