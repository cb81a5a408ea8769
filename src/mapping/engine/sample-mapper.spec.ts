import { jest } from '@jest/globals';
import { encodeLegacyText } from '../legacy-text/index.js';
import type { MappingReferences } from './mapping-result.model.js';
import { parseMappingText } from './mapping-spec.loader.js';
import { mapSample } from './sample-mapper.js';

// The reference data and a 10 MB value take seconds on a loaded machine; Jest's default is 5 s.
jest.setTimeout(30_000);

const references: MappingReferences = {
  unit: (code, on) =>
    code === '17101' && on < '2025-07-01'
      ? { code, level: 'COMMUNE', fullName: 'Xã Quỳnh Thắng' }
      : undefined,
  authority: (code, on) =>
    code === 'UBND-X-17101' && on < '2025-07-01'
      ? { code, name: 'Ủy ban nhân dân xã Quỳnh Thắng' }
      : undefined,
};

function csvSpec(encoding: string) {
  return parseMappingText(
    `
source: demo-csv
input: { format: csv, encoding: ${encoding} }
records:
  - eventType: BIRTH
    recordId: '{so}'
    fields:
      - { to: registerRef.registeredOn, from: ngay, date: { formats: [dd/MM/yyyy] }, required: true }
      - { to: registerRef, const: '17101', authority: { asOf: registerRef.registeredOn, unitLevel: COMMUNE } }
      - { to: 'parties[CHILD].person', name: { full: hoten }, required: true }
      - { to: 'parties[CHILD].person.sex', from: gt, code: sex }
      - { to: 'parties[CHILD].person.placeOfBirth.unit', from: noisinh, unit: { level: COMMUNE, asOf: registerRef.registeredOn } }
`,
    'demo.yaml',
  );
}

const HEADER = 'so;ngay;hoten;gt;noisinh\n';

function csv(encoding: 'tcvn3' | 'vni' | 'utf8', lines: string[]): Buffer {
  return encodeLegacyText(HEADER + lines.join('\n') + '\n', encoding);
}

