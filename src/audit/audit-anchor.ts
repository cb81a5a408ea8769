import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A signed statement "the audit chain had reached entry `seq`, whose hash was `hash`, at `anchoredAt`". */
export interface AuditAnchor {
  anchoredAt: string;
  seq: number;
  hash: Buffer;
  keyId: string;
  signature: Buffer;
}

/** Tells keys apart without revealing them: anchors signed with a retired key are reported as such. */
export function anchorKeyId(key: string): string {
  return createHash('sha256').update(`audit-anchor-key:${key}`, 'utf8').digest('hex').slice(0, 16);
}

function signedText(a: Pick<AuditAnchor, 'anchoredAt' | 'seq' | 'hash'>): string {
  return `civil-status-hub/audit-anchor/v1|${a.seq}|${a.hash.toString('hex')}|${a.anchoredAt}`;
}

export function signAnchor(key: string, a: Pick<AuditAnchor, 'anchoredAt' | 'seq' | 'hash'>): AuditAnchor {
  return {
    ...a,
    keyId: anchorKeyId(key),
    signature: createHmac('sha256', key).update(signedText(a), 'utf8').digest(),
  };
}

export function anchorSignatureValid(key: string, a: AuditAnchor): boolean {
  const expected = createHmac('sha256', key).update(signedText(a), 'utf8').digest();
  return a.signature.length === expected.length && timingSafeEqual(a.signature, expected);
}

/** One line of the anchor file. */
export function anchorToJsonLine(a: AuditAnchor): string {
  return `${JSON.stringify({
    anchoredAt: a.anchoredAt,
    seq: a.seq,
    hash: a.hash.toString('hex'),
    keyId: a.keyId,
    signature: a.signature.toString('hex'),
  })}\n`;
}

/** Lines of the anchor file; a line that is not an anchor is returned as its line number. */
export function parseAnchorLines(text: string): Array<AuditAnchor | { badLine: number }> {
  const out: Array<AuditAnchor | { badLine: number }> = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v = JSON.parse(line) as Record<string, unknown>;
      if (
        typeof v.anchoredAt !== 'string' ||
        typeof v.seq !== 'number' ||
        !Number.isSafeInteger(v.seq) ||
        typeof v.hash !== 'string' ||
        !/^[0-9a-f]{64}$/.test(v.hash) ||
        typeof v.keyId !== 'string' ||
        typeof v.signature !== 'string' ||
        !/^[0-9a-f]{64}$/.test(v.signature)
      )
        throw new Error('shape');
      out.push({
        anchoredAt: v.anchoredAt,
        seq: v.seq,
        hash: Buffer.from(v.hash, 'hex'),
        keyId: v.keyId,
        signature: Buffer.from(v.signature, 'hex'),
      });
    } catch {
      out.push({ badLine: i + 1 });
    }
  });
  return out;
}
