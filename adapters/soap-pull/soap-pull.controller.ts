import { SourceEndpoint } from '../../src/auth/access/access.decorators.js';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSource, SourceAuthGuard } from '../../src/auth/source-auth.guard.js';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SoapPullCheckpointRepository, type SoapPullStatusView } from './soap-pull-checkpoint.repository.js';

@ApiTags('soap-pull')
@ApiBearerAuth()
@UseGuards(SourceAuthGuard)
@Controller('api/v1/soap-pull')
export class SoapPullController {
  constructor(private readonly checkpoints: SoapPullCheckpointRepository) {}

  @Get('status')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({
    summary:
      'Tình trạng lấy dữ liệu từ dịch vụ SOAP của nguồn: số hồ sơ đã lấy, lỗi gần nhất, các hồ sơ không chuyển đổi được (mã hồ sơ, trường, lý do)',
  })
  status(@CurrentSource() source: SourcePrincipal): Promise<SoapPullStatusView> {
    return this.checkpoints.status(source.sourceId);
  }
}
