import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { HubConfig } from '../../config/hub.config.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { recordset, rows } from '../database/sql.js';
import { linkEntries } from './audit-chain.js';
import { CONTENT_SELECT, chainedRowOf, type ContentRow } from './audit-content.js';

/** Entries chained per transaction at most; a larger backlog takes several. */
const SEAL_BATCH = 20_000;
/**
 * After an append, how long the sealer waits before it seals, and the least time between two rounds
 * of the background loop: under load each round chains what ~100 ms of appends wrote (a round costs
 * a few statements and a commit whatever its size; back-to-back rounds took a third of the writers'
 * throughput), and an entry is chained within about that long.
 */
const ROUND_SPACING_MS = 100;

interface HeadRow {
  seq: string;
  hash: Buffer;
  sealed_below_tx: string;
  /** The server's current snapshot xmin. */
  xmin: string;
}

/**
 * Where to look from. Transaction ids only grow on one server; below the mark means the database
 * was restored into another server (pg_dump), whose ids start low again: look at every row once.
 * (Rows of the former server keep their higher ids and stay inside every later round's window,
 * chained and skipped by the anti-join, until the new server's ids pass them: slower, not wrong.)
 */
function lookFrom(head: Pick<HeadRow, 'sealed_below_tx' | 'xmin'>): string {
  return BigInt(head.xmin) < BigInt(head.sealed_below_tx) ? '0' : head.sealed_below_tx;
}

const HEAD_COLUMNS = 'seq, hash, sealed_below_tx, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin';

/**
 * Chains the audit log: takes the committed content rows not yet chained, in id order, numbers them
 * after the head, hashes them and inserts their links (audit_link), moving the head, in one
 * transaction. Writers never wait for it; an entry committed late with a lower id gets a later number.
 *
 * One sealer at a time across processes: it holds the head row (FOR UPDATE; the background loop
 * skips a round when another process holds it). Every process runs the loop: woken shortly after its
 * own appends, and every AUDIT_SEAL_INTERVAL_MS for entries of other processes and of transactions
 * that committed after the seal their append woke.
 *
 * Which rows to look at: those whose transaction id (`tx`) is at or above the head's
 * `sealed_below_tx`. After a round that chained everything it saw, that mark moves to the xmin of a
 * snapshot taken before the rows were read: every transaction below it had ended, so its rows were
 * visible and are now chained (or rolled back, and never will be).
 */
@Injectable()
export class AuditSealerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditSealerService.name);
  private timer?: NodeJS.Timeout;
  private wakeTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private started = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'AUDIT_SEAL_INTERVAL_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.AUDIT_SEAL_INTERVAL_MS > 0) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.started) return;
    this.stop();
    await this.running;
    // What this process appended last is chained before it goes (the next hub would do it anyway).
    await this.sealNow().catch((err: unknown) => this.logFailure(err));
  }

  /** Starts sealing in the background. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.config.AUDIT_SEAL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    this.started = false;
    clearInterval(this.timer);
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
  }

  /** Called after an append: seal soon (no-op when the background loop is not running). */
  wake(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else if (!this.wakeTimer) this.later();
  }

  /**
   * Chains every entry committed before the call, waiting for a sealer of another process if one
   * is at work; returns how many entries this call chained. For tests, `hub audit seal`, shutdown.
   */
  async sealNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const round = await this.sealRound(true);
      total += round.chained;
      if (!round.more) return total;
    }
  }

  private later(): void {
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.kick();
    }, ROUND_SPACING_MS);
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sealInBackground()
      .catch((err: unknown) => this.logFailure(err))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.started && !this.wakeTimer) {
          this.again = false;
          this.later();
        }
      });
  }

  private async sealInBackground(): Promise<void> {
    // Plain reads first: a round locks the head row, which costs a transaction id and a commit
    // flush even when there is nothing to chain (an idle hub would flush five times a second). The
    // mark is a parameter, not a subquery: the planner must see its value to choose the tx index.
    const [head] = await rows<HeadRow>(
      this.dataSource,
      `SELECT ${HEAD_COLUMNS} FROM audit_chain_head WHERE id = 1`,
    );
    const [{ pending }] = await rows<{ pending: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM audit_log l WHERE l.tx >= $1
          AND NOT EXISTS (SELECT 1 FROM audit_link k WHERE k.audit_id = l.id)) AS pending`,
      [lookFrom(head)],
    );
    if (!pending) return;
    for (;;) {
      const round = await this.sealRound(false);
      if (!round.more || !this.started) return;
    }
  }

  /** One transaction; `wait`: for the head when another sealer holds it, else skip this round. */
  private sealRound(wait: boolean): Promise<{ chained: number; more: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const [head] = await rows<HeadRow>(
        tx,
        `SELECT ${HEAD_COLUMNS} FROM audit_chain_head WHERE id = 1
            FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`,
      );
      if (!head) return { chained: 0, more: false };
      // `horizon`: the xmin of the snapshot the rows are read with (the statement's own): transactions
      // below it had ended, so all their rows are seen. Repeated on each row, to keep one round trip.
      const pending = await rows<ContentRow & { horizon: string }>(
        tx,
        `SELECT ${CONTENT_SELECT}, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
           FROM audit_log l
          WHERE l.tx >= $1 AND NOT EXISTS (SELECT 1 FROM audit_link k WHERE k.audit_id = l.id)
          ORDER BY l.id LIMIT ${SEAL_BATCH}`,
        [lookFrom(head)],
      );
      if (pending.length === 0) return { chained: 0, more: false };
      const { horizon } = pending[0];
      const more = pending.length === SEAL_BATCH;
      await this.insertLinks(tx, head, pending, more ? lookFrom(head) : horizon);
      return { chained: pending.length, more };
    });
  }

  private async insertLinks(
    tx: EntityManager,
    head: HeadRow,
    pending: readonly ContentRow[],
    sealedBelowTx: string,
  ): Promise<void> {
    const links = linkEntries(
      pending.map((r) => chainedRowOf(r, true)),
      Number(head.seq) + 1,
      head.hash,
    );
    const last = links[links.length - 1];
    await tx.query(
      `WITH added AS (
         INSERT INTO audit_link (seq, audit_id, prev_hash, hash)
         SELECT seq, audit_id, decode(prev_hash, 'hex'), decode(hash, 'hex')
           FROM json_to_recordset($1::json) AS x(seq bigint, audit_id bigint, prev_hash text, hash text)
       )
       UPDATE audit_chain_head SET seq = $2, hash = $3, sealed_below_tx = $4 WHERE id = 1`,
      [
        recordset(
          links.map((l) => ({
            seq: l.seq,
            audit_id: l.id,
            prev_hash: l.prevHash.toString('hex'),
            hash: l.hash.toString('hex'),
          })),
        ),
        last.seq,
        last.hash,
        sealedBelowTx,
      ],
    );
  }

  private logFailure(err: unknown): void {
    this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'audit sealing failed');
  }
}
