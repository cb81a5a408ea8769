import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

import type { AuditService } from '../audit/audit.service.js';
import { judgeReply, PopulationReplyHandler } from './population-reply.handler.js';

/**
 * A stand-in for the register that keeps one outbox row and answers the handler's statements by
 * their first words; enough to count what the handler writes, not to test SQL (the integration
 * tests in test/population do that against PostgreSQL).
 */
class FakeRegister {
  readonly statements: string[] = [];
  readonly audits: unknown[] = [];
  constructor(public row: Record<string, unknown> | undefined) {}

  query = (sql: string, params: unknown[] = []): Promise<unknown> => {
    const head = sql.trim().split(/\s+/).slice(0, 2).join(' ');
    this.statements.push(head);
    if (head.startsWith('SELECT o.id,')) {
      const asked = params[0] as string[];
      return Promise.resolve(
        this.row && asked.includes(this.row.message_id as string) ? [{ ...this.row }] : [],
      );
    }
    // The batch's answers come as one JSON recordset parameter.
    if (sql.includes('UPDATE outbox_message o') && this.row)
      this.row.status = (JSON.parse(params[0] as string) as Array<{ outcome: string }>)[0].outcome;
    return Promise.resolve([]);
  };

  dataSource(): DataSource {
    return {
      query: (sql: string, params?: unknown[]) => this.query(sql, params),
      transaction: (fn: (tx: unknown) => Promise<unknown>) =>
        fn(asTransaction((sql: string, params?: unknown[]) => this.query(sql, params))),
    } as unknown as DataSource;
  }

  audit(): AuditService {
    return {
      append: (entries: unknown[]) => Promise.resolve(void this.audits.push(...entries)),
    } as unknown as AuditService;
  }

  count(prefix: string): number {
    return this.statements.filter((s) => s.startsWith(prefix)).length;
  }
}

/**
 * A transaction's manager over a fake statement runner: its own statements (tx.query) and the named
 * ones run on its driver connection (queryRunner.connect().query({ name, text, values })).
 */
function asTransaction(run: (sql: string, params?: unknown[]) => Promise<unknown>) {
  return {
    query: run,
    queryRunner: {
      connect: () =>
        Promise.resolve({
          query: async (config: { name?: string; text: string; values?: unknown[] }) => {
            const rows = await run(config.text, config.values);
            return { rows: Array.isArray(rows) ? rows : [] };
          },
        }),
    },
  };
}

const messageId = randomUUID();
const reply = (over: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      schemaVersion: '1',
      messageId: randomUUID(),
      inReplyTo: messageId,
      correlationId: 'c',
      outcome: 'CONFIRMED',
      personalIdNumber: '001325000042',
      answeredAt: '2026-11-20T03:00:00.000Z',
      ...over,
    }),
  );

function setup(status = 'PUBLISHED', subjectPin: string | null = null) {
  const register = new FakeRegister({
    id: '1',
    message_id: messageId,
    status,
    event_id: randomUUID(),
    event_type: 'BIRTH',
    event_version: 1,
    province_code: '01',
    subject_pin: subjectPin,
  });
  return { register, handler: new PopulationReplyHandler(register.dataSource(), register.audit()) };
}

