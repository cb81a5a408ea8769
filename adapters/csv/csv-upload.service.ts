import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { CsvAdapterException } from './csv-adapter.exception.js';
import { CSV_ADAPTER_OPTIONS, type CsvAdapterOptions } from './csv-adapter.options.js';
import { CsvImportService } from './csv-import.service.js';
import { CsvJobsService } from './csv-jobs.service.js';

/** Uploads larger than this are refused while streaming (the drop folder has no such limit). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export interface UploadAccepted {
  jobId: string;
  status: 'QUEUED';
  fileName: string;
  statusUrl: string;
  rejectedRowsUrl: string;
}

/**
 * multipart/form-data with one part named "file", streamed to the spool folder as it arrives (any
 * size, bounded memory), then imported in the background: the answer (202) carries the job to follow.
 */
@Injectable()
export class CsvUploadService {
  constructor(
    @Inject(CSV_ADAPTER_OPTIONS) private readonly options: CsvAdapterOptions,
    private readonly importer: CsvImportService,
    private readonly jobs: CsvJobsService,
  ) {}

  async accept(source: SourcePrincipal, req: Request): Promise<UploadAccepted> {
    this.importer.csvMappingOf(source.sourceId);
    const jobId = randomUUID();
    await mkdir(this.options.spoolDir, { recursive: true });
    const path = join(this.options.spoolDir, `${jobId}.csv`);
    let fileName: string;
    try {
      fileName = await spool(req, path);
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    await this.jobs.create(source, fileName, 'UPLOAD', jobId);
    void this.jobs.enqueue(source, jobId, path, (result) =>
      result.takenOver ? Promise.resolve() : rm(path, { force: true }),
    );
    return {
      jobId,
      status: 'QUEUED',
      fileName,
      statusUrl: `/api/v1/csv/jobs/${jobId}`,
      rejectedRowsUrl: `/api/v1/csv/jobs/${jobId}/rejected.csv`,
    };
  }
}

function spool(req: Request, path: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fileSize: MAX_UPLOAD_BYTES } });
    } catch (cause) {
      reject(
        new CsvAdapterException(
          'CSV.NOT_MULTIPART',
          'Hãy gửi tệp dạng multipart/form-data, trường "file".',
          415,
          { cause },
        ),
      );
      return;
    }
    let written: Promise<string> | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || written !== undefined) {
        stream.resume();
        return;
      }
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      written = pipeline(stream, createWriteStream(path)).then(() => {
        if (truncated) {
          throw new CsvAdapterException(
            'CSV.UPLOAD_FAILED',
            `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 ** 3} GB; hãy dùng thư mục nhận tệp.`,
            413,
          );
        }
        return basename(info.filename || 'upload.csv');
      });
    });
    parser.on('error', (cause: unknown) =>
      reject(
        new CsvAdapterException(
          'CSV.UPLOAD_FAILED',
          'Tải tệp lên bị gián đoạn hoặc sai định dạng multipart.',
          400,
          { cause },
        ),
      ),
    );
    parser.on('close', () => {
      if (written === undefined)
        reject(new CsvAdapterException('CSV.NO_FILE', 'Không có tệp trong trường "file" của yêu cầu.'));
      else written.then(resolve, reject);
    });
    req.pipe(parser);
  });
}
