import { appendFile } from 'node:fs/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HubConfig } from '../../config/hub.config.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { rows } from '../database/sql.js';
import { signAnchor, anchorToJsonLine, type AuditAnchor } from './audit-anchor.js';
import { AuditException } from './audit.exception.js';

const CHECK_EVERY_MS = 10 * 60_000;

/**
 * Anchors the head of the audit chain: a signed record of its last number and hash, kept in a table
 * of its own (and a file when AUDIT_ANCHOR_FILE is set). Someone who cuts entries off the end of the
 * log and rewrites the head row cannot make the chain reach an anchor again without the key.
 * Every hub process checks periodically; an advisory lock and the "due" test keep it to one anchor
 * per interval across processes.
 */
@Injectable()
export class AuditAnchorService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditAnchorService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.AUDIT_ANCHOR_KEY || this.config.AUDIT_ANCHOR_INTERVAL_MINUTES === 0) return;
    const interval = this.config.AUDIT_ANCHOR_INTERVAL_MINUTES * 60_000;
    const tick = (): void => {
      this.anchorIfDue(interval).catch((err: unknown) =>
        this.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'audit anchoring failed',
        ),
      );
    };
    this.timer = setInterval(tick, Math.min(interval, CHECK_EVERY_MS));
    this.timer.unref();
    tick();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Anchors now when the last anchor is older than `intervalMs` (or there is none). */
  async anchorIfDue(intervalMs: number): Promise<AuditAnchor | null> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['audit_anchor']);
      const [last] = await rows<{ anchored_at: Date }>(
        tx,
        'SELECT anchored_at FROM audit_anchor ORDER BY id DESC LIMIT 1',
      );
      if (last && Date.now() - last.anchored_at.getTime() < intervalMs) return null;
      return this.anchorIn(tx);
    });
  }

  /** Anchors the chain's current head now. */
  async anchorNow(): Promise<AuditAnchor> {
    return this.dataSource.transaction((tx) => this.anchorIn(tx));
  }

  private async anchorIn(tx: Pick<DataSource, 'query'>): Promise<AuditAnchor> {
    const key = this.config.AUDIT_ANCHOR_KEY;
    if (!key)
      throw new AuditException(
        'AUDIT.NO_ANCHOR_KEY',
        'Chưa cấu hình khóa ký mốc nhật ký (AUDIT_ANCHOR_KEY, tối thiểu 32 ký tự).',
      );
    const [head] = await rows<{ seq: string; hash: Buffer }>(
      tx,
      'SELECT seq, hash FROM audit_chain_head WHERE id = 1',
    );
    const anchor = signAnchor(key, {
      anchoredAt: new Date().toISOString(),
      seq: Number(head.seq),
      hash: head.hash,
    });
    await tx.query(
      'INSERT INTO audit_anchor (anchored_at, seq, hash, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
      [anchor.anchoredAt, anchor.seq, anchor.hash, anchor.keyId, anchor.signature],
    );
    if (this.config.AUDIT_ANCHOR_FILE)
      await appendFile(this.config.AUDIT_ANCHOR_FILE, anchorToJsonLine(anchor));
    this.logger.log(`audit chain anchored at entry ${anchor.seq}`);
    return anchor;
  }
}
