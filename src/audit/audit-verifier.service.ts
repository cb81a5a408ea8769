import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HubConfig } from '../../config/hub.config.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { rows } from '../database/sql.js';
import { anchorKeyId, anchorSignatureValid, parseAnchorLines, type AuditAnchor } from './audit-anchor.js';
import { checkLinks, GENESIS_HASH, type ChainBreak, type ChainedAuditRow } from './audit-chain.js';
import { CONTENT_SELECT, chainedRowOf, type ContentRow } from './audit-content.js';

const PAGE = 20_000;

/**
 * How long an entry may stay unchained. The sealer of a running hub chains within a second; older
 * means no sealer ran (every hub stopped after a crash: `hub audit seal`), the sealer is failing or
 * suppressed, or the row was inserted where no sealer looks (around the service).
 */
export const UNCHAINED_BOUND_MINUTES = 5;

interface ChainRow extends ContentRow {
  seq: string;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

interface HeadRow {
  seq: string;
  hash: Buffer;
  chain_starts_after_id: string;
  links_start_after_seq: string;
}

/** The first thing found wrong, in words an operator acts on (Vietnamese) and a stable code. */
export interface AuditProblem {
  code:
    | 'AUDIT.ENTRY_MISSING'
    | 'AUDIT.LINK_BROKEN'
    | 'AUDIT.ENTRY_CHANGED'
    | 'AUDIT.ENTRY_OUTSIDE_CHAIN'
    | 'AUDIT.ENTRY_UNCHAINED'
    | 'AUDIT.CONTENT_MISSING'
    | 'AUDIT.LOG_TRUNCATED'
    | 'AUDIT.HEAD_MISMATCH'
    | 'AUDIT.ANCHOR_MISMATCH'
    | 'AUDIT.ANCHOR_FORGED'
    | 'AUDIT.ANCHOR_FILE_UNREADABLE';
  seq?: number;
  id?: string;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  lastSeq: number;
  /** Entries written but not chained yet (younger than the bound, or the verification fails). */
  entriesUnchained: number;
  /** Rows written before the chain existed (the migration that introduced it): not covered. */
  entriesBeforeChain: number;
  anchorsChecked: number;
  /** Anchors signed with another key than the configured one: their signature cannot be checked. */
  anchorsWithOtherKey: number;
  warnings: string[];
  problem?: AuditProblem;
  seconds: number;
}

/**
 * Walks the whole audit chain in number order (keyset pages, constant memory): first the entries of
 * the first chain (numbered in audit_log itself, migration 1763830000000), then the links the sealer
 * wrote (audit_link, joined to their content rows). Reports the first broken link: a missing number
 * (deleted or renumbered entry), an entry whose previous-hash is not its predecessor's hash
 * (reordered or inserted), an entry whose content no longer matches its hash (changed), a link whose
 * content row is gone. Then the end: the head row and every signed anchor must be reached by the
 * chain, or entries were cut off the end. Then the content rows no link reaches: counted, and a
 * failure when one is older than UNCHAINED_BOUND_MINUTES (or dated in the future by as much).
 */
@Injectable()
export class AuditVerifierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async verify(): Promise<AuditVerification> {
    const started = performance.now();
    const result: AuditVerification = {
      ok: true,
      entries: 0,
      lastSeq: 0,
      entriesUnchained: 0,
      entriesBeforeChain: 0,
      anchorsChecked: 0,
      anchorsWithOtherKey: 0,
      warnings: [],
      seconds: 0,
    };
    const fail = (problem: AuditProblem): AuditVerification => {
      result.ok = false;
      result.problem = problem;
      result.seconds = (performance.now() - started) / 1000;
      return result;
    };

