import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { recordToXml } from '../../adapters/soap/record-xml.writer.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../generators/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const XSD = fileURLToPath(new URL('../../contracts/v1/soap/civil-status-record.xsd', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./zeep_contract_client.py', import.meta.url));
/** Debian's interpreter: the python3 first on PATH may be another one that cannot see python3-zeep. */
const PYTHON = '/usr/bin/python3';

function runPython(input: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`zeep client exited ${code}:\n${err}`));
      else resolve(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify(input));
  });
}

describe('SOAP contract with a foreign client (Python zeep from the served WSDL)', () => {
  let t: TestApp;
  let wsdl: string;
  let apiKey: string;
  let db: pg.Client;

  beforeAll(async () => {
    const probe = spawnSync(PYTHON, ['-c', 'import zeep, lxml'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(
        `This contract test needs Debian's python3-zeep for ${PYTHON} (apt-get install -y python3-zeep; .ci/run installs it): ${probe.error?.message ?? probe.stderr}`,
      );
    }
    t = await startTestApp({ now: new Date('2026-11-20T03:00:00Z') });
    apiKey = (
      await t.app.get(SourceRegistryService).createSource({
        id: 'hn-zeep',
        name: 'Hà Nội — hệ thống SOAP',
        provinceCode: '01',
        transport: 'SOAP',
      })
    ).apiKey;
    const server: http.Server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    wsdl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap/v1/civil-status?wsdl`;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('loads the WSDL, submits generated records of several event types, and reads their outcomes', async () => {
    const generator = createRecordGenerator({
      referenceData: await loadGeneratorReferenceData(),
      seed: 'soap-zeep-contract',
      sourceId: 'hn-zeep',
      provinceCode: '01',
      today: '2026-11-20',
      eventTypes: ['BIRTH', 'DEATH', 'MARRIAGE'],
    });
    const generated = [...generator.take(12)];
    const records: any[] = generated.map((g) => g.record);
    // For the XSD check: records of all 21 event types, from their own seeded generator.
    const everyEventType: any[] = [
      ...createRecordGenerator({
        referenceData: await loadGeneratorReferenceData(),
        seed: 'soap-xsd-every-event-type',
        sourceId: 'hn-zeep',
        provinceCode: '01',
        today: '2026-11-20',
        eventMix: Object.fromEntries(Object.values(EventType).map((type) => [type, 1])),
      }).take(200),
    ].map((g) => g.record);
    expect(new Set(everyEventType.map((r) => r.eventType)).size).toBe(Object.values(EventType).length);
    const out = await runPython({
      wsdl,
      username: 'hn-zeep',
      password: apiKey,
      records,
      // lxml compiles the committed XSD (XSD 1.0) and validates records as the hub's Node writer puts them.
      xsdFile: XSD,
      recordXml: everyEventType.map((r) => recordToXml('civilStatusRecord', r)),
    });
    expect(out.xsd).toEqual({ compiled: true, errors: [] });

    expect(out.operations).toEqual(['GetOutcomes', 'SubmitRecords']);
    const submit = out.submit;
    expect(submit.received).toBe(12);
    expect(submit.summary.accepted).toBe(12);
    expect(submit.summary.rejected).toBe(0);
    expect(submit.outcome).toHaveLength(12);
    submit.outcome.forEach((o: any, i: number) => {
      expect(o).toMatchObject({ index: i, outcome: 'accepted', version: 1 });
      expect(o.sourceRecordId).toBe(records[i].source.sourceRecordId);
      expect(o.registerId).toMatch(/^[0-9a-f-]{36}$/);
    });
    // What zeep sent is what was registered: names (Vietnamese, NFC) and the event types.
    const stored = await db.query(
      `SELECT e.event_type, count(*)::int AS n FROM civil_event e GROUP BY e.event_type ORDER BY 1`,
    );
    const expected = new Map<string, number>();
    for (const r of records) expected.set(r.eventType, (expected.get(r.eventType) ?? 0) + 1);
    expect(Object.fromEntries(stored.rows.map((r) => [r.event_type, r.n]))).toEqual(
      Object.fromEntries(expected),
    );

    expect(out.byItemId.item.map((i: any) => i.itemId)).toEqual(submit.outcome.map((o: any) => o.itemId));
    expect(
      out.byItemId.item.every((i: any) => i.outcome === 'accepted' && i.batchId === submit.batchId),
    ).toBe(true);
    expect(out.byItemId.notFound).toEqual(['00000000-0000-4000-8000-000000000000']);
    expect(out.bySourceRecordId.item.map((i: any) => i.sourceRecordId)).toEqual(
      records.slice(0, 2).map((r) => r.source.sourceRecordId),
    );

    expect(out.wrongKey).toMatchObject({ faultcode: 'soap:Client.auth', code: 'AUTH.INVALID_API_KEY' });
    expect(out.wrongKey.message).toContain('Xác thực WS-Security thất bại');
  });
});
