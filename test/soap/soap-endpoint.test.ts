import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { distinctBirth } from '../support/distinct-birth.js';
import { PASSWORD_DIGEST } from '../../adapters/soap/soap-envelope.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import {
  child,
  children,
  faultOf,
  getOutcomesBody,
  leaves,
  responseBody,
  soapEnvelope,
  submitRecordsBody,
  type Credentials,
} from '../support/soap-message.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { writeChunks } from '../support/write-chunks.js';

type Plain = Record<string, any>;
const PATH = '/soap/v1/civil-status';

function birth(sourceRecordId: string, entryNumber: string, mutate?: (r: Plain) => void): Plain {
  // One child per register entry: copies of one example are the same birth to matching.
  const r: Plain = distinctBirth(exampleBirth(), Number(entryNumber));
  r.source.sourceId = 'hn-soap';
  r.source.sourceRecordId = sourceRecordId;
  r.registerRef.entryNumber = entryNumber;
  mutate?.(r);
  return r;
}

describe('SOAP adapter (push): /soap/v1/civil-status', () => {
  let t: TestApp;
  let creds: Credentials;
  let otherProvince: Credentials;
  let db: pg.Client;
  const post = (xml: string | Buffer, contentType = 'text/xml; charset=utf-8') =>
    request(t.app.getHttpServer()).post(PATH).set('Content-Type', contentType).send(xml);
  const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);
  const stored = () => count('SELECT count(*) n FROM intake_item');

  beforeAll(async () => {
    t = await startTestApp();
    const sources = t.app.get(SourceRegistryService);
    const hn = await sources.createSource({
      id: 'hn-soap',
      name: 'Hà Nội — phần mềm SOAP',
      provinceCode: '01',
      transport: 'SOAP',
    });
    creds = { username: 'hn-soap', password: hn.apiKey };
    const hp = await sources.createSource({
      id: 'hp-soap',
      name: 'Hải Phòng',
      provinceCode: '31',
      transport: 'SOAP',
    });
    otherProvince = { username: 'hp-soap', password: hp.apiKey };
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('serves the WSDL with its own address', async () => {
    const res = await request(t.app.getHttpServer())
      .get(`${PATH}?wsdl`)
      .set('Host', 'hub.test:8443')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toContain('<soap:address location="http://hub.test:8443/soap/v1/civil-status"/>');
    expect(res.text).toContain('<xsd:complexType name="CivilStatusRecord">');
    const hostile = await request(t.app.getHttpServer())
      .get(`${PATH}?wsdl`)
      .set('Host', 'x"><evil')
      .expect(200);
    expect(hostile.text).toContain('<soap:address location="http://localhost/soap/v1/civil-status"/>');
  });

  it('registers a batch and answers per record, exactly like REST intake', async () => {
    const res = await post(
      soapEnvelope(submitRecordsBody([birth('S-1', '1'), birth('S-2', '2')]), creds),
    ).expect(200);
    const answer = responseBody(res.text);
    expect(answer.local).toBe('SubmitRecordsResponse');
    expect(leaves(child(answer, 'summary'))).toMatchObject({ received: '0', accepted: '2', rejected: '0' });
    const outcomes = children(answer, 'outcome').map(leaves);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({
      index: '0',
      sourceRecordId: 'S-1',
      outcome: 'accepted',
      version: '1',
    });
    expect(outcomes[0].registerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcomes[1].registerId).not.toBe(outcomes[0].registerId);
    const batch = await db.query(
      `SELECT b.transport, b.source_id FROM intake_batch b JOIN intake_item i ON i.batch_id = b.id WHERE i.id = $1`,
      [outcomes[0].itemId],
    );
    expect(batch.rows[0]).toEqual({ transport: 'SOAP', source_id: 'hn-soap' });
    const party = await db.query(`SELECT count(*) n FROM party WHERE event_id = $1`, [
      outcomes[0].registerId,
    ]);
    expect(Number(party.rows[0].n)).toBe(4);

    const again = await post(soapEnvelope(submitRecordsBody([birth('S-1', '1')]), creds)).expect(200);
    expect(leaves(child(responseBody(again.text), 'outcome'))).toMatchObject({
      outcome: 'duplicate',
      registerId: outcomes[0].registerId,
    });
  });

  it('rejects a broken record with its field path while registering its neighbour', async () => {
    const broken = birth('S-10', '10', (r) => {
      r.occurredOn = '20-08-2025';
      r.bogusField = 'x';
    });
    const res = await post(soapEnvelope(submitRecordsBody([broken, birth('S-11', '11')]), creds)).expect(200);
    const [bad, good] = children(responseBody(res.text), 'outcome');
    expect(leaves(bad)).toMatchObject({ outcome: 'rejected', sourceRecordId: 'S-10' });
    const errors = children(bad, 'error').map(leaves);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['occurredOn', 'bogusField']));
    expect(errors.every((e) => e.message.length > 0 && e.code.length > 0)).toBe(true);
    expect(leaves(good)).toMatchObject({ outcome: 'accepted' });
  });

  it('rejects a record with a field from another namespace, naming it', async () => {
    const xml = soapEnvelope(submitRecordsBody([birth('S-12', '12')]), creds).replace(
      '<eventType>',
      '<x:eventType xmlns:x="urn:someone-else:v9">BIRTH</x:eventType><eventType>',
    );
    const outcome = child(responseBody((await post(xml).expect(200)).text), 'outcome');
    expect(leaves(outcome)).toMatchObject({ outcome: 'rejected', sourceRecordId: 'S-12' });
    expect(children(outcome, 'error').map((e) => leaves(e).path)).toContain('{urn:someone-else:v9}eventType');
  });

  it('binds the token to its province: another province’s source is refused per record', async () => {
    const res = await post(
      soapEnvelope(
        submitRecordsBody([birth('S-20', '20', (r) => (r.source.sourceId = 'hp-soap'))]),
        otherProvince,
      ),
    ).expect(200);
    const outcome = child(responseBody(res.text), 'outcome');
    expect(leaves(outcome).outcome).toBe('rejected');
    expect(children(outcome, 'error').map((e) => leaves(e).code)).toContain('AUTH.OUTSIDE_SOURCE_PROVINCE');
    expect(await count(`SELECT count(*) n FROM civil_event WHERE province_code = '31'`)).toBe(0);
  });

  it('answers GetOutcomes by item ids (unknown ones listed) and by source record ids', async () => {
    const sent = await post(soapEnvelope(submitRecordsBody([birth('S-30', '30')]), creds)).expect(200);
    const itemId = leaves(child(responseBody(sent.text), 'outcome')).itemId;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const byItem = responseBody(
      (
        await post(soapEnvelope(getOutcomesBody('itemId', [itemId, unknown, 'not-a-uuid']), creds)).expect(
          200,
        )
      ).text,
    );
    expect(byItem.local).toBe('GetOutcomesResponse');
    expect(children(byItem, 'item').map(leaves)).toEqual([
      expect.objectContaining({ itemId, sourceRecordId: 'S-30', outcome: 'accepted', version: '1' }),
    ]);
    expect(children(byItem, 'notFound').map((e) => e.text)).toEqual([unknown, 'not-a-uuid']);

    const bySource = responseBody(
      (await post(soapEnvelope(getOutcomesBody('sourceRecordId', ['S-1', 'S-none']), creds)).expect(200))
        .text,
    );
    const items = children(bySource, 'item').map(leaves);
    expect(items.map((i) => i.outcome).sort()).toEqual(['accepted', 'duplicate']);
    expect(children(bySource, 'notFound').map((e) => e.text)).toEqual(['S-none']);

    // Another source does not see these items.
    const foreign = responseBody(
      (await post(soapEnvelope(getOutcomesBody('itemId', [itemId]), otherProvince)).expect(200)).text,
    );
    expect(children(foreign, 'item')).toHaveLength(0);
    expect(children(foreign, 'notFound').map((e) => e.text)).toEqual([itemId]);
  });

  describe('authentication (WS-Security UsernameToken)', () => {
    const body = () => submitRecordsBody([birth('S-AUTH', '90')]);
    it.each([
      ['no Security header', () => soapEnvelope(body()), 'SOAP.AUTH_MISSING'],
      [
        'a wrong key',
        () => soapEnvelope(body(), { ...creds, password: 'hub_wrong' }),
        'AUTH.INVALID_API_KEY',
      ],
      [
        'another source’s name',
        () => soapEnvelope(body(), { ...creds, username: 'hp-soap' }),
        'AUTH.INVALID_API_KEY',
      ],
      [
        'a PasswordDigest',
        () => soapEnvelope(body(), { ...creds, passwordType: PASSWORD_DIGEST }),
        'SOAP.PASSWORD_TYPE_UNSUPPORTED',
      ],
    ])('%s is a Client.auth fault and nothing is stored', async (_label, xml, code) => {
      const before = await stored();
      const res = await post(xml()).expect(500);
      const fault = faultOf(res.text);
      expect(fault).toMatchObject({ faultcode: 'soap:Client.auth', code });
      expect(fault.faultstring).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i);
      expect(fault.correlationId).toMatch(/\S/);
      expect(await stored()).toBe(before);
    });

    it('a revoked key is refused', async () => {
      const sources = t.app.get(SourceRegistryService);
      await sources
        .createSource({ id: 'hn-soap-old', name: 'Cũ', provinceCode: '01', transport: 'SOAP' })
        .then(async (s) => {
          await sources.revokeKeys('hn-soap-old');
          const res = await post(
            soapEnvelope(body(), { username: 'hn-soap-old', password: s.apiKey }),
          ).expect(500);
          expect(faultOf(res.text)).toMatchObject({
            faultcode: 'soap:Client.auth',
            code: 'AUTH.API_KEY_REVOKED',
          });
        });
    });
  });

  describe('hostile and broken messages: a clear fault, nothing stored', () => {
    const records = () => submitRecordsBody([birth('S-H', '95')]);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;
    const cases: Array<[string, () => string | Buffer, string, string]> = [
      [
        'billion laughs',
        () =>
          `${laughs}${soapEnvelope(records(), creds)
            .replace(/^<\?xml[^>]*>/, '')
            .replace('<eventType>BIRTH', '<eventType>&lol9;')}`,
        'soap:Client.forbiddenDtd',
        'SOAP.DTD_FORBIDDEN',
      ],
      [
        'an external entity (XXE)',
        () =>
          `<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${soapEnvelope(records(), creds)
            .replace(/^<\?xml[^>]*>/, '')
            .replace('<eventType>BIRTH', '<eventType>&x;')}`,
        'soap:Client.forbiddenDtd',
        'SOAP.DTD_FORBIDDEN',
      ],
      [
        '100,000-deep nesting',
        () => soapEnvelope(`${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`, creds),
        'soap:Client.tooDeep',
        'SOAP.XML_TOO_DEEP',
      ],
      [
        'a SOAP 1.2 envelope',
        () =>
          soapEnvelope(records(), creds).replace(
            'http://schemas.xmlsoap.org/soap/envelope/',
            'http://www.w3.org/2003/05/soap-envelope',
          ),
        'soap:VersionMismatch',
        'SOAP.VERSION_MISMATCH',
      ],
      [
        'the operation in a wrong namespace',
        () => soapEnvelope(records().replace('urn:civil-status-hub:v1', 'urn:someone-else:v9'), creds),
        'soap:Client.unknownOperation',
        'SOAP.UNKNOWN_OPERATION',
      ],
      [
        'a malformed envelope (unclosed tag)',
        () => soapEnvelope(records(), creds).replace('</soap:Body>', ''),
        'soap:Client.malformed',
        'SOAP.MALFORMED_XML',
      ],
      [
        'an envelope without a Body',
        () => soapEnvelope(records(), creds).replace(/<soap:Body>.*<\/soap:Body>/s, ''),
        'soap:Client.malformed',
        'SOAP.MALFORMED_ENVELOPE',
      ],
      ['not XML at all', () => '{"records": []}', 'soap:Client.malformed', 'SOAP.MALFORMED_XML'],
      [
        'bytes that are not UTF-8',
        () =>
          Buffer.concat([
            Buffer.from(soapEnvelope(records(), creds).slice(0, 400)),
            Buffer.from([0xc3, 0x28]),
            Buffer.from('</x>'),
          ]),
        'soap:Client.malformed',
        'SOAP.MALFORMED_XML',
      ],
      [
        'an empty batch',
        () => soapEnvelope(submitRecordsBody([]), creds),
        'soap:Client.validation',
        'INTAKE.BATCH_SIZE',
      ],
      [
        'an unexpected element in SubmitRecords',
        () => soapEnvelope(records().replace('</SubmitRecords>', '<note>x</note></SubmitRecords>'), creds),
        'soap:Client.validation',
        'SOAP.UNEXPECTED_ELEMENT',
      ],
      [
        'records in a wrong namespace',
        () => soapEnvelope(records().replace('<record>', '<record xmlns="urn:someone-else:v9">'), creds),
        'soap:Client.validation',
        'SOAP.UNEXPECTED_ELEMENT',
      ],
    ];
    it.each(cases)('%s', async (_label, xml, faultcode, code) => {
      const before = await stored();
      const res = await post(xml()).expect(500);
      expect(faultOf(res.text)).toMatchObject({ faultcode, code });
      expect(faultOf(res.text).faultstring.length).toBeGreaterThan(10);
      expect(await stored()).toBe(before);
    });

    it('a wrong Content-Type is refused before the body is read', async () => {
      const res = await post(soapEnvelope(records(), creds), 'text/plain').expect(500);
      expect(faultOf(res.text)).toMatchObject({
        faultcode: 'soap:Client.malformed',
        code: 'SOAP.CONTENT_TYPE',
      });
    });

    it('1,001 records is Client.tooLarge', async () => {
      const before = await stored();
      const many = Array.from({ length: 1001 }, (_, i) => birth(`S-M-${i}`, String(1000 + i)));
      const res = await post(soapEnvelope(submitRecordsBody(many), creds)).expect(500);
      expect(faultOf(res.text)).toMatchObject({
        faultcode: 'soap:Client.tooLarge',
        code: 'INTAKE.BATCH_SIZE',
      });
      expect(await stored()).toBe(before);
    });

    it('a 50 MB body is refused by its declared length and, streamed without one, as it arrives', async () => {
      const before = await stored();
      const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
      const declared = await post(
        Buffer.concat([Buffer.from(soapEnvelope('', creds).slice(0, 200)), big]),
      ).expect(500);
      expect(faultOf(declared.text)).toMatchObject({
        faultcode: 'soap:Client.tooLarge',
        code: 'SOAP.BODY_TOO_LARGE',
      });

      const server: http.Server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: PATH,
            method: 'POST',
            headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Transfer-Encoding': 'chunked' },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        // An open envelope, then 50 MB of text inside <notes>: well-formed so far, only too large.
        const open = soapEnvelope('<SubmitRecords xmlns="urn:civil-status-hub:v1"><record><notes>', creds);
        req.write(open.slice(0, open.indexOf('</soap:Body>')));
        writeChunks(req, Buffer.alloc(1024 * 1024, 0x61), 50);
      });
      expect(streamed.status).toBe(500);
      expect(faultOf(streamed.body)).toMatchObject({
        faultcode: 'soap:Client.tooLarge',
        code: 'SOAP.BODY_TOO_LARGE',
      });
      expect(await stored()).toBe(before);
    });
  });
});
