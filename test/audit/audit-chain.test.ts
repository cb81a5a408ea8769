import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../../config/hub.config.js';
import { AuditAnchorService } from '../../src/audit/audit-anchor.service.js';
import { GENESIS_HASH, hashAuditRow } from '../../src/audit/audit-chain.js';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import { AuditSealerService } from '../../src/audit/audit-sealer.service.js';
import { AuditVerifierService } from '../../src/audit/audit-verifier.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { runHubCli, type CliOutput } from '../../src/cli/hub-cli.runner.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, dropDatabase, withDatabase } from '../support/test-database.js';

// Real scrypt hashing and real PostgreSQL on a shared 2-core machine: give each test room.
jest.setTimeout(30_000);

Logger.overrideLogger(false);

const KEY = 'khóa-ký-mốc-nhật-ký-kiểm-thử-0123456789';

interface Fixture {
  ds: DataSource;
  audit: AuditService;
  /** Not started: tests seal explicitly (sealNow), or start it to seal in the background. */
  sealer: AuditSealerService;
  verifier: AuditVerifierService;
  anchors: AuditAnchorService;
  url: string;
  close(): Promise<void>;
}

async function fixture(env: Record<string, string> = {}): Promise<Fixture> {
  const db = await createTestDatabase();
  const config = loadHubConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, AUDIT_ANCHOR_KEY: KEY, ...env });
  const ds = new DataSource(dataSourceOptions(db.url, 10));
  await ds.initialize();
  const sealer = new AuditSealerService(ds, { AUDIT_SEAL_INTERVAL_MS: 50 });
  return {
    ds,
    url: db.url,
    sealer,
    audit: new AuditService(ds, sealer),
    verifier: new AuditVerifierService(ds, config),
    anchors: new AuditAnchorService(ds, config),
    close: async () => {
      sealer.stop();
      await ds.destroy();
      await db.drop();
    },
  };
}

function entries(n: number, tag: string): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    actorType: 'SOURCE',
    actorId: `src-${tag}`,
    action: 'REGISTER.EVENT_REGISTERED',
    entityType: 'civil_event',
    entityId: `${tag}-${i}`,
    provinceCode: '01',
    correlationId: `corr-${tag}`,
    details: { version: 1, eventType: 'BIRTH', note: 'Hà Nội', nested: { z: [1, 2.5, null], a: true } },
  }));
}

/** Appends and chains them. */
async function appendSealed(f: Fixture, list: AuditEntry[]): Promise<void> {
  await f.audit.append(list);
  await f.sealer.sealNow();
}

/** Runs SQL that the append-only triggers would refuse, as an attacker with superuser access would. */
async function tamper(ds: DataSource, sql: string): Promise<void> {
  await ds.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query('ALTER TABLE audit_link DISABLE TRIGGER audit_link_append_only');
    await tx.query(sql);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await tx.query('ALTER TABLE audit_link ENABLE TRIGGER audit_link_append_only');
  });
}