    const [head] = await rows<HeadRow>(
      this.dataSource,
      'SELECT seq, hash, chain_starts_after_id, links_start_after_seq FROM audit_chain_head WHERE id = 1',
    );
    const legacyEnd = Number(head.links_start_after_seq);
    const [outside] = await rows<{ id: string }>(
      this.dataSource,
      'SELECT id FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1',
      [legacyEnd],
    );
    if (outside)
      return fail({
        code: 'AUDIT.ENTRY_OUTSIDE_CHAIN',
        id: outside.id,
        message: `Mục nhật ký id ${outside.id} mang số thứ tự của chuỗi cũ nhưng nằm ngoài chuỗi: mục đã được chèn trực tiếp vào cơ sở dữ liệu, không qua hệ thống.`,
      });
    const [before] = await rows<{ n: string }>(
      this.dataSource,
      'SELECT count(*) AS n FROM audit_log WHERE id <= $1',
      [head.chain_starts_after_id],
    );
    result.entriesBeforeChain = Number(before.n);

    const { anchors, problem: anchorProblem } = await this.loadAnchors();
    if (anchorProblem) return fail(anchorProblem);
    const anchorBySeq = new Map<number, AuditAnchor[]>();
    for (const a of anchors) anchorBySeq.set(a.seq, [...(anchorBySeq.get(a.seq) ?? []), a]);
    const key = this.config.AUDIT_ANCHOR_KEY;
    if (!key)
      result.warnings.push('AUDIT_ANCHOR_KEY chưa được cấu hình: không kiểm tra được chữ ký các mốc.');
    for (const a of anchors) {
      if (!key) continue;
      if (a.keyId !== anchorKeyId(key)) result.anchorsWithOtherKey++;
      else if (!anchorSignatureValid(key, a))
        return fail({
          code: 'AUDIT.ANCHOR_FORGED',
          seq: a.seq,
          message: `Mốc nhật ký lúc ${a.anchoredAt} (mục số ${a.seq}) có chữ ký không hợp lệ: mốc đã bị sửa hoặc giả mạo.`,
        });
    }

    let last = { seq: 0, hash: GENESIS_HASH };
    for (const segment of [
      (after: number) => this.legacyPage(after, legacyEnd),
      (after: number) => this.linkPage(after),
    ]) {
      const walked = await this.walk(segment, last, anchorBySeq, result);
      if ('problem' in walked) return fail(walked.problem);
      last = walked;
    }
    const lastSeq = last.seq;
    const lastHash = last.hash;
    result.lastSeq = lastSeq;

    const beyond = anchors.filter((a) => a.seq > lastSeq).sort((a, b) => b.seq - a.seq)[0];
    if (beyond)
      return fail({
        code: 'AUDIT.LOG_TRUNCATED',
        seq: lastSeq + 1,
        message: `Nhật ký dừng ở mục số ${lastSeq} nhưng mốc đã ký lúc ${beyond.anchoredAt} ghi nhận đến mục số ${beyond.seq}: các mục cuối đã bị xóa.`,
      });
    for (const a of anchorBySeq.get(0) ?? []) {
      result.anchorsChecked++;
      if (!a.hash.equals(GENESIS_HASH))
        return fail({
          code: 'AUDIT.ANCHOR_MISMATCH',
          seq: 0,
          message: `Mốc đã ký lúc ${a.anchoredAt} cho chuỗi rỗng mang mã băm khác mã khởi đầu: mốc đã bị sửa.`,
        });
    }
    if (Number(head.seq) > lastSeq)
      return fail({
        code: 'AUDIT.LOG_TRUNCATED',
        seq: lastSeq + 1,
        message: `Nhật ký dừng ở mục số ${lastSeq} nhưng đầu chuỗi ghi nhận đến mục số ${head.seq}: các mục cuối đã bị xóa.`,
      });
    if (Number(head.seq) !== lastSeq || !head.hash.equals(lastHash))
      return fail({
        code: 'AUDIT.HEAD_MISMATCH',
        seq: lastSeq,
        message: `Đầu chuỗi (mục số ${head.seq}) không khớp với mục cuối của nhật ký (số ${lastSeq}): bảng audit_chain_head đã bị sửa.`,
      });
    if (key && anchors.length === 0)
      result.warnings.push('Chưa có mốc nào được ký: chưa phát hiện được việc cắt bỏ phần cuối nhật ký.');
    const unchained = await this.unchained(head.chain_starts_after_id);
    result.entriesUnchained = unchained.count;
    if (unchained.stale)
      return fail({
        code: 'AUDIT.ENTRY_UNCHAINED',
        id: unchained.stale.id,
        message: `Mục nhật ký id ${unchained.stale.id} (ghi lúc ${unchained.stale.at}) chưa được nối vào chuỗi sau hơn ${UNCHAINED_BOUND_MINUTES} phút: bộ nối chuỗi không chạy (chạy "hub audit seal" hoặc khởi động hệ thống) hoặc mục đã được chèn trực tiếp vào cơ sở dữ liệu, không qua hệ thống.`,
      });
    result.seconds = (performance.now() - started) / 1000;
    return result;
  }

