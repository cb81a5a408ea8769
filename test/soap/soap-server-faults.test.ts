import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { exampleBirth } from '../../contracts/v1/examples/example-records.js';
import { DEFAULT_SOAP_LIMITS, SOAP_LIMITS } from '../../adapters/soap/soap-limits.js';
import { loadSoapConfig, SOAP_CONFIG } from '../../adapters/soap/soap.config.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { IntakeService, type BatchResult } from '../../src/intake/intake.service.js';
import {
  faultOf,
  responseBody,
  soapEnvelope,
  submitRecordsBody,
  type Credentials,
} from '../support/soap-message.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Stands in for intake: fails as told, or counts how many batches are inside it at once. */
class ScriptedIntake {
  failWith: Error | undefined;
  inside = 0;
  maxInside = 0;

  async submitBatch(): Promise<BatchResult> {
    if (this.failWith) throw this.failWith;
    this.inside++;
    this.maxInside = Math.max(this.maxInside, this.inside);
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.inside--;
    return {
      batchId: '11111111-1111-4111-8111-111111111111',
      received: 1,
      receivedAt: new Date().toISOString(),
      summary: { accepted: 1, duplicate: 0, updated: 0, rejected: 0, held: 0, received: 0 },
      outcomes: [
        {
          index: 0,
          itemId: '22222222-2222-4222-8222-222222222222',
          sourceRecordId: 'X',
          outcome: 'accepted',
          registerId: '33333333-3333-4333-8333-333333333333',
          version: 1,
        },
      ],
    };
  }
}

describe('SOAP adapter: server-side faults and the bound on batches in flight', () => {
  let t: TestApp;
  let creds: Credentials;
  const intake = new ScriptedIntake();
  const post = (xml: string) =>
    request(t.app.getHttpServer()).post('/soap/v1/civil-status').set('Content-Type', 'text/xml').send(xml);
  const message = () => soapEnvelope(submitRecordsBody([exampleBirth()]), creds);

  beforeAll(async () => {
    t = await startTestApp({
      env: { INTAKE_MAX_CONCURRENT_BATCHES: '1' },
      override: (b) =>
        b
          .overrideProvider(IntakeService)
          .useValue(intake)
          .overrideProvider(SOAP_LIMITS)
          .useValue({ ...DEFAULT_SOAP_LIMITS, readTimeoutMs: 400 })
          .overrideProvider(SOAP_CONFIG)
          .useValue(loadSoapConfig({ SOAP_PUBLIC_URL: 'https://hotich.example.gov.vn/' })),
    });
    const s = await t.app
      .get(SourceRegistryService)
      .createSource({ id: 'hn-soap-f', name: 'Hà Nội', provinceCode: '01' });
    creds = { username: 'hn-soap-f', password: s.apiKey };
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => {
    intake.failWith = undefined;
  });

  it('a database that cannot be reached is Server.unavailable: send again later', async () => {
    intake.failWith = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const fault = faultOf((await post(message()).expect(500)).text);
    expect(fault).toMatchObject({ faultcode: 'soap:Server.unavailable', code: 'SOAP.UNAVAILABLE' });
    expect(fault.faultstring).toContain('gửi lại');
  });

  it('an unexpected error is Server.internal and shows nothing of its own message', async () => {
    intake.failWith = new Error('relation "secret_table" does not exist: Nguyễn Văn A');
    const res = await post(message()).expect(500);
    const fault = faultOf(res.text);
    expect(fault).toMatchObject({ faultcode: 'soap:Server.internal', code: 'INTERNAL' });
    expect(res.text).not.toContain('secret_table');
    expect(res.text).not.toContain('Nguyễn Văn A');
    expect(fault.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('holds SOAP batches to INTAKE_MAX_CONCURRENT_BATCHES at once; the others wait and succeed', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(message())));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.every((a) => responseBody(a.text).local === 'SubmitRecordsResponse')).toBe(true);
    expect(intake.maxInside).toBe(1);
  });

  it('a body that trickles in too slowly is Client.timeout, and its intake slot is freed', async () => {
    const server: http.Server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const half = message().slice(0, 300);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/soap/v1/civil-status',
          method: 'POST',
          headers: { 'Content-Type': 'text/xml', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(half); // and nothing more
    });
    expect(answer.status).toBe(500);
    expect(faultOf(answer.body)).toMatchObject({
      faultcode: 'soap:Client.timeout',
      code: 'SOAP.READ_TIMEOUT',
    });
    // INTAKE_MAX_CONCURRENT_BATCHES is 1 here: this call gets through only if the slot was released.
    const next = await post(message()).expect(200);
    expect(responseBody(next.text).local).toBe('SubmitRecordsResponse');
  });

  it('writes SOAP_PUBLIC_URL into the WSDL, whatever the Host header says', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/soap/v1/civil-status?wsdl')
      .set('Host', 'internal-node-7:3000')
      .expect(200);
    expect(res.text).toContain(
      '<soap:address location="https://hotich.example.gov.vn/soap/v1/civil-status"/>',
    );
  });
});