/** Chain numbers in order, with the entity of each entry's content row. */
async function chain(ds: DataSource): Promise<Array<{ seq: number; entity: string }>> {
  const r: Array<{ seq: string; entity_id: string }> = await ds.query(
    'SELECT k.seq, l.entity_id FROM audit_link k JOIN audit_log l ON l.id = k.audit_id ORDER BY k.seq',
  );
  return r.map((x) => ({ seq: Number(x.seq), entity: x.entity_id }));
}

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('the hash-chained audit log', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  }, 30_000);
  afterEach(() => f.close());

  it('chains entries of concurrent transactions while a sealer runs, without gaps; a rolled-back one leaves none', async () => {
    f.sealer.start();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let k = 0; k < 5; k++) {
          if (w === 3 && k === 2)
            await expect(
              f.ds.transaction(async (tx) => {
                await f.audit.append(entries(25, `rolled-back-${w}`), tx);
                throw new Error('rollback');
              }),
            ).rejects.toThrow('rollback');
          else if (k % 2 === 0) await f.ds.transaction((tx) => f.audit.append(entries(25, `w${w}k${k}`), tx));
          else for (let i = 0; i < 25; i++) await f.audit.append(entries(1, `w${w}k${k}i${i}`));
        }
      }),
    );
    await f.sealer.sealNow();
    const chained = await chain(f.ds);
    expect(chained.map((c) => c.seq)).toEqual(oneTo(975));
    expect(chained.some((c) => c.entity.startsWith('rolled-back'))).toBe(false);
    const [{ n }] = await f.ds.query('SELECT count(*)::int AS n FROM audit_log');
    expect(n).toBe(975);
    const v = await f.verifier.verify();
    expect(v).toMatchObject({ ok: true, entries: 975, lastSeq: 975, entriesUnchained: 0 });
    expect(v.problem).toBeUndefined();
  }, 30_000);

  it('shows content at commit, and gives an entry committed late with a lower id a later number', async () => {
    let release!: () => void;
    let appended!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const appendedInTx = new Promise<void>((r) => (appended = r));
    const late = f.ds.transaction(async (tx) => {
      await f.audit.append(entries(1, 'late'), tx);
      appended();
      await held;
    });
    await appendedInTx;
    await f.audit.append(entries(1, 'early'));
    // Content of the committed append is readable at once, before any sealing.
    const [{ n }] = await f.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = 'early-0'`);
    expect(n).toBe(1);
    expect(await f.sealer.sealNow()).toBe(1);
    release();
    await late;
    expect(await f.sealer.sealNow()).toBe(1);
    const ids: Array<{ entity_id: string; id: string }> = await f.ds.query(
      'SELECT entity_id, id FROM audit_log ORDER BY id',
    );
    expect(ids.map((r) => r.entity_id)).toEqual(['late-0', 'early-0']);
    expect(await chain(f.ds)).toEqual([
      { seq: 1, entity: 'early-0' },
      { seq: 2, entity: 'late-0' },
    ]);
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('lets two sealers work at once: every entry chained once, no gap', async () => {
    const other = new DataSource(dataSourceOptions(f.url, 4));
    await other.initialize();
    const second = new AuditSealerService(other, { AUDIT_SEAL_INTERVAL_MS: 10 });
    try {
      f.sealer.start();
      second.start();
      await Promise.all(
        Array.from({ length: 6 }, async (_, w) => {
          for (let k = 0; k < 40; k++) {
            await f.audit.append(entries(1 + (k % 3), `w${w}k${k}`));
            if (k % 10 === 0) await (w % 2 === 0 ? f.sealer : second).sealNow();
          }
        }),
      );
      await Promise.all([f.sealer.sealNow(), second.sealNow()]);
    } finally {
      second.stop();
      await other.destroy();
    }
    const total = 6 * (14 * 1 + 13 * 2 + 13 * 3);
    expect((await chain(f.ds)).map((c) => c.seq)).toEqual(oneTo(total));
    const [{ unlinked }] = await f.ds.query(
      'SELECT count(*)::int AS unlinked FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_link k WHERE k.audit_id = l.id)',
    );
    expect(unlinked).toBe(0);
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: total, entriesUnchained: 0 });
  }, 30_000);

  it('stores text with NUL (which PostgreSQL cannot hold) as U+FFFD on every append path, and chains it', async () => {
    const nul = (tag: string): AuditEntry => ({
      actorType: 'USER',
      actorId: `u\u0000${tag}`,
      action: 'AUTH.LOGIN_FAILED',
      details: { username: `a\u0000b`, n: 1 },
    });
    await f.audit.append([nul('one')]);
    await f.audit.append([nul('two-a'), nul('two-b')]);
    await f.ds.transaction((tx) =>
      f.audit.append(
        Array.from({ length: 40 }, (_, i) => nul(`tx${i}`)),
        tx,
      ),
    );
    expect(await f.sealer.sealNow()).toBe(43);
    const r: Array<{ actor_id: string; details: { username: string }; entity_type: string | null }> =
      await f.ds.query('SELECT actor_id, details, entity_type FROM audit_log ORDER BY id');
    expect(r[0]).toEqual({
      actor_id: 'u\ufffdone',
      details: { username: 'a\ufffdb', n: 1 },
      entity_type: null,
    });
    expect(r.every((x) => x.actor_id.startsWith('u\ufffd') && x.details.username === 'a\ufffdb')).toBe(true);
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 43 });
  });

  it('still chains after a restore into a server whose transaction ids start lower than the mark', async () => {
    await appendSealed(f, entries(2, 'before'));
    await f.ds.query(`UPDATE audit_chain_head SET sealed_below_tx = 4000000000000`);
    await f.audit.append(entries(3, 'after'));
    expect(await f.sealer.sealNow()).toBe(3);
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 5, entriesUnchained: 0 });
  });

  it('fails only the caller whose entry is bad', async () => {
    const calls = Array.from({ length: 20 }, (_, i) =>
      i === 7
        ? f.audit.append([{ ...entries(1, 'bad')[0], actorType: 'NOBODY' as never }])
        : f.audit.append(entries(1, `d${i}`)),
    );
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status === 'rejected')).toEqual(
      Array.from({ length: 20 }, (_, i) => i === 7),
    );
    await f.sealer.sealNow();
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 19 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of content and links by triggers, and by privileges for hub_app', async () => {
    await appendSealed(f, entries(2, 'a'));
    for (const table of ['audit_log', 'audit_link']) {
      await expect(f.ds.query(`UPDATE ${table} SET seq = seq`)).rejects.toThrow(/append-only/);
      await expect(f.ds.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(f.ds.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
    await expect(f.ds.query('TRUNCATE audit_anchor')).rejects.toThrow(/append-only/);
    // Without the trigger, the application's role still may not change the log (tests connect as
    // superuser, who may SET ROLE to it).
    for (const table of ['audit_log', 'audit_link'])
      for (const sql of [`UPDATE ${table} SET seq = seq`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        await expect(
          f.ds.transaction(async (tx) => {
            await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
            await tx.query('SET LOCAL ROLE hub_app');
            await tx.query(sql);
          }),
        ).rejects.toThrow(/permission denied/);
      }
    // ...while it can append and seal.
    await f.ds.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE hub_app');
      await f.audit.append(entries(1, 'as-app'), tx);
    });
    await f.ds.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE hub_app');
      const sealer = new AuditSealerService(
        { transaction: (fn: (m: unknown) => unknown) => fn(tx) } as unknown as DataSource,
        { AUDIT_SEAL_INTERVAL_MS: 0 },
      );
      expect(await sealer.sealNow()).toBe(1);
    });
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('reports a changed entry at its number', async () => {
    await appendSealed(f, entries(10, 'a'));
    await tamper(
      f.ds,
      `UPDATE audit_log SET details = details || '{"version": 2}' WHERE id = (SELECT audit_id FROM audit_link WHERE seq = 7)`,
    );
    const v = await f.verifier.verify();
    expect(v.ok).toBe(false);
    expect(v.problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 7 });
    expect(v.problem?.message).toContain('mục số 7');
  });

  it('reports an entry whose time moved by less than a millisecond', async () => {
    await appendSealed(f, entries(5, 'a'));
    await tamper(
      f.ds,
      `UPDATE audit_log SET occurred_at = occurred_at + interval '400 microseconds' WHERE id = (SELECT audit_id FROM audit_link WHERE seq = 2)`,
    );
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 2 });
  });

  it('reports a deleted link', async () => {
    await appendSealed(f, entries(10, 'a'));
    await tamper(f.ds, 'DELETE FROM audit_link WHERE seq = 4');
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_MISSING', seq: 4 });
  });

  it('reports a deleted content row', async () => {
    await appendSealed(f, entries(10, 'a'));
    await tamper(f.ds, 'DELETE FROM audit_log WHERE id = (SELECT audit_id FROM audit_link WHERE seq = 6)');
    const v = await f.verifier.verify();
    expect(v.problem).toMatchObject({ code: 'AUDIT.CONTENT_MISSING', seq: 6 });
    expect(v.problem?.message).toContain('mục số 6');
  });

  it('reports reordered entries (link numbers swapped) and a link pointed at another content row', async () => {
    await appendSealed(f, entries(10, 'a'));
    await tamper(
      f.ds,
      'UPDATE audit_link SET seq = -5 WHERE seq = 5; UPDATE audit_link SET seq = 5 WHERE seq = 6; UPDATE audit_link SET seq = 6 WHERE seq = -5',
    );
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.LINK_BROKEN', seq: 5 });
    await tamper(
      f.ds,
      'UPDATE audit_link SET seq = -5 WHERE seq = 5; UPDATE audit_link SET seq = 5 WHERE seq = 6; UPDATE audit_link SET seq = 6 WHERE seq = -5',
    );
    expect(await f.verifier.verify()).toMatchObject({ ok: true });
    // Content rows 3 and 8 swapped under their links (their content is identical but for the entity).
    await tamper(
      f.ds,
      `UPDATE audit_link SET audit_id = -audit_id WHERE seq IN (3, 8);
       UPDATE audit_link k SET audit_id = (SELECT -audit_id FROM audit_link WHERE seq = 11 - k.seq) WHERE seq IN (3, 8)`,
    );
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 3 });
  });

  it('reports an entry left unchained longer than the bound, and only then', async () => {
    await appendSealed(f, entries(3, 'a'));
    // Appended while no sealer runs: reported as pending, not as a failure.
    await f.audit.append(entries(2, 'pending'));
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 3, entriesUnchained: 2 });
    // A row written around the service, dated 10 minutes ago (or a sealer suppressed that long).
    await f.ds.query(
      `INSERT INTO audit_log (actor_type, action, occurred_at) VALUES ('USER', 'FORGED', now() - interval '10 minutes')`,
    );
    const [{ id }] = await f.ds.query(`SELECT id FROM audit_log WHERE action = 'FORGED'`);
    const v = await f.verifier.verify();
    expect(v).toMatchObject({ ok: false, entriesUnchained: 3 });
    expect(v.problem).toMatchObject({ code: 'AUDIT.ENTRY_UNCHAINED', id: String(id) });
    expect(v.problem?.message).toContain('5 phút');
    // Chained, it is an entry like any other (the sealer cannot tell): verification passes.
    expect(await f.sealer.sealNow()).toBe(3);
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 6, entriesUnchained: 0 });
  });

  it('never chains a row inserted where the sealer does not look, and reports it', async () => {
    await appendSealed(f, entries(2, 'a'));
    await f.ds.query(
      `INSERT INTO audit_log (actor_type, action, occurred_at, tx) VALUES ('USER', 'HIDDEN', now() - interval '1 hour', 3)`,
    );
    expect(await f.sealer.sealNow()).toBe(0);
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_UNCHAINED' });
  });

  it('detects the end of the log cut off, head row rewritten, through a signed anchor', async () => {
    await appendSealed(f, entries(10, 'a'));
    const anchor = await f.anchors.anchorNow();
    expect(anchor.seq).toBe(10);
    await appendSealed(f, entries(5, 'b'));
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 15, anchorsChecked: 1 });

    // Cut links 9..15 and make the head agree with entry 8: only the anchor tells.
    await tamper(f.ds, 'DELETE FROM audit_link WHERE seq >= 9');
    await f.ds.query(
      `UPDATE audit_chain_head SET seq = 8, hash = (SELECT hash FROM audit_link WHERE seq = 8)`,
    );
    const v = await f.verifier.verify();
    expect(v.problem).toMatchObject({ code: 'AUDIT.LOG_TRUNCATED', seq: 9 });
    expect(v.problem?.message).toContain('mục số 10');
  });

  it('detects truncation through the head row when no anchor exists yet', async () => {
    await appendSealed(f, entries(6, 'a'));
    await tamper(f.ds, 'DELETE FROM audit_link WHERE seq = 6');
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.LOG_TRUNCATED', seq: 6 });
  });

  it('refuses a forged anchor', async () => {
    await appendSealed(f, entries(2, 'a'));
    await f.anchors.anchorNow();
    await f.ds.query('ALTER TABLE audit_anchor DISABLE TRIGGER audit_anchor_append_only');
    await f.ds.query('UPDATE audit_anchor SET seq = 1');
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ANCHOR_FORGED' });
  });

  it('anchors only when due', async () => {
    expect(await f.anchors.anchorIfDue(3_600_000)).not.toBeNull();
    expect(await f.anchors.anchorIfDue(3_600_000)).toBeNull();
    const [{ n }] = await f.ds.query('SELECT count(*)::int AS n FROM audit_anchor');
    expect(n).toBe(1);
  });
});

describe('anchors kept in a file apart from the database', () => {
  it('detects a truncation that also removed the database anchors', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-anchor-')), 'anchors.jsonl');
    const f = await fixture({ AUDIT_ANCHOR_FILE: file });
    try {
      await appendSealed(f, entries(5, 'a'));
      await f.anchors.anchorNow();
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
      await tamper(f.ds, 'DELETE FROM audit_link WHERE seq >= 3');
      await f.ds.query('ALTER TABLE audit_anchor DISABLE TRIGGER USER');
      await f.ds.query('DELETE FROM audit_anchor');
      await f.ds.query(
        `UPDATE audit_chain_head SET seq = 2, hash = (SELECT hash FROM audit_link WHERE seq = 2)`,
      );
      expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.LOG_TRUNCATED', seq: 3 });
      writeFileSync(file, 'garbage\n');
      expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ANCHOR_FORGED' });
    } finally {
      await f.close();
    }
  });
});

describe('npm run hub -- audit verify', () => {
  it('exits 0 on an intact chain and 1 naming the first broken link', async () => {
    const f = await fixture();
    let out = '';
    let err = '';
    const io: CliOutput = { out: (t) => void (out += t), err: (t) => void (err += t) };
    const env = { NODE_ENV: 'test', DATABASE_URL: f.url, AUDIT_ANCHOR_KEY: KEY };
    try {
      await f.audit.append(entries(20, 'a'));
      expect(await runHubCli(['audit', 'seal'], env, io)).toBe(0);
      expect(out).toContain('chained: 20 entries');
      expect(await runHubCli(['audit', 'anchor'], env, io)).toBe(0);
      expect(out).toContain('seq 20');
      expect(await runHubCli(['audit', 'verify'], env, io)).toBe(0);
      expect(out).toContain('"entries": 20');
      await tamper(
        f.ds,
        `UPDATE audit_log SET actor_id = 'khác' WHERE id = (SELECT audit_id FROM audit_link WHERE seq = 13)`,
      );
      expect(await runHubCli(['audit', 'verify'], env, io)).toBe(1);
      expect(err).toMatch(/^AUDIT\.ENTRY_CHANGED: Nội dung mục số 13 \(id \d+\)/);
    } finally {
      await f.close();
    }
  }, 30_000);
});

describe('the running hub', () => {
  it('anchors the chain head by itself when a key is configured, once per interval', async () => {
    const { startTestApp } = await import('../support/test-app.js');
    const t = await startTestApp({ env: { AUDIT_ANCHOR_KEY: KEY, AUDIT_ANCHOR_INTERVAL_MINUTES: '60' } });
    const c = new pg.Client(t.databaseUrl);
    await c.connect();
    try {
      let n = 0;
      for (let i = 0; i < 50 && n === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        n = (await c.query('SELECT count(*)::int AS n FROM audit_anchor')).rows[0].n;
      }
      expect(n).toBe(1);
      // Due again only after the interval: another check now adds nothing.
      expect(await t.app.get(AuditAnchorService).anchorIfDue(60 * 60_000)).toBeNull();
    } finally {
      await c.end();
      await t.close();
    }
  });

  it('chains appended entries by itself, without being asked', async () => {
    const { startTestApp } = await import('../support/test-app.js');
    const t = await startTestApp();
    const c = new pg.Client(t.databaseUrl);
    await c.connect();
    try {
      const before = Number((await c.query('SELECT seq FROM audit_chain_head')).rows[0].seq);
      await t.app.get(AuditService).append(entries(3, 'hub'));
      const appended = performance.now();
      let seq = before;
      while (seq < before + 3 && performance.now() - appended < 5_000) {
        await new Promise((r) => setTimeout(r, 20));
        seq = Number((await c.query('SELECT seq FROM audit_chain_head')).rows[0].seq);
      }
      expect(seq).toBe(before + 3);
      // The sealer is kicked by the append itself (and every 200 ms); on an idle machine this takes
      // tens of milliseconds. The bound is loose because Jest runs other files on the same 2 cores.
      expect(performance.now() - appended).toBeLessThan(3_000);
    } finally {
      await c.end();
      await t.close();
    }
  });
});

describe('a log chained by the first scheme (migration 1763830000000), then migrated', () => {
  it('keeps its entries verifiable, and links continue the chain after them', async () => {
    const base = process.env.HUB_TEST_DATABASE_URL as string;
    const name = `hub_test_legacy_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client(withDatabase(base, 'postgres'));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = withDatabase(base, name);
    const migratedBefore = async (timestamp: number): Promise<DataSource> => {
      const ds = new DataSource({
        ...dataSourceOptions(url, 2),
        migrations: MIGRATIONS.filter((m) => Number(m.name.slice(-13)) < timestamp),
      });
      await ds.initialize();
      await ds.runMigrations();
      return ds;
    };
    // Two rows from before any chain, then four chained as the former AuditService wrote them.
    const unchained = await migratedBefore(1763830000000);
    await unchained.query(
      `INSERT INTO audit_log (actor_type, action) VALUES ('SYSTEM', 'OLD'), ('SYSTEM', 'OLD')`,
    );
    await unchained.destroy();
    const before = await migratedBefore(1763880000000);
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 4; seq++) {
      const row = {
        seq,
        id: null,
        occurredAt: '2026-11-20T01:02:03.456Z',
        actorType: 'USER' as const,
        actorId: `u${seq}`,
        action: 'REGISTER.EVENT_READ',
        entityType: 'civil_event',
        entityId: `e${seq}`,
        provinceCode: '01',
        correlationId: null,
        details: { b: seq, a: 'Nguyễn' },
        prevHash,
      };
      const hash = hashAuditRow(row);
      await before.query(
        `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, action, entity_type, entity_id, province_code, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          seq,
          row.occurredAt,
          row.actorType,
          row.actorId,
          row.action,
          row.entityType,
          row.entityId,
          '01',
          row.details,
          prevHash,
          hash,
        ],
      );
      await before.query('UPDATE audit_chain_head SET seq = $1, hash = $2', [seq, hash]);
      prevHash = hash;
    }
    await before.destroy();

    const ds = new DataSource(dataSourceOptions(url, 4));
    await ds.initialize();
    try {
      await ds.runMigrations();
      const sealer = new AuditSealerService(ds, { AUDIT_SEAL_INTERVAL_MS: 0 });
      const config = loadHubConfig({ NODE_ENV: 'test', DATABASE_URL: url });
      const verifier = new AuditVerifierService(ds, config);
      await new AuditService(ds, sealer).append(entries(3, 'new'));
      expect(await sealer.sealNow()).toBe(3);
      const links: Array<{ seq: string }> = await ds.query('SELECT seq FROM audit_link ORDER BY seq');
      expect(links.map((l) => Number(l.seq))).toEqual([5, 6, 7]);
      expect(await verifier.verify()).toMatchObject({
        ok: true,
        entries: 7,
        lastSeq: 7,
        entriesBeforeChain: 2,
        entriesUnchained: 0,
      });
      await tamper(ds, `UPDATE audit_log SET actor_id = 'khác' WHERE seq = 2`);
      expect((await verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 2 });
    } finally {
      await ds.destroy();
      await dropDatabase(base, name);
    }
  }, 30_000);
});
