import {
  canonicalAuditLine,
  checkLinks,
  GENESIS_HASH,
  hashAuditRow,
  linkEntries,
  type ChainedAuditRow,
} from './audit-chain.js';
import { anchorSignatureValid, parseAnchorLines, anchorToJsonLine, signAnchor } from './audit-anchor.js';

function chain(n: number): ChainedAuditRow[] {
  const out: ChainedAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row = {
      seq,
      id: String(1000 + seq),
      occurredAt: '2026-11-21T06:00:00.123Z',
      actorType: 'USER' as const,
      actorId: `u${seq % 3}`,
      action: 'REGISTER.EVENT_READ',
      entityType: 'civil_event',
      entityId: `e${seq}`,
      provinceCode: '01',
      correlationId: null,
      details: { b: seq, a: ['x', { z: 1, y: 'Nguyễn' }] },
      prevHash: prev,
    };
    const hash = hashAuditRow(row);
    out.push({ ...row, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('accepts an intact chain and returns its end', () => {
    const rows = chain(5);
    const r = checkLinks(rows, 0, GENESIS_HASH);
    expect(r).toEqual({ ok: true, lastSeq: 5, lastHash: rows[4].hash });
  });

  it('hashes details independently of key order (jsonb reorders keys)', () => {
    const [row] = chain(1);
    const reordered = { ...row, details: { a: ['x', { y: 'Nguyễn', z: 1 }], b: 1 } };
    expect(hashAuditRow(reordered).equals(row.hash)).toBe(true);
  });

  it.each([
    ['a column', (r: ChainedAuditRow) => ({ ...r, actorId: 'someone-else' })],
    ['a detail', (r: ChainedAuditRow) => ({ ...r, details: { ...r.details, b: 99 } })],
    ['the time', (r: ChainedAuditRow) => ({ ...r, occurredAt: '2026-11-21T06:00:00.124Z' })],
    ['the content row its link points at', (r: ChainedAuditRow) => ({ ...r, id: '2001' })],
  ])('detects a changed entry (%s) at its number', (_what, change) => {
    const rows = chain(5);
    rows[2] = change(rows[2]);
    expect(checkLinks(rows, 0, GENESIS_HASH)).toEqual({ ok: false, brk: { kind: 'HASH_MISMATCH', seq: 3 } });
  });

  it('hashes entries of the first chain (no id) exactly as migration 1763830000000 wrote them', () => {
    const [row] = chain(1);
    expect(canonicalAuditLine({ ...row, id: null })).toBe(
      `[1,"${'0'.repeat(64)}","2026-11-21T06:00:00.123Z","USER","u1","REGISTER.EVENT_READ","civil_event","e1","01",null,{"a":["x",{"y":"Nguyễn","z":1}],"b":1}]`,
    );
    expect(canonicalAuditLine(row)).toContain(`"${'0'.repeat(64)}","1001","2026-`);
  });

  it('links entries after a head: numbers follow it and each links to the one before', () => {
    const head = chain(3);
    const rest = chain(5).slice(3);
    const linked = linkEntries(
      rest.map(({ seq: _s, prevHash: _p, hash: _h, ...content }) => content),
      4,
      head[2].hash,
    );
    expect(linked.map((r) => r.seq)).toEqual([4, 5]);
    expect(linked).toEqual(rest);
    expect(checkLinks([...head, ...linked], 0, GENESIS_HASH)).toMatchObject({ ok: true, lastSeq: 5 });
  });

  it('detects a deleted entry as a gap', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(checkLinks(rows, 0, GENESIS_HASH)).toEqual({
      ok: false,
      brk: { kind: 'GAP', expectedSeq: 2, foundSeq: 3 },
    });
  });

  it('detects two entries swapped by renumbering them', () => {
    const rows = chain(5);
    const a = { ...rows[1], seq: 3 };
    const b = { ...rows[2], seq: 2 };
    rows[1] = b;
    rows[2] = a;
    const r = checkLinks(rows, 0, GENESIS_HASH);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.brk).toEqual({ kind: 'PREV_HASH_MISMATCH', seq: 2 });
  });

  it('detects an entry re-linked and re-hashed without its successor following', () => {
    const rows = chain(4);
    const forged = { ...rows[1], actorId: 'forger' };
    rows[1] = { ...forged, hash: hashAuditRow(forged) };
    expect(checkLinks(rows, 0, GENESIS_HASH)).toEqual({
      ok: false,
      brk: { kind: 'PREV_HASH_MISMATCH', seq: 3 },
    });
  });
});

describe('audit anchors', () => {
  const key = 'k'.repeat(40);
  const base = { anchoredAt: '2026-11-21T00:00:00.000Z', seq: 42, hash: Buffer.alloc(32, 7) };

  it('signs with HMAC and refuses a changed anchor or another key', () => {
    const a = signAnchor(key, base);
    expect(anchorSignatureValid(key, a)).toBe(true);
    expect(anchorSignatureValid(key, { ...a, seq: 41 })).toBe(false);
    expect(anchorSignatureValid('x'.repeat(40), a)).toBe(false);
  });

  it('round-trips through the anchor file and flags a line that is not an anchor', () => {
    const a = signAnchor(key, base);
    const parsed = parseAnchorLines(`${anchorToJsonLine(a)}not json\n`);
    expect(parsed[0]).toEqual(a);
    expect(parsed[1]).toEqual({ badLine: 2 });
  });
});
