import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequiresPermission } from '../auth/access/access.decorators.js';
import type { UserPrincipal } from '../auth/access/user-principal.js';
import { AuthException } from '../auth/auth.exception.js';
import {
  SecurityAlertService,
  type AlertSeverity,
  type SecurityAlertView,
} from './security-alert.service.js';

const SEVERITIES: readonly string[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

@ApiTags('security')
@ApiBearerAuth()
@Controller('api/v1/security')
export class SecurityAlertsController {
  constructor(private readonly alerts: SecurityAlertService) {}

  @Get('alerts')
  @RequiresPermission('alert.read')
  @ApiOperation({ summary: 'Cảnh báo an ninh (mới nhất trước); Sở Tư pháp chỉ thấy cảnh báo của tỉnh mình' })
  async list(
    @CurrentUser() user: UserPrincipal,
    @Query('severity') severity?: string,
  ): Promise<{ alerts: SecurityAlertView[] }> {
    if (severity !== undefined && !SEVERITIES.includes(severity))
      throw new AuthException(
        'AUTH.INVALID_QUERY',
        `severity phải là một trong ${SEVERITIES.join(', ')}.`,
        400,
      );
    // A province supervisor sees its own province's alerts; Ministry roles see all.
    const province = /^STP-(\d{2})$/.exec(user.authorityCode)?.[1];
    return {
      alerts: await this.alerts.list({
        provinceCode: province ?? null,
        severity: severity as AlertSeverity | undefined,
      }),
    };
  }
}
