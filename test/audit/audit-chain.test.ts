import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../../config/hub.config.js';
import { AuditAnchorService } from '../../src/audit/audit-anchor.service.js';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import { AuditVerifierService } from '../../src/audit/audit-verifier.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { runHubCli, type CliOutput } from '../../src/cli/hub-cli.runner.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase } from '../support/test-database.js';

// Real scrypt hashing and real PostgreSQL on a shared 2-core machine: give each test room.
jest.setTimeout(30_000);

Logger.overrideLogger(false);

const KEY = 'khóa-ký-mốc-nhật-ký-kiểm-thử-0123456789';

interface Fixture {
  ds: DataSource;
  audit: AuditService;
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
  return {
    ds,
    url: db.url,
    audit: new AuditService(ds),
    verifier: new AuditVerifierService(ds, config),
    anchors: new AuditAnchorService(ds, config),
    close: async () => {
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

/** Runs SQL that the append-only trigger would refuse, as an attacker with superuser access would. */
async function tamper(ds: DataSource, sql: string): Promise<void> {
  await ds.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await tx.query(sql);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe('the hash-chained audit log', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  }, 30_000);
  afterEach(() => f.close());

  it('chains entries appended by 8 concurrent writers without gaps, and verifies', async () => {
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let k = 0; k < 5; k++) await f.audit.append(entries(25, `w${w}k${k}`));
      }),
    );
    const seqs = await f.ds.query('SELECT seq FROM audit_log ORDER BY seq');
    expect(seqs.map((r: { seq: string }) => Number(r.seq))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    const v = await f.verifier.verify();
    expect(v).toMatchObject({ ok: true, entries: 1000, lastSeq: 1000 });
    expect(v.problem).toBeUndefined();
  }, 30_000);

  it('coalesces concurrent standalone appends; a bad entry fails only its own caller', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => f.audit.append(entries(1, `c${i}`))));
    const [{ txs }] = await f.ds.query(`SELECT count(DISTINCT occurred_at)::int AS txs FROM audit_log`);
    // Entries of one transaction share their time: far fewer transactions than callers.
    expect(txs).toBeLessThan(10);

    const calls = Array.from({ length: 20 }, (_, i) =>
      i === 7
        ? f.audit.append([{ ...entries(1, 'bad')[0], actorType: 'NOBODY' as never }])
        : f.audit.append(entries(1, `d${i}`)),
    );
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status === 'rejected')).toEqual(
      Array.from({ length: 20 }, (_, i) => i === 7),
    );
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 59 });
  });

  it('rolls the head back with a rolled-back transaction', async () => {
    await f.audit.append(entries(3, 'a'));
    await expect(
      f.ds.transaction(async (tx) => {
        await f.audit.append(entries(4, 'b'), tx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await f.audit.append(entries(2, 'c'));
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 5 });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by its triggers, and by privileges for the hub_app role', async () => {
    await f.audit.append(entries(2, 'a'));
    await expect(f.ds.query(`UPDATE audit_log SET action = 'X'`)).rejects.toThrow(/append-only/);
    await expect(f.ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(f.ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(f.ds.query('TRUNCATE audit_anchor')).rejects.toThrow(/append-only/);
    // Without the trigger, the application's role still may not change the log (tests connect as
    // superuser, who may SET ROLE to it).
    for (const sql of [`UPDATE audit_log SET action = 'X'`, 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(
        f.ds.transaction(async (tx) => {
          await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
          await tx.query('SET LOCAL ROLE hub_app');
          await tx.query(sql);
        }),
      ).rejects.toThrow(/permission denied/);
    }
    // ...while it can append.
    await f.ds.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE hub_app');
      await f.audit.append(entries(1, 'as-app'), tx);
    });
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('reports a changed entry at its number', async () => {
    await f.audit.append(entries(10, 'a'));
    await tamper(f.ds, `UPDATE audit_log SET details = details || '{"version": 2}' WHERE seq = 7`);
    const v = await f.verifier.verify();
    expect(v.ok).toBe(false);
    expect(v.problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 7 });
    expect(v.problem?.message).toContain('mục số 7');
  });

  it('reports an entry whose time moved by less than a millisecond', async () => {
    await f.audit.append(entries(5, 'a'));
    await tamper(
      f.ds,
      `UPDATE audit_log SET occurred_at = occurred_at + interval '400 microseconds' WHERE seq = 2`,
    );
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_CHANGED', seq: 2 });
  });

  it('reports a deleted entry', async () => {
    await f.audit.append(entries(10, 'a'));
    await tamper(f.ds, 'DELETE FROM audit_log WHERE seq = 4');
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_MISSING', seq: 4 });
  });

  it('reports reordered entries (numbers swapped)', async () => {
    await f.audit.append(entries(10, 'a'));
    await tamper(
      f.ds,
      'UPDATE audit_log SET seq = -5 WHERE seq = 5; UPDATE audit_log SET seq = 5 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = -5',
    );
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.LINK_BROKEN', seq: 5 });
  });

  it('reports an entry inserted around the service', async () => {
    await f.audit.append(entries(3, 'a'));
    await f.ds.query(`INSERT INTO audit_log (actor_type, action) VALUES ('USER', 'FORGED')`);
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.ENTRY_OUTSIDE_CHAIN' });
  });

  it('detects the end of the log cut off, head row rewritten, through a signed anchor', async () => {
    await f.audit.append(entries(10, 'a'));
    const anchor = await f.anchors.anchorNow();
    expect(anchor.seq).toBe(10);
    await f.audit.append(entries(5, 'b'));
    expect(await f.verifier.verify()).toMatchObject({ ok: true, entries: 15, anchorsChecked: 1 });

    // Cut entries 9..15 and make the head agree with entry 8: only the anchor tells.
    await tamper(f.ds, 'DELETE FROM audit_log WHERE seq >= 9');
    await f.ds.query(
      `UPDATE audit_chain_head SET seq = 8, hash = (SELECT hash FROM audit_log WHERE seq = 8)`,
    );
    const v = await f.verifier.verify();
    expect(v.problem).toMatchObject({ code: 'AUDIT.LOG_TRUNCATED', seq: 9 });
    expect(v.problem?.message).toContain('mục số 10');
  });

  it('detects truncation through the head row when no anchor exists yet', async () => {
    await f.audit.append(entries(6, 'a'));
    await tamper(f.ds, 'DELETE FROM audit_log WHERE seq = 6');
    expect((await f.verifier.verify()).problem).toMatchObject({ code: 'AUDIT.LOG_TRUNCATED', seq: 6 });
  });

  it('refuses a forged anchor', async () => {
    await f.audit.append(entries(2, 'a'));
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
      await f.audit.append(entries(5, 'a'));
      await f.anchors.anchorNow();
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
      await tamper(f.ds, 'DELETE FROM audit_log WHERE seq >= 3');
      await f.ds.query('ALTER TABLE audit_anchor DISABLE TRIGGER USER');
      await f.ds.query('DELETE FROM audit_anchor');
      await f.ds.query(
        `UPDATE audit_chain_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)`,
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
      expect(await runHubCli(['audit', 'anchor'], env, io)).toBe(0);
      expect(out).toContain('seq 20');
      expect(await runHubCli(['audit', 'verify'], env, io)).toBe(0);
      expect(out).toContain('"entries": 20');
      await tamper(f.ds, `UPDATE audit_log SET actor_id = 'khác' WHERE seq = 13`);
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
});
