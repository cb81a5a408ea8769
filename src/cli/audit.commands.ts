import type { INestApplicationContext } from '@nestjs/common';
import { AuditAnchorService } from '../audit/audit-anchor.service.js';
import { AuditException } from '../audit/audit.exception.js';
import { AuditSealerService } from '../audit/audit-sealer.service.js';
import { AuditVerifierService } from '../audit/audit-verifier.service.js';

interface AuditCommandContext {
  app: INestApplicationContext;
  print: (value: unknown) => void;
}

/** `audit verify`: prints the figures; a broken chain is an error naming the first broken link (exit 1). */
export async function auditVerify({ app, print }: AuditCommandContext): Promise<void> {
  const v = await app.get(AuditVerifierService).verify();
  print({
    ok: v.ok,
    entries: v.entries,
    lastSeq: v.lastSeq,
    entriesUnchained: v.entriesUnchained,
    entriesBeforeChain: v.entriesBeforeChain,
    anchorsChecked: v.anchorsChecked,
    anchorsWithOtherKey: v.anchorsWithOtherKey,
    seconds: Math.round(v.seconds * 1000) / 1000,
  });
  for (const w of v.warnings) print(`cảnh báo: ${w}`);
  if (v.problem)
    throw new AuditException(v.problem.code, v.problem.message, 500, {
      seq: v.problem.seq,
      id: v.problem.id,
    });
  print(`chuỗi nhật ký toàn vẹn: ${v.entries} mục đã kiểm tra`);
}

export async function auditAnchor({ app, print }: AuditCommandContext): Promise<void> {
  const a = await app.get(AuditAnchorService).anchorNow();
  print(`anchored: seq ${a.seq}, hash ${a.hash.toString('hex')}, at ${a.anchoredAt}, key ${a.keyId}`);
}

/** `audit seal`: chains what no hub has chained yet (after a crash, or with every hub stopped). */
export async function auditSeal({ app, print }: AuditCommandContext): Promise<void> {
  print(`chained: ${await app.get(AuditSealerService).sealNow()} entries`);
}