  /**
   * Walks one segment from `last`, checking links and anchors page by page; the next page is
   * fetched while this one is hashed (keyset: its start is this page's last number).
   */
  private async walk(
    page: (afterSeq: number) => Promise<ChainedAuditRow[]>,
    last: { seq: number; hash: Buffer },
    anchorBySeq: ReadonlyMap<number, AuditAnchor[]>,
    result: AuditVerification,
  ): Promise<{ seq: number; hash: Buffer } | { problem: AuditProblem }> {
    let { seq: lastSeq, hash: lastHash } = last;
    let next = page(lastSeq);
    next.catch(() => undefined); // awaited below; a page left unread after a break must not go unhandled
    for (;;) {
      const chained = await next;
      if (chained.length === 0) return { seq: lastSeq, hash: lastHash };
      next = page(chained[chained.length - 1].seq);
      next.catch(() => undefined);
      const checked = checkLinks(chained, lastSeq, lastHash);
      if (!checked.ok) {
        const at = chained.find((r) => r.seq === seqOf(checked.brk));
        return { problem: describeBreak(checked.brk, at) };
      }
      for (const row of chained) {
        for (const a of anchorBySeq.get(row.seq) ?? []) {
          result.anchorsChecked++;
          if (!a.hash.equals(row.hash))
            return {
              problem: {
                code: 'AUDIT.ANCHOR_MISMATCH',
                seq: row.seq,
                message: `Mục số ${row.seq} khác với mốc đã ký lúc ${a.anchoredAt}: chuỗi từ mục này trở về trước đã bị viết lại.`,
              },
            };
        }
      }
      result.entries += chained.length;
      lastSeq = checked.lastSeq;
      lastHash = checked.lastHash;
    }
  }

  /** Entries of the first chain, numbered in audit_log itself (their hash does not cover the id). */
  private async legacyPage(afterSeq: number, legacyEnd: number): Promise<ChainedAuditRow[]> {
    if (afterSeq >= legacyEnd) return [];
    const page = await rows<ChainRow>(
      this.dataSource,
      `SELECT ${CONTENT_SELECT}, l.seq, l.prev_hash, l.hash
         FROM audit_log l WHERE l.seq > $1 AND l.seq <= $2 ORDER BY l.seq LIMIT ${PAGE}`,
      [afterSeq, legacyEnd],
    );
    return page.map((r) => toChained(r, false));
  }

  /** Entries chained by the sealer: links with their content rows (absent when deleted). */
  private async linkPage(afterSeq: number): Promise<ChainedAuditRow[]> {
    const page = await rows<ChainRow>(
      this.dataSource,
      `SELECT ${CONTENT_SELECT}, k.seq, k.prev_hash, k.hash
         FROM audit_link k LEFT JOIN audit_log l ON l.id = k.audit_id
        WHERE k.seq > $1 ORDER BY k.seq LIMIT ${PAGE}`,
      [afterSeq],
    );
    return page.map((r) => toChained(r, true));
  }

