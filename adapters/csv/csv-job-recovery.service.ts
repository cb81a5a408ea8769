import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { CSV_ADAPTER_OPTIONS, type CsvAdapterOptions } from './csv-adapter.options.js';
import { CsvDropFolderService } from './csv-drop-folder.service.js';
import { CsvJobRepository } from './csv-job.repository.js';
import { CsvJobsService } from './csv-jobs.service.js';

/**
 * Jobs left by a hub process that died (its heartbeat stopped) are run again from the start by
 * whichever process claims them first. Intake is idempotent, so rows already submitted come back as
 * duplicates and nothing is registered twice; the file is still where the dead process left it
 * (the upload spool, or the drop folder's processing/).
 */
@Injectable()
export class CsvJobRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CsvJobRecoveryService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(CSV_ADAPTER_OPTIONS) private readonly options: CsvAdapterOptions,
    private readonly repository: CsvJobRepository,
    private readonly jobs: CsvJobsService,
    private readonly dropFolder: CsvDropFolderService,
    private readonly sources: SourceRegistryService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => {
        this.recoverOnce().catch((err: unknown) =>
          this.logger.error(
            { err: err instanceof Error ? err.message : String(err) },
            'CSV job recovery failed',
          ),
        );
      },
      Math.max(10_000, this.options.staleAfterMs / 2),
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns the ids of the jobs this process took over and queued. */
  async recoverOnce(): Promise<string[]> {
    const stale = await this.repository.stale(this.options.staleAfterMs);
    if (stale.length === 0) return [];
    const provinces = new Map((await this.sources.listSources()).map((s) => [s.id, s.provinceCode]));
    const taken: string[] = [];
    for (const job of stale) {
      const provinceCode = provinces.get(job.sourceId);
      if (
        provinceCode === undefined ||
        !(await this.repository.claimStale(job.id, this.options.staleAfterMs))
      )
        continue;
      const source = { sourceId: job.sourceId, provinceCode, credentialId: 'csv-recovery' };
      const processingName = `${job.id}__${job.fileName}`;
      const base = this.options.dropDir === undefined ? undefined : join(this.options.dropDir, job.sourceId);
      const path =
        job.channel === 'UPLOAD'
          ? join(this.options.spoolDir, `${job.id}.csv`)
          : base === undefined
            ? undefined
            : join(base, 'processing', processingName);
      if (path === undefined || !(await exists(path))) {
        await this.repository.finished(job.id, {
          code: 'CSV.FILE_LOST',
          message: 'Tệp của lần nhập này không còn (tiến trình xử lý đã dừng giữa chừng); hãy gửi lại tệp.',
        });
        continue;
      }
      this.logger.warn(
        { jobId: job.id, sourceId: job.sourceId },
        'CSV job taken over from a stopped process',
      );
      taken.push(job.id);
      void this.jobs.enqueue(source, job.id, path, (result) =>
        job.channel === 'DROP_FOLDER' && base !== undefined
          ? this.dropFolder.fileAway(base, processingName, result)
          : result.takenOver
            ? Promise.resolve()
            : rm(path, { force: true }),
      );
    }
    return taken;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
