import { loadMappingDir } from '../../src/mapping/engine/mapping-spec.loader.js';
import { loadPullPlan, parsePullPlan } from './pull-plan.loader.js';
import type { PullPlan } from './pull-plan.model.js';
import { fetchPage, pageRequest } from './soap-pull.client.js';

const DIR = 'mappings/hn-hotich-soap';

function answer(status: number, body: string): typeof fetch {
  return () => Promise.resolve(new Response(body, { status, headers: { 'content-type': 'text/xml' } }));
}

describe('SOAP pull: plan and client', () => {
  let plan: PullPlan;

  beforeAll(async () => {
    plan = (await loadPullPlan(DIR, await loadMappingDir(DIR)))!;
  });

  it('loads the example plan and refuses a broken one naming the file and field', async () => {
    expect(plan).toMatchObject({
      endpointEnv: 'HN_HOTICH_SOAP_URL',
      request: { operation: 'LayHoSoKhaiSinh', cursorElement: 'TuMaThayDoi', pageSize: 100 },
    });
    const mapping = await loadMappingDir(DIR);
    expect(() =>
      parsePullPlan(
        'source: hn-hotich-soap\nendpointEnv: X\nusernameEnv: U\nrequest: {}\nresponse: {}\n',
        'pull.yaml',
        mapping,
      ),
    ).toThrow('pull.yaml: passwordEnv: expected both usernameEnv and passwordEnv, or neither');
    expect(() =>
      parsePullPlan(
        'source: hn-hotich-soap\nendpointEnv: X\nrequest: { soapAction: a, namespace: b, operation: "x y", cursorElement: c, pageSizeElement: d }\nresponse: { recordPath: A.B, nextCursorPath: A.C }\n',
        'pull.yaml',
        mapping,
      ),
    ).toThrow('pull.yaml: request.operation: expected an XML element name');
    const csv = await loadMappingDir('mappings/na-quynhluu-csv');
    expect(() => parsePullPlan('source: na-quynhluu-csv\n', 'pull.yaml', csv)).toThrow(
      'a pull plan only for a mapping with input format xml',
    );
  });

  it('writes the request with the cursor and account escaped', () => {
    const xml = pageRequest(plan, { url: 'x', username: 'a<b', password: 'p&"q' }, '12</ns:TuMaThayDoi><x>');
    expect(xml).toContain('<wsse:Username>a&#60;b</wsse:Username>');
    expect(xml).toContain('>p&#38;&#34;q</wsse:Password>');
    expect(xml).toContain('<ns:TuMaThayDoi>12&#60;/ns:TuMaThayDoi&#62;&#60;x&#62;</ns:TuMaThayDoi>');
    expect(pageRequest(plan, { url: 'x' }, undefined)).not.toContain('Security');
  });

  it('reads records and the next cursor; a single record is a list of one; none is empty', async () => {
    const envelope = (inner: string): string =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:h="urn:x"><s:Body><h:LayHoSoKhaiSinhResponse>${inner}</h:LayHoSoKhaiSinhResponse></s:Body></s:Envelope>`;
    const one = await fetchPage(
      plan,
      { url: 'x' },
      undefined,
      answer(
        200,
        envelope('<h:HoSo><h:MaHoSo>A</h:MaHoSo></h:HoSo><h:MaThayDoiTiepTheo>7</h:MaThayDoiTiepTheo>'),
      ),
    );
    expect(one).toEqual({ records: [{ MaHoSo: 'A' }], nextCursor: '7' });
    const none = await fetchPage(
      plan,
      { url: 'x' },
      '7',
      answer(200, envelope('<h:MaThayDoiTiepTheo>7</h:MaThayDoiTiepTheo>')),
    );
    expect(none.records).toEqual([]);
  });

  it.each([
    [401, 'Unauthorized', 'SOAP_PULL.AUTH_FAILED', false],
    [502, 'Bad gateway', 'SOAP_PULL.SERVER_FAULT', true],
    [200, '<a><b>', 'SOAP_PULL.BAD_RESPONSE', false],
    [200, '<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', 'SOAP_PULL.BAD_RESPONSE', false],
    [200, '<Envelope><Body><Other/></Body></Envelope>', 'SOAP_PULL.BAD_RESPONSE', false],
    [
      500,
      '<Envelope><Body><Fault><faultcode>soap:Client</faultcode><faultstring>bad</faultstring></Fault></Body></Envelope>',
      'SOAP_PULL.CLIENT_FAULT',
      false,
    ],
    [
      500,
      '<Envelope><Body><Fault><faultcode>soap:Server</faultcode><faultstring>db</faultstring></Fault></Body></Envelope>',
      'SOAP_PULL.SERVER_FAULT',
      true,
    ],
  ])('HTTP %i %s → %s', async (status, body, code, retryable) => {
    await expect(fetchPage(plan, { url: 'x' }, undefined, answer(status, body))).rejects.toMatchObject({
      code,
      retryable,
    });
  });

  it('an answer larger than the limit is refused while it streams', async () => {
    const huge: typeof fetch = () =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 60; i++) controller.enqueue(new Uint8Array(1024 * 1024));
              controller.close();
            },
          }),
          { status: 200 },
        ),
      );
    await expect(fetchPage(plan, { url: 'x' }, undefined, huge)).rejects.toMatchObject({
      code: 'SOAP_PULL.BAD_RESPONSE',
    });
  });
});