describe('population reply handling', () => {
  it('applies a confirmation once: number on the event and the child, one audit entry', async () => {
    const { register, handler } = setup();
    expect(await handler.handle(reply())).toBe('APPLIED');
    expect(register.count('UPDATE civil_event')).toBe(1);
    expect(register.count('UPDATE party')).toBe(1);
    expect(register.audits).toHaveLength(1);
  });

  it('never applies a duplicated reply twice, and counts it', async () => {
    const { register, handler } = setup();
    const first = reply();
    await handler.handle(first);
    expect(await handler.handle(first)).toBe('DUPLICATE');
    expect(
      await handler.handle(
        reply({
          outcome: 'REJECTED',
          personalIdNumber: undefined,
          rejection: { code: 'INVALID_REQUEST', reason: 'x' },
        }),
      ),
    ).toBe('DUPLICATE');
    expect(register.count('UPDATE civil_event')).toBe(1);
    expect(register.audits).toHaveLength(1);
    expect(handler.counters).toMatchObject({ APPLIED: 1, DUPLICATE: 2 });
  });

  it('applies a batch with one look-up: a reply repeated in it is a DUPLICATE, a bad one an anomaly', async () => {
    const { register, handler } = setup();
    const first = reply();
    await expect(handler.handleBatch([first, Buffer.from('{'), first])).resolves.toEqual([
      'APPLIED',
      'MALFORMED',
      'DUPLICATE',
    ]);
    expect(register.count('SELECT o.id,')).toBe(1);
    expect(register.count('UPDATE civil_event')).toBe(1);
    expect(register.audits).toHaveLength(1);
    expect(register.count('INSERT INTO')).toBe(1); // both anomalies, one statement
    expect(handler.counters).toMatchObject({ APPLIED: 1, MALFORMED: 1, DUPLICATE: 1 });
  });

  it('applies a batch message reply by reply: one verdict each, the bad ones counted, one transaction', async () => {
    const { register, handler } = setup();
    const first = JSON.parse(reply().toString()) as Record<string, unknown>;
    const batch = Buffer.from(
      JSON.stringify({
        schemaVersion: '1',
        messageId: randomUUID(),
        replies: [first, { ...first, messageId: randomUUID() }, { ...first, inReplyTo: 'x' }],
      }),
    );
    await expect(handler.handleBatch([batch])).resolves.toEqual(['APPLIED', 'DUPLICATE', 'MALFORMED']);
    expect(register.count('SELECT o.id,')).toBe(1);
    expect(register.count('UPDATE civil_event')).toBe(1);
    expect(register.audits).toHaveLength(1);
    // The same batch again (redelivered): nothing applied twice.
    await expect(handler.handleBatch([batch])).resolves.toEqual(['DUPLICATE', 'DUPLICATE', 'MALFORMED']);
    expect(register.count('UPDATE civil_event')).toBe(1);
    expect(register.audits).toHaveLength(1);
  });

  it('refuses a batch of an unknown schema version whole, and applies nothing of it', async () => {
    const { register, handler } = setup();
    const batch = Buffer.from(
      JSON.stringify({
        schemaVersion: '2',
        messageId: randomUUID(),
        replies: [JSON.parse(reply().toString())],
      }),
    );
    await expect(handler.handleBatch([batch])).resolves.toEqual(['UNKNOWN_SCHEMA_VERSION']);
    expect(register.count('UPDATE')).toBe(0);
    expect(handler.counters.UNKNOWN_SCHEMA_VERSION).toBe(1);
  });

  it.each([
    ['malformed JSON', Buffer.from('{"schemaVersion":'), 'MALFORMED'],
    ['a reply without inReplyTo', reply({ inReplyTo: undefined }), 'MALFORMED'],
    ['an unknown schema version', reply({ schemaVersion: '2' }), 'UNKNOWN_SCHEMA_VERSION'],
    ['an unknown message id', reply({ inReplyTo: randomUUID() }), 'UNKNOWN_MESSAGE'],
  ])('counts %s, applies nothing and does not throw', async (_, raw, verdict) => {
    const { register, handler } = setup();
    await expect(handler.handle(raw)).resolves.toBe(verdict);
    expect(register.count('UPDATE')).toBe(0);
    expect(register.count('INSERT INTO')).toBe(1); // the anomaly row
    expect(handler.counters[verdict as keyof typeof handler.counters]).toBe(1);
  });

  it('applies a late answer to a dead-lettered message (out of order) but not one to an answered message', () => {
    expect(
      judgeReply(
        { status: 'DEAD', event_type: 'BIRTH', subject_pin: null },
        { outcome: 'CONFIRMED' as never },
      ),
    ).toBe('APPLY');
    expect(
      judgeReply(
        { status: 'PENDING', event_type: 'BIRTH', subject_pin: null },
        { outcome: 'CONFIRMED' as never },
      ),
    ).toBe('APPLY');
    expect(
      judgeReply(
        { status: 'REJECTED', event_type: 'BIRTH', subject_pin: null },
        { outcome: 'CONFIRMED' as never },
      ),
    ).toBe('DUPLICATE');
    expect(judgeReply(undefined, { outcome: 'CONFIRMED' as never })).toBe('UNKNOWN_MESSAGE');
  });

  it('dead-letters, instead of retrying for ever, a number another event already holds (unique violation)', async () => {
    const { register, handler } = setup();
    const query = register.query;
    register.query = (sql: string, params: unknown[] = []) => {
      if (sql.trim().startsWith('UPDATE civil_event'))
        return Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' }));
      return query(sql, params);
    };
    expect(await handler.handle(reply())).toBe('NUMBER_CONFLICT');
    expect(register.statements.some((s) => s === 'UPDATE outbox_message')).toBe(true);
    expect(handler.counters.NUMBER_CONFLICT).toBe(1);
  });

  it('on a unique violation in a batch message, finds the conflicting reply by halves and applies all the others', async () => {
    // Many outbox rows; applying the number of one event violates a unique index. Like PostgreSQL,
    // a failed transaction leaves nothing: statuses change only when the transaction succeeds.
    const rows = Array.from({ length: 64 }, (_, i) => ({
      id: String(i + 1),
      message_id: randomUUID(),
      status: 'PUBLISHED',
      event_id: randomUUID(),
      event_type: 'BIRTH',
      event_version: 1,
      province_code: '01',
      subject_pin: null,
    }));
    const conflicting = rows[37];
    let transactions = 0;
    const db = {
      transaction: async (fn: (tx: unknown) => Promise<unknown>) => {
        transactions += 1;
        const answered: Array<{ id: string; outcome: string }> = [];
        const tx = asTransaction((sql: string, params: unknown[] = []) => {
          if (sql.trim().startsWith('SELECT o.id,')) {
            const asked = new Set(params[0] as string[]);
            return Promise.resolve(rows.filter((r) => asked.has(r.message_id)).map((r) => ({ ...r })));
          }
          if (sql.includes('UPDATE outbox_message o'))
            answered.push(...(JSON.parse(params[0] as string) as Array<{ id: string; outcome: string }>));
          if (sql.trim().startsWith('UPDATE civil_event')) {
            const events = JSON.parse(params[0] as string) as Array<{ event_id: string }>;
            if (events.some((e) => e.event_id === conflicting.event_id))
              return Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' }));
          }
          return Promise.resolve([]);
        });
        const result = await fn(tx);
        for (const a of answered) {
          const row = rows.find((r) => r.id === a.id);
          if (row) row.status = a.outcome;
        }
        return result;
      },
      query: () => Promise.resolve([]),
    } as unknown as DataSource;
    const handler = new PopulationReplyHandler(db, new FakeRegister(undefined).audit());
    const batch = Buffer.from(
      JSON.stringify({
        schemaVersion: '1',
        messageId: randomUUID(),
        replies: rows.map((r, i) => ({
          ...(JSON.parse(reply().toString()) as Record<string, unknown>),
          inReplyTo: r.message_id,
          personalIdNumber: `0013250${String(10000 + i)}`,
        })),
      }),
    );
    const verdicts = await handler.handleBatch([batch]);
    expect(verdicts.filter((v) => v === 'NUMBER_CONFLICT')).toHaveLength(1);
    expect(verdicts[37]).toBe('NUMBER_CONFLICT');
    expect(verdicts.filter((v) => v === 'APPLIED')).toHaveLength(63);
    expect(rows.filter((r) => r.status === 'CONFIRMED')).toHaveLength(63);
    // The batch, then down the halves that hold the conflict (2 per level), plus the conflict's own
    // transaction: far fewer than one per reply.
    expect(transactions).toBeLessThanOrEqual(1 + 2 * Math.log2(64) + 1);
  });

  it('lets other database errors through, so that the reply is delivered again later', async () => {
    const { register, handler } = setup();
    register.query = () => Promise.reject(new Error('connection terminated'));
    await expect(handler.handle(reply())).rejects.toThrow('connection terminated');
  });

  it('never overwrites a number the register already holds with another one', async () => {
    const { register, handler } = setup('PUBLISHED', '001325111111');
    expect(await handler.handle(reply({ personalIdNumber: '001325222222' }))).toBe('NUMBER_CONFLICT');
    expect(register.count('UPDATE civil_event')).toBe(0);
    expect(register.count('UPDATE party')).toBe(0);
    expect(register.row?.status).not.toBe('CONFIRMED');
  });
});
