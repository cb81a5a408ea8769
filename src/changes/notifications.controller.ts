import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequiresPermission } from '../auth/access/access.decorators.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { HubException } from '../common/errors/hub.exception.js';
import { ChangeNoticeService, type ChangeNoticeView } from './change-notice.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notices: ChangeNoticeService) {}

  @Get()
  @RequiresPermission('notification.read')
  @ApiOperation({
    summary: 'Thông báo thay đổi sự kiện hộ tịch đã đăng ký (mới nhất trước); Sở Tư pháp chỉ thấy tỉnh mình',
  })
  list(
    @CurrentUser() user: UserPrincipal,
    @Query('unread') unread?: string,
    @Query('limit') limit?: string,
  ): Promise<{ notices: ChangeNoticeView[]; unread: number }> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw new HubException('CHANGE.INVALID_QUERY', 'Tham số "unread" phải là true hoặc false.', 400, {
        field: 'unread',
      });
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      throw new HubException('CHANGE.INVALID_QUERY', 'Tham số "limit" phải là số nguyên từ 1 đến 500.', 400, {
        field: 'limit',
      });
    return this.notices.list(user, { unreadOnly: unread === 'true', limit: n });
  }

  @Post(':id/read')
  @HttpCode(204)
  @RequiresPermission('notification.read')
  @ApiOperation({ summary: 'Đánh dấu đã đọc một thông báo (cho riêng người đọc)' })
  async markRead(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.notices.markRead(user, id);
  }
}
