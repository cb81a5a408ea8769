import { diffRecords } from './record-diff.js';

describe('diffRecords', () => {
  const before = {
    eventType: 'BIRTH',
    registerRef: { book: '01', entryNumber: '12' },
    parties: [
      { role: 'CHILD', person: { fullName: 'Nguyễn Văn An', sex: 'MALE' } },
      { role: 'MOTHER', person: { fullName: 'Trần Thị Bình', personalIdNumber: '001190012345' } },
    ],
  };

  it('lists only the leaves that changed, with their values before and after', () => {
    const after = structuredClone(before);
    after.parties[0].person.fullName = 'Nguyễn Văn Anh';
    after.registerRef.entryNumber = '13';
    expect(diffRecords(before, after)).toEqual([
      { path: 'parties[0].person.fullName', before: 'Nguyễn Văn An', after: 'Nguyễn Văn Anh' },
      { path: 'registerRef.entryNumber', before: '12', after: '13' },
    ]);
  });

  it('reports a field added or removed against null, and a party added leaf by leaf', () => {
    const after = structuredClone(before) as typeof before & { occurredOn?: string };
    after.occurredOn = '2026-01-02';
    delete (after.parties[1].person as { personalIdNumber?: string }).personalIdNumber;
    after.parties.push({ role: 'FATHER', person: { fullName: 'Lê Văn Cường', sex: 'MALE' } });
    expect(diffRecords(before, after)).toEqual([
      { path: 'occurredOn', before: null, after: '2026-01-02' },
      { path: 'parties[1].person.personalIdNumber', before: '001190012345', after: null },
      { path: 'parties[2].person.fullName', before: null, after: 'Lê Văn Cường' },
      { path: 'parties[2].person.sex', before: null, after: 'MALE' },
      { path: 'parties[2].role', before: null, after: 'FATHER' },
    ]);
  });

  it('finds nothing between equal records and orders parties[2] before parties[10]', () => {
    expect(diffRecords(before, structuredClone(before))).toEqual([]);
    const many = (n: number) => ({ parties: Array.from({ length: n }, (_, i) => ({ ordinal: i })) });
    const paths = diffRecords(many(0), many(11)).map((d) => d.path);
    expect(paths.indexOf('parties[2].ordinal')).toBeLessThan(paths.indexOf('parties[10].ordinal'));
  });
});