describe('mapSample (CSV)', () => {
  it('decodes TCVN3, detects the delimiter, resolves the authority and unit as of the date', () => {
    const [row] = mapSample(
      csvSpec('tcvn3'),
      references,
      csv('tcvn3', ['7;05/03/2017;Đặng ánh Dương;Nữ;17101']),
    );
    expect(row.issues).toEqual([]);
    expect(row.record).toMatchObject({
      schemaVersion: '1',
      eventType: 'BIRTH',
      registerRef: {
        registeredOn: '2017-03-05',
        authorityCode: 'UBND-X-17101',
        authorityName: 'Ủy ban nhân dân xã Quỳnh Thắng',
      },
      parties: [
        {
          role: 'CHILD',
          person: {
            fullName: 'Đặng Ánh Dương',
            familyName: 'Đặng',
            middleName: 'Ánh',
            givenName: 'Dương',
            sex: 'FEMALE',
            placeOfBirth: {
              unit: { code: '17101', level: 'COMMUNE', name: 'Xã Quỳnh Thắng', asOf: '2017-03-05' },
            },
          },
        },
      ],
      source: { sourceId: 'demo-csv', sourceRecordId: '7' },
    });
    expect(row.record?.provenance).toEqual(
      expect.arrayContaining([
        {
          path: 'registerRef.registeredOn',
          sourcePath: 'ngay',
          transform: 'date:dd/MM/yyyy',
          originalValue: '05/03/2017',
        },
        {
          path: 'parties[0].person.givenName',
          sourcePath: 'hoten',
          transform: 'encoding:tcvn3;name:split',
          originalValue: 'Đặng ánh Dương',
        },
      ]),
    );
  });

  it('reports each broken row with its row, record id, field and a Vietnamese message; other rows go on', () => {
    const rows = mapSample(
      csvSpec('utf8'),
      references,
      csv('utf8', [
        '1;31/02/2017;Lê Văn A;Nam;17101',
        '2;01/03/2017;Lê Văn B;X;99999',
        '3;01/03/2017;Lê Văn C;Nam;17101',
        ';01/03/2017;;Nam;17101',
      ]),
    );
    expect(rows.map((r) => r.record !== undefined)).toEqual([false, false, true, false]);
    expect(rows[0].issues).toEqual([
      {
        row: 1,
        recordId: '1',
        field: 'registerRef.registeredOn',
        sourcePath: 'ngay',
        code: 'MAPPING.DATE_IMPOSSIBLE',
        message: expect.stringContaining("Ngày '31/02/2017' không có thật"),
      },
    ]);
    expect(rows[1].issues.map((i) => [i.field, i.code])).toEqual([
      ['parties[CHILD].person.sex', 'MAPPING.CODE_UNKNOWN'],
      ['parties[CHILD].person.placeOfBirth.unit', 'MAPPING.UNIT_UNKNOWN'],
    ]);
    expect(rows[1].issues[0].message).toBe("Giá trị 'X' không có trong bảng mã giới tính.");
    expect(rows[3].issues.map((i) => i.code)).toEqual(['MAPPING.RECORD_ID_MISSING', 'MAPPING.MISSING']);
  });

  it('refuses NUL bytes, invalid bytes and a 10 MB field per row, keeping the other rows', () => {
    const big = 'A'.repeat(10 * 1024 * 1024);
    const bytes = Buffer.concat([
      Buffer.from(HEADER),
      Buffer.from('1;01/03/2017;Lê\u0000Văn;Nam;17101\n'),
      Buffer.concat([
        Buffer.from('2;01/03/2017;L'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' Văn;Nam;17101\n'),
      ]),
      Buffer.from(`3;01/03/2017;${big};Nam;17101\n`),
      Buffer.from('4;01/03/2017;Lê Văn Tám;Nam;17101\n'),
    ]);
    const rows = mapSample(csvSpec('utf8'), references, bytes);
    expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([
      ['MAPPING.CONTROL_CHARACTER'],
      ['MAPPING.INVALID_BYTES'],
      ['MAPPING.VALUE_TOO_LONG'],
      [],
    ]);
    expect(rows[0].issues[0]).toMatchObject({
      row: 1,
      recordId: '1',
      field: 'parties[CHILD].person',
      sourcePath: 'hoten',
    });
    expect(rows[3].record).toBeDefined();
  });

  it('detects the encoding of a whole file, and holds rows of another encoding for review instead of guessing', () => {
    const names = ['Nguyễn Thị Hương', 'Trần Văn Dũng', 'Phạm Ngọc Ánh', 'Đỗ Thị Thuỷ', 'Hoàng Văn Thắng'];
    const tcvn = csv(
      'tcvn3',
      names.map((n, i) => `${i + 1};01/03/2017;${n};Nam;17101`),
    );
    const [detected] = mapSample(csvSpec('auto'), references, tcvn);
    expect(detected.record).toMatchObject({ parties: [{ person: { fullName: 'Nguyễn Thị Hương' } }] });

    const mixed = Buffer.concat([
      encodeLegacyText(HEADER, 'utf8'),
      ...names.map((n, i) =>
        encodeLegacyText(`${i + 1};01/03/2017;${n};Nam;17101\n`, i % 2 === 0 ? 'tcvn3' : 'vni'),
      ),
      encodeLegacyText('9;01/03/2017;Hồng;Nam;17101\n', 'vni'),
    ]);
    const rows = mapSample(csvSpec('auto'), references, mixed);
    const decided = rows.filter((r) => r.record !== undefined);
    for (const row of decided) {
      const name = (row.record?.parties as Array<{ person: { fullName: string } }>)[0].person.fullName;
      expect(names).toContain(name);
    }
    const held = rows.filter((r) => r.needsReview);
    expect(held.length).toBeGreaterThan(0);
    expect(held[0].issues[0]).toMatchObject({
      code: 'MAPPING.ENCODING_REVIEW',
      message: expect.stringContaining('giữ lại để cán bộ xem xét'),
    });
    expect(decided.length + held.length).toBe(rows.length);
  });
});

describe('mapSample (XML)', () => {
  const spec = parseMappingText(
    `
source: demo-soap
input: { format: xml, recordPath: Envelope.Body.List.HoSo }
records:
  - eventType: BIRTH
    recordId: '{Ma}'
    fields:
      - { to: registerRef.registeredOn, from: Ngay, date: { formats: [iso] } }
      - { to: 'parties[CHILD].person', name: { family: Nguoi.Ho, given: Nguoi.Ten } }
`,
    'demo.yaml',
  );
  const envelope = (body: string): Buffer =>
    Buffer.from(
      `<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Body><List>${body}</List></s:Body></s:Envelope>`,
    );

  it('reads nested elements, keeps leading zeros and reads a single record as a list of one', () => {
    const [row] = mapSample(
      spec,
      references,
      envelope('<HoSo><Ma>007</Ma><Ngay>2017-03-05</Ngay><Nguoi><Ho>Lê</Ho><Ten>Na</Ten></Nguoi></HoSo>'),
    );
    expect(row.recordId).toBe('007');
    expect(row.record).toMatchObject({
      parties: [{ person: { fullName: 'Lê Na', familyName: 'Lê', givenName: 'Na' } }],
    });
  });

  it('refuses DOCTYPE (entity expansion, external entities) and deep nesting as a whole file', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Envelope><Body><List><HoSo><Ma>&b;</Ma></HoSo></List></Body></Envelope>`;
    expect(() => mapSample(spec, references, Buffer.from(laughs))).toThrow(/DOCTYPE/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Envelope/>`;
    expect(() => mapSample(spec, references, Buffer.from(xxe))).toThrow(/DOCTYPE/);
    const deep = envelope(`<HoSo>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</HoSo>`);
    expect(() => mapSample(spec, references, deep)).toThrow(/XML không hợp lệ/);
    expect(() => mapSample(spec, references, Buffer.from('<Envelope><Body>'))).toThrow(/XML không hợp lệ/);
  });
});
