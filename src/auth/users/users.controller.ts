import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../../audit/audit.service.js';
import { CurrentUser, RequiresPermission } from '../access/access.decorators.js';
import type { UserPrincipal } from '../access/user-principal.js';
import { AuthException } from '../auth.exception.js';
import { SessionService, type SessionView } from '../login/session.service.js';
import {
  UserAccountsService,
  type CreatedUser,
  type NewUserInput,
  type UserView,
} from '../user-accounts.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1')
export class UsersController {
  constructor(
    private readonly users: UserAccountsService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  @Post('users')
  @RequiresPermission('user.manage')
  @ApiOperation({ summary: 'Tạo tài khoản cán bộ (thuộc một cơ quan đăng ký, có vai trò)' })
  create(@Body() body: unknown, @CurrentUser() admin: UserPrincipal): Promise<CreatedUser> {
    if (!body || typeof body !== 'object')
      throw new AuthException('AUTH.INVALID_USER', 'Cần nội dung JSON.', 400);
    return this.users.createUser(body as NewUserInput, admin.userId);
  }

  @Get('users')
  @RequiresPermission('user.read')
  @ApiOperation({ summary: 'Danh sách tài khoản cán bộ' })
  async list(@Query('authorityCode') authorityCode?: string): Promise<{ users: UserView[] }> {
    return { users: await this.users.listUsers({ authorityCode }) };
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @RequiresPermission('user.manage')
  @ApiOperation({ summary: 'Khóa tài khoản và thu hồi mọi phiên của nó' })
  async disable(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() admin: UserPrincipal,
  ): Promise<{ disabled: true }> {
    await this.users.disableUser(id, admin.userId);
    return { disabled: true };
  }

  @Post('users/:id/totp')
  @HttpCode(200)
  @RequiresPermission('user.manage')
  @ApiOperation({ summary: 'Cấp lại mã xác thực hai lớp (hiển thị một lần; các phiên bị thu hồi)' })
  resetTotp(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() admin: UserPrincipal,
  ): Promise<{ secret: string; uri: string }> {
    return this.users.resetTotp(id, admin.userId);
  }

  @Get('sessions')
  @RequiresPermission('session.read')
  @ApiOperation({ summary: 'Các phiên đăng nhập (lọc theo người dùng, chỉ phiên còn hiệu lực)' })
  async sessionsList(
    @Query('userId') userId?: string,
    @Query('active') active?: string,
  ): Promise<{ sessions: SessionView[] }> {
    if (
      userId !== undefined &&
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)
    )
      throw new AuthException('AUTH.INVALID_QUERY', 'userId phải là một UUID.', 400, { field: 'userId' });
    return { sessions: await this.sessions.list({ userId, activeOnly: active === 'true' }) };
  }

  @Delete('sessions/:id')
  @RequiresPermission('session.revoke')
  @ApiOperation({ summary: 'Thu hồi một phiên đăng nhập' })
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() admin: UserPrincipal,
  ): Promise<{ revoked: boolean }> {
    const revoked = await this.sessions.revoke(id, admin.userId, 'REVOKED_BY_ADMIN');
    if (revoked)
      await this.audit.append([
        {
          actorType: 'USER',
          actorId: admin.userId,
          action: 'SESSION.REVOKED',
          entityType: 'session',
          entityId: id,
        },
      ]);
    return { revoked };
  }
}
