import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SourceEndpoint } from '../../src/auth/access/access.decorators.js';
import { CurrentSource, SourceAuthGuard } from '../../src/auth/source-auth.guard.js';
import { CsvJobRepository, type CsvJobView } from './csv-job.repository.js';
import { CsvUploadService, type UploadAccepted } from './csv-upload.service.js';
import { reportHeader, reportLine } from './rejected-rows.report.js';

@ApiTags('csv')
@ApiBearerAuth()
@UseGuards(SourceAuthGuard)
@Controller('api/v1/csv')
export class CsvController {
  constructor(
    private readonly uploads: CsvUploadService,
    private readonly jobs: CsvJobRepository,
  ) {}

  @Post('uploads')
  @SourceEndpoint('intake.submit')
  @HttpCode(202)
  @ApiOperation({ summary: 'Tải lên một tệp CSV (multipart, trường "file"); trả về lần nhập để theo dõi' })
  upload(@CurrentSource() source: SourcePrincipal, @Req() req: Request): Promise<UploadAccepted> {
    return this.uploads.accept(source, req);
  }

  @Get('jobs/:id')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({ summary: 'Tiến độ một lần nhập CSV: số dòng đã đọc, đã nhận, bị từ chối, chờ xem xét' })
  async job(
    @CurrentSource() source: SourcePrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<CsvJobView> {
    const { columns: _columns, ...view } = await this.jobs.view(source.sourceId, id);
    return view;
  }

  @Get('jobs/:id/rejected.csv')
  @SourceEndpoint('intake.read-own')
  @ApiOperation({
    summary: 'Các dòng bị từ chối (số dòng, trường, lý do, giá trị gốc) để sửa và tải lên lại',
  })
  async rejected(
    @CurrentSource() source: SourcePrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const job = await this.jobs.view(source.sourceId, id);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="rejected-${id}.csv"`);
    res.write(reportHeader(job.columns));
    for await (const line of this.jobs.rejectedRows(id)) {
      if (!res.write(reportLine(line, job.columns))) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }
}
