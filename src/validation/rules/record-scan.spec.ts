import { pathText, scanRecord } from './record-scan.js';

describe('record scan', () => {
  const record = {
    registerRef: { registeredOn: '2025-09-15', authorityCode: 'UBND-X-00004' },
    parties: [
      {
        person: {
          fullName: 'Nguy\uFFFDn An',
          birthDate: '2025-08-20',
          placeOfBirth: { unit: { code: '00004', asOf: '2025-08-20' } },
        },
      },
      { person: { fullName: 'Trần Thị Lan', birthDate: '1995' } },
    ],
    maritalStatusCertificate: { validUntil: '2099-01-01' },
  };

  it('collects the past-only dates with their paths, not validUntil', () => {
    expect(scanRecord(record).pastDates.map(([path, value]) => [pathText(path), value])).toEqual([
      ['registerRef.registeredOn', '2025-09-15'],
      ['parties[0].person.birthDate', '2025-08-20'],
      ['parties[0].person.placeOfBirth.unit.asOf', '2025-08-20'],
      ['parties[1].person.birthDate', '1995'],
    ]);
  });

  it('collects unit references and broken text', () => {
    const scan = scanRecord(record);
    expect(scan.unitRefs.map(([p]) => pathText(p))).toEqual(['parties[0].person.placeOfBirth.unit']);
    expect(scan.brokenText.map(pathText)).toEqual(['parties[0].person.fullName']);
  });

  it('accepts tabs and line breaks, refuses control characters', () => {
    expect(scanRecord({ notes: ['a\tb\nc\r'] }).brokenText).toEqual([]);
    expect(scanRecord({ notes: ['a\u0001'] }).brokenText.map(pathText)).toEqual(['notes[0]']);
  });
});