  /** Content rows after the pre-chain ones that neither the first chain nor a link covers. */
  private async unchained(
    chainStartsAfterId: string,
  ): Promise<{ count: number; stale?: { id: string; at: string } }> {
    const [r] = await rows<{ n: string; stale_id: string | null; stale_at: Date | null }>(
      this.dataSource,
      `SELECT count(*) AS n,
              (array_agg(l.id ORDER BY l.id) FILTER (WHERE stale))[1] AS stale_id,
              (array_agg(l.occurred_at ORDER BY l.id) FILTER (WHERE stale))[1] AS stale_at
         FROM audit_log l,
              LATERAL (SELECT abs(extract(epoch FROM now() - l.occurred_at)) > $2 * 60 AS stale) s
        WHERE l.id > $1 AND l.seq IS NULL
          AND NOT EXISTS (SELECT 1 FROM audit_link k WHERE k.audit_id = l.id)`,
      [chainStartsAfterId, UNCHAINED_BOUND_MINUTES],
    );
    return {
      count: Number(r.n),
      ...(r.stale_id && r.stale_at ? { stale: { id: r.stale_id, at: r.stale_at.toISOString() } } : {}),
    };
  }

  private async loadAnchors(): Promise<{ anchors: AuditAnchor[]; problem?: AuditProblem }> {
    const stored = await rows<{
      anchored_at: Date;
      seq: string;
      hash: Buffer;
      key_id: string;
      signature: Buffer;
    }>(this.dataSource, 'SELECT anchored_at, seq, hash, key_id, signature FROM audit_anchor ORDER BY id');
    const anchors: AuditAnchor[] = stored.map((a) => ({
      anchoredAt: a.anchored_at.toISOString(),
      seq: Number(a.seq),
      hash: a.hash,
      keyId: a.key_id,
      signature: a.signature,
    }));
    const file = this.config.AUDIT_ANCHOR_FILE;
    if (!file) return { anchors };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && anchors.length === 0) return { anchors };
      return {
        anchors,
        problem: {
          code: 'AUDIT.ANCHOR_FILE_UNREADABLE',
          message: `Không đọc được tệp mốc nhật ký ${file} (${(err as NodeJS.ErrnoException).code ?? 'lỗi'}) dù cơ sở dữ liệu có ${anchors.length} mốc.`,
        },
      };
    }
    for (const parsed of parseAnchorLines(text)) {
      if ('badLine' in parsed)
        return {
          anchors,
          problem: {
            code: 'AUDIT.ANCHOR_FORGED',
            message: `Dòng ${parsed.badLine} của tệp mốc ${file} không phải là một mốc hợp lệ.`,
          },
        };
      anchors.push(parsed);
    }
    return { anchors };
  }
}

function toChained(r: ChainRow, coversId: boolean): ChainedAuditRow {
  return chainedRowOf(r, coversId, { seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash });
}

function seqOf(brk: ChainBreak): number {
  return brk.kind === 'GAP' ? brk.foundSeq : brk.seq;
}

function describeBreak(brk: ChainBreak, at: ChainedAuditRow | undefined): AuditProblem {
  const id = at?.id || undefined;
  const where = id ? ` (id ${id})` : '';
  // A link whose content row is gone reads back with no id (outer join).
  if (brk.kind === 'HASH_MISMATCH' && at?.id === '')
    return {
      code: 'AUDIT.CONTENT_MISSING',
      seq: brk.seq,
      message: `Nội dung của mục số ${brk.seq} không còn trong nhật ký (audit_log): mục đã bị xóa.`,
    };
  switch (brk.kind) {
    case 'GAP':
      return {
        code: 'AUDIT.ENTRY_MISSING',
        seq: brk.expectedSeq,
        id,
        message: `Thiếu mục số ${brk.expectedSeq}: sau mục số ${brk.expectedSeq - 1} là mục số ${brk.foundSeq}${where}. Mục đã bị xóa hoặc đánh số lại.`,
      };
    case 'PREV_HASH_MISMATCH':
      return {
        code: 'AUDIT.LINK_BROKEN',
        seq: brk.seq,
        id,
        message: `Mục số ${brk.seq}${where} không nối với mục số ${brk.seq - 1} (prev_hash khác mã băm của mục trước): các mục đã bị sắp xếp lại, chèn hoặc thay thế.`,
      };
    case 'HASH_MISMATCH':
      return {
        code: 'AUDIT.ENTRY_CHANGED',
        seq: brk.seq,
        id,
        message: `Nội dung mục số ${brk.seq}${where} không khớp với mã băm của nó: mục đã bị sửa.`,
      };
  }
}
