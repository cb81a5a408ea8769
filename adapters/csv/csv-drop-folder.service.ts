import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { CSV_ADAPTER_OPTIONS, type CsvAdapterOptions } from './csv-adapter.options.js';
import type { CsvImportResult } from './csv-import.service.js';
import { CsvJobsService } from './csv-jobs.service.js';

export const DROP_SUBFOLDERS = ['inbox', 'processing', 'done', 'failed'] as const;

/** Names a writer uses while a file is still being written, and hidden files: never picked up. */
const IN_PROGRESS = /(^\.|\.(part|tmp|crdownload|partial)$|~$)/i;

interface Seen {
  size: number;
  mtimeMs: number;
}

/**
 * A watched drop folder per source with a CSV mapping: <root>/<source-id>/{inbox,processing,done,failed}.
 * Polled rather than fs.watch'ed (network shares drop events). A file is taken only once its size and
 * modification time have not changed between two polls, so a half-written file is left alone, and it
 * is taken by an atomic rename into processing/ (of two hub processes, one rename wins). After its job
 * it moves to done/, or to failed/ with a .error.txt saying why.
 */
@Injectable()
export class CsvDropFolderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CsvDropFolderService.name);
  private readonly seen = new Map<string, Seen>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(CSV_ADAPTER_OPTIONS) private readonly options: CsvAdapterOptions,
    private readonly sources: SourceRegistryService,
    private readonly mappings: MappingRegistry,
    private readonly jobs: CsvJobsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.dropDir === undefined) return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.pollOnce()
        .catch((err: unknown) =>
          this.logger.error(
            { err: err instanceof Error ? err.message : String(err) },
            'drop-folder poll failed',
          ),
        )
        .finally(() => this.schedule());
    }, this.options.pollMs);
  }

  /** One pass over every source's inbox; returns when the files taken in this pass are imported. */
  async pollOnce(): Promise<void> {
    const root = this.options.dropDir;
    if (root === undefined) return;
    const active = (await this.sources.listSources()).filter(
      (s) =>
        s.status === 'ACTIVE' &&
        this.mappings.has(s.id) &&
        this.mappings.get(s.id).spec.input.format === 'csv',
    );
    const present = new Set<string>();
    for (const source of active) {
      const base = join(root, source.id);
      await Promise.all(DROP_SUBFOLDERS.map((d) => mkdir(join(base, d), { recursive: true })));
      for (const name of (await readdir(join(base, 'inbox'))).sort()) {
        if (this.stopped) return;
        present.add(join(base, 'inbox', name));
        if (IN_PROGRESS.test(name) || !(await this.isSettled(join(base, 'inbox', name)))) continue;
        await this.take(base, name, {
          sourceId: source.id,
          provinceCode: source.provinceCode,
          credentialId: 'drop-folder',
        });
      }
    }
    // Files removed from an inbox by hand are forgotten.
    for (const path of this.seen.keys()) if (!present.has(path)) this.seen.delete(path);
  }

  private async isSettled(path: string): Promise<boolean> {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return false;
    const before = this.seen.get(path);
    this.seen.set(path, { size: info.size, mtimeMs: info.mtimeMs });
    return before !== undefined && before.size === info.size && before.mtimeMs === info.mtimeMs;
  }

  private async take(
    base: string,
    name: string,
    source: { sourceId: string; provinceCode: string; credentialId: string },
  ): Promise<void> {
    const inbox = join(base, 'inbox', name);
    this.seen.delete(inbox);
    const jobId = randomUUID();
    const processing = join(base, 'processing', `${jobId}__${name}`);
    try {
      await rename(inbox, processing);
    } catch {
      return; // another hub process took it first
    }
    await this.jobs.create(source, name, 'DROP_FOLDER', jobId);
    await this.jobs.enqueue(source, jobId, processing, (result) =>
      this.fileAway(base, `${jobId}__${name}`, result),
    );
  }

  /** processing/ → done/, or failed/ with the reason beside it. */
  async fileAway(base: string, processingName: string, result: CsvImportResult): Promise<void> {
    if (result.takenOver) return;
    const target = join(base, result.failed ? 'failed' : 'done', processingName);
    await rename(join(base, 'processing', processingName), target);
    if (result.failed)
      await writeFile(`${target}.error.txt`, `${result.failed.code}: ${result.failed.message}\n`);
  }
}
