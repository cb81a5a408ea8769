import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HubConfig } from '../../config/hub.config.js';
import { HUB_CONFIG } from '../common/config/hub-config.module.js';
import { rows } from '../database/sql.js';
import { anchorKeyId, anchorSignatureValid, parseAnchorLines, type AuditAnchor } from './audit-anchor.js';
import { checkLinks, GENESIS_HASH, type ChainBreak, type ChainedAuditRow } from './audit-chain.js';
import type { ActorType } from './audit-entry.js';

const PAGE = 20_000;

interface LogRow {
  id: string;
  seq: string;
  occurred_at: string;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  province_code: string | null;
  correlation_id: string | null;
  details: Record<string, unknown> | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

/** The first thing found wrong, in words an operator acts on (Vietnamese) and a stable code. */
export interface AuditProblem {
  code:
    | 'AUDIT.ENTRY_MISSING'
    | 'AUDIT.LINK_BROKEN'
    | 'AUDIT.ENTRY_CHANGED'
    | 'AUDIT.ENTRY_OUTSIDE_CHAIN'
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
 * Walks the whole audit chain in number order (keyset pages, constant memory) and reports the first
 * broken link: a missing number (deleted or renumbered entry), an entry whose previous-hash is not its
 * predecessor's hash (reordered or inserted), an entry whose content no longer matches its hash
 * (changed). Then the end: the head row and every signed anchor must be reached by the chain, or
 * entries were cut off the end.
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

    const [head] = await rows<{ seq: string; hash: Buffer; chain_starts_after_id: string }>(
      this.dataSource,
      'SELECT seq, hash, chain_starts_after_id FROM audit_chain_head WHERE id = 1',
    );
    const [outside] = await rows<{ id: string }>(
      this.dataSource,
      'SELECT id FROM audit_log WHERE seq IS NULL AND id > $1 ORDER BY id LIMIT 1',
      [head.chain_starts_after_id],
    );
    if (outside)
      return fail({
        code: 'AUDIT.ENTRY_OUTSIDE_CHAIN',
        id: outside.id,
        message: `Mục nhật ký id ${outside.id} không thuộc chuỗi (không có số thứ tự và mã băm): mục đã được chèn trực tiếp vào cơ sở dữ liệu, không qua hệ thống.`,
      });
    const [before] = await rows<{ n: string }>(
      this.dataSource,
      'SELECT count(*) AS n FROM audit_log WHERE seq IS NULL',
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

    let lastSeq = 0;
    let lastHash = GENESIS_HASH;
    // The next page is fetched while this one is hashed (keyset: its start is this page's last seq).
    let next = this.page(0);
    next.catch(() => undefined); // awaited below; a page left unread after a break must not go unhandled
    for (;;) {
      const page = await next;
      if (page.length > 0) {
        next = this.page(Number(page[page.length - 1].seq));
        next.catch(() => undefined);
      }
      if (page.length === 0) break;
      const chained = page.map(toChained);
      const checked = checkLinks(chained, lastSeq, lastHash);
      if (!checked.ok) {
        const at = page.find((r) => Number(r.seq) === seqOf(checked.brk));
        return fail(describeBreak(checked.brk, at?.id));
      }
      for (const row of chained) {
        for (const a of anchorBySeq.get(row.seq) ?? []) {
          result.anchorsChecked++;
          if (!a.hash.equals(row.hash))
            return fail({
              code: 'AUDIT.ANCHOR_MISMATCH',
              seq: row.seq,
              message: `Mục số ${row.seq} khác với mốc đã ký lúc ${a.anchoredAt}: chuỗi từ mục này trở về trước đã bị viết lại.`,
            });
        }
      }
      result.entries += page.length;
      lastSeq = checked.lastSeq;
      lastHash = checked.lastHash;
    }
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
    result.seconds = (performance.now() - started) / 1000;
    return result;
  }

  private page(afterSeq: number): Promise<LogRow[]> {
    // Time as ISO text from the server, to the microsecond: parsing into Dates was a visible share of
    // the walk, and a Date would drop microseconds, hiding a time changed by less than a millisecond.
    return rows<LogRow>(
      this.dataSource,
      `SELECT id, seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
              actor_type, actor_id, action, entity_type, entity_id, province_code, correlation_id, details,
              prev_hash, hash
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
      [afterSeq],
    );
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

function toChained(r: LogRow): ChainedAuditRow {
  return {
    seq: Number(r.seq),
    // Written with milliseconds: ".123000Z" reads back as ".123Z"; any other microseconds stay and fail the hash.
    occurredAt: r.occurred_at.endsWith('000Z') ? `${r.occurred_at.slice(0, -4)}Z` : r.occurred_at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    provinceCode: r.province_code,
    correlationId: r.correlation_id,
    details: r.details ?? {},
    prevHash: r.prev_hash ?? Buffer.alloc(0),
    hash: r.hash ?? Buffer.alloc(0),
  };
}

function seqOf(brk: ChainBreak): number {
  return brk.kind === 'GAP' ? brk.foundSeq : brk.seq;
}

function describeBreak(brk: ChainBreak, id: string | undefined): AuditProblem {
  const where = id ? ` (id ${id})` : '';
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
