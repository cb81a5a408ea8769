import { SourceEndpoint } from '../../src/auth/access/access.decorators.js';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSource, SourceAuthGuard } from '../../src/auth/source-auth.guard.js';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SqlPollCheckpointRepository, type SqlPollStatusView } from './sql-poll-checkpoint.repository.js';

@ApiTags('sql')
@ApiBearerAuth()
@UseGuards(SourceAuthGuard)
@Controller('api/v1/sql')
export class SqlAdapterController {
  constructor(private readonly checkpoints: SqlPollCheckpointRepository) {}

  @Get('status')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({
    summary:
      'Tình trạng đọc cơ sở dữ liệu nguồn: số dòng đã đọc theo bảng, lỗi gần nhất, các hồ sơ không chuyển đổi được (mã hồ sơ, trường, lý do)',
  })
  status(@CurrentSource() source: SourcePrincipal): Promise<SqlPollStatusView> {
    return this.checkpoints.status(source.sourceId);
  }
}
