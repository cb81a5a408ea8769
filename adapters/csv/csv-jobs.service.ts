import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { CSV_ADAPTER_OPTIONS, type CsvAdapterOptions } from './csv-adapter.options.js';
import { CsvImportService, type CsvImportResult } from './csv-import.service.js';
import { CsvJobRepository, type CsvChannel } from './csv-job.repository.js';

/**
 * Starts a job per file and runs it in the background, one file at a time per process so an import
 * never starves the REST intake; waits for running jobs on shutdown.
 */
@Injectable()
export class CsvJobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(CsvJobsService.name);
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly importer: CsvImportService,
    private readonly jobs: CsvJobRepository,
    @Inject(CSV_ADAPTER_OPTIONS) private readonly options: CsvAdapterOptions,
  ) {}

  async create(
    source: SourcePrincipal,
    fileName: string,
    channel: CsvChannel,
    id: string = randomUUID(),
  ): Promise<string> {
    await this.jobs.create({ id, sourceId: source.sourceId, fileName: fileName.slice(0, 255), channel });
    return id;
  }

  /** Runs after the jobs queued before it; `done` is told the outcome (the drop folder moves the file). */
  enqueue(
    source: SourcePrincipal,
    jobId: string,
    path: string,
    done?: (result: CsvImportResult) => Promise<void>,
  ): Promise<CsvImportResult> {
    const run = this.queue.then(async () => {
      const result = await this.importer.importFile(source, jobId, path, this.options.batchSize);
      await done?.(result);
      return result;
    });
    const tracked = run.catch((err: unknown) => {
      this.logger.error(
        { jobId, err: err instanceof Error ? err.message : String(err) },
        'CSV job bookkeeping failed',
      );
    });
    this.queue = tracked;
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
