import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, PublicEndpoint, RequiresPermission } from '../access/access.decorators.js';
import type { UserPrincipal } from '../access/user-principal.js';
import { AuthException } from '../auth.exception.js';
import { UserAccountsService } from '../user-accounts.service.js';
import { LoginService } from './login.service.js';
import { SessionService, type IssuedTokens, type SessionView } from './session.service.js';

function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionService,
    private readonly accounts: UserAccountsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @PublicEndpoint('officials log in here')
  @ApiOperation({ summary: 'Đăng nhập bằng mật khẩu và mã xác thực hai lớp (TOTP)' })
  logIn(@Body() body: unknown, @Req() req: Request): Promise<IssuedTokens> {
    return this.login.login(
      {
        username: field(body, 'username') ?? '',
        password: field(body, 'password') ?? '',
        totpCode: field(body, 'totpCode'),
      },
      { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
    );
  }

  @Post('refresh')
  @HttpCode(200)
  @PublicEndpoint('the refresh token in the body is the credential')
  @ApiOperation({ summary: 'Đổi mã làm mới lấy mã truy cập mới (mã làm mới cũ hết hiệu lực)' })
  refresh(@Body() body: unknown): Promise<IssuedTokens> {
    const token = field(body, 'refreshToken');
    if (!token) throw new AuthException('AUTH.INVALID_TOKEN', 'Thiếu refreshToken.', 401);
    return this.sessions.refresh(token);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequiresPermission('self.session')
  @ApiOperation({ summary: 'Đăng xuất: thu hồi phiên hiện tại' })
  async logOut(@CurrentUser() user: UserPrincipal): Promise<{ revoked: boolean }> {
    return { revoked: await this.sessions.logout(user) };
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequiresPermission('self.session')
  @ApiOperation({ summary: 'Đổi mật khẩu của chính mình (các phiên khác bị thu hồi)' })
  changePassword(
    @CurrentUser() user: UserPrincipal,
    @Body() body: unknown,
  ): Promise<{ otherSessionsRevoked: number }> {
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return this.accounts.changePassword(user, b.currentPassword, b.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @RequiresPermission('self.session')
  @ApiOperation({ summary: 'Người dùng hiện tại, cơ quan, vai trò và quyền' })
  me(@CurrentUser() user: UserPrincipal): Omit<UserPrincipal, 'permissions'> & { permissions: string[] } {
    return { ...user, permissions: [...user.permissions].sort() };
  }

  @Get('sessions')
  @ApiBearerAuth()
  @RequiresPermission('self.session')
  @ApiOperation({ summary: 'Các phiên đăng nhập của chính mình' })
  async mySessions(@CurrentUser() user: UserPrincipal): Promise<{ sessions: SessionView[] }> {
    return { sessions: await this.sessions.list({ userId: user.userId }) };
  }
}
