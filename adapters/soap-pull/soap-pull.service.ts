import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import type { PullPlan } from './pull-plan.model.js';
import { SoapPullCheckpointRepository, type PullProblem } from './soap-pull-checkpoint.repository.js';
import { fetchPage, type PullEndpoint } from './soap-pull.client.js';
import { asSoapPullError, SoapPullException } from './soap-pull.exception.js';
import { SOAP_PULL_OPTIONS, type SoapPullOptions } from './soap-pull.options.js';
import { SoapPullPlans } from './soap-pull-plans.js';

export interface PullResult {
  readonly sourceId: string;
  pages: number;
  recordsRead: number;
  submitted: number;
  accepted: number;
  rejected: number;
  held: number;
  /** Records the mapping refused (kept in soap_pull_problem). */
  unmapped: number;
  skipped?: true;
}

const MAX_ORIGINAL_CHARS = 20_000;

/**
 * Pulls a legacy SOAP service page by page from the stored cursor: each record element mapped with
 * the source's mapping, mapped records handed to intake, then (intake committed) the cursor the page
 * came with and the refused records stored together. Each record is fetched once; a failure leaves
 * the cursor where it was, so at most the failed page is asked for again.
 */
@Injectable()
export class SoapPullService {
  private readonly logger = new Logger(SoapPullService.name);
  private readonly owner = `soap-pull-${randomUUID()}`;
  /** Pulls running in this process: the lease tells processes apart, this the pulls of one process. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly intake: IntakeService,
    private readonly mappings: MappingRegistry,
    private readonly plans: SoapPullPlans,
    private readonly checkpoints: SoapPullCheckpointRepository,
    @Inject(SOAP_PULL_OPTIONS) private readonly options: SoapPullOptions,
  ) {}

  planOf(sourceId: string): PullPlan {
    const plan = this.plans.get(sourceId);
    if (plan === undefined) {
      throw new SoapPullException(
        'SOAP_PULL.NOT_CONFIGURED',
        `Nguồn ${sourceId} không có pull.yaml (mappings/${sourceId}/pull.yaml).`,
      );
    }
    return plan;
  }

  /** One pull of the source; a pull of the same source already running here is waited for first. */
  async pull(source: SourcePrincipal, endpoint: PullEndpoint): Promise<PullResult> {
    const before = this.running.get(source.sourceId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.pullAlone(source, endpoint));
    this.running.set(source.sourceId, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(source.sourceId) === mine) this.running.delete(source.sourceId);
    }
  }

  private async pullAlone(source: SourcePrincipal, endpoint: PullEndpoint): Promise<PullResult> {
    const plan = this.planOf(source.sourceId);
    const result: PullResult = {
      sourceId: source.sourceId,
      pages: 0,
      recordsRead: 0,
      submitted: 0,
      accepted: 0,
      rejected: 0,
      held: 0,
      unmapped: 0,
    };
    const leased = await this.checkpoints.lease(source.sourceId, this.owner, this.options.leaseMs);
    if (leased === undefined) return { ...result, skipped: true };
    let cursor = leased.cursor ?? undefined;
    try {
      for (let page = 0; page < this.options.maxPagesPerPull; page++) {
        const { records, nextCursor } = await fetchPage(plan, endpoint, cursor);
        if (records.length === 0) break;
        if (nextCursor === undefined || nextCursor === cursor) {
          throw new SoapPullException(
            'SOAP_PULL.BAD_RESPONSE',
            `Dịch vụ nguồn trả ${records.length} hồ sơ mà không kèm mã trang tiếp theo mới (${plan.response.nextCursorPath}); không thể ghi nhận đã nhận đến đâu.`,
          );
        }
        await this.takePage(source, plan, records, nextCursor, result);
        cursor = nextCursor;
        if (records.length < plan.request.pageSize) break;
      }
      return result;
    } catch (err) {
      const failure = asSoapPullError(err, `Nguồn ${source.sourceId}`);
      this.logger.warn(
        { sourceId: source.sourceId, code: failure.code, pages: result.pages },
        'SOAP pull failed',
      );
      await this.checkpoints.recordError(source.sourceId, failure.code).catch(() => undefined);
      throw failure;
    } finally {
      await this.checkpoints.release(source.sourceId, this.owner).catch(() => undefined);
    }
  }

  private async takePage(
    source: SourcePrincipal,
    plan: PullPlan,
    elements: ReadonlyArray<Record<string, unknown>>,
    nextCursor: string,
    result: PullResult,
  ): Promise<void> {
    const { mapper } = this.mappings.get(source.sourceId);
    const records: Array<Record<string, unknown>> = [];
    const problems: PullProblem[] = [];
    elements.forEach((values, i) => {
      const mapped = mapper.mapRow({ rowNumber: result.recordsRead + i + 1, values, rawBytes: false });
      if (mapped.record !== undefined) {
        records.push(mapped.record);
        return;
      }
      result.unmapped++;
      const recordKey = mapped.recordId ?? `trang ${result.pages + 1}, hồ sơ ${i + 1}`;
      const json = JSON.stringify(values);
      const original = {
        xml: json.length > MAX_ORIGINAL_CHARS ? `${json.slice(0, MAX_ORIGINAL_CHARS)}…` : values,
      };
      for (const issue of mapped.issues) {
        problems.push({
          recordKey,
          field: issue.sourcePath ? `${issue.field} (${issue.sourcePath})` : issue.field,
          code: issue.code,
          message: issue.message,
          original,
        });
      }
    });
    if (records.length > 0) {
      const outcome = await this.intake.submitBatch(
        source,
        { records },
        `soap-pull-${plan.sourceId}`,
        'SOAP_PULL',
      );
      result.submitted += records.length;
      result.accepted += outcome.summary.accepted + outcome.summary.duplicate + outcome.summary.updated;
      result.rejected += outcome.summary.rejected;
      result.held += outcome.summary.held;
    }
    const committed = await this.checkpoints.commitPage(
      source.sourceId,
      this.owner,
      this.options.leaseMs,
      nextCursor,
      elements.length,
      problems,
    );
    if (!committed) {
      throw new SoapPullException(
        'SOAP_PULL.LEASE_LOST',
        `Nguồn ${source.sourceId}: một tiến trình khác đã nhận việc lấy dữ liệu; trang vừa lấy sẽ được nó lấy lại.`,
      );
    }
    result.pages++;
    result.recordsRead += elements.length;
  }
}
