import { capitaliseNameParts, joinName, splitFullName } from './person-name.util.js';

describe('person names', () => {
  it('splits family first, given last, middle between', () => {
    expect(splitFullName('  Nguyễn   Thị Minh  Anh ')).toEqual({
      fullName: 'Nguyễn Thị Minh Anh',
      familyName: 'Nguyễn',
      middleName: 'Thị Minh',
      givenName: 'Anh',
    });
    expect(splitFullName('Lò Pằng')).toEqual({ fullName: 'Lò Pằng', familyName: 'Lò', givenName: 'Pằng' });
  });

  it('keeps a one-word name as the given name only (no family name)', () => {
    expect(splitFullName('Y Moan')).toMatchObject({ familyName: 'Y', givenName: 'Moan' });
    expect(splitFullName('Hơlen')).toEqual({ fullName: 'Hơlen', givenName: 'Hơlen' });
  });

  it('joins parts in Vietnamese order and skips missing ones', () => {
    expect(joinName({ family: 'Trần', middle: '', given: 'Lan' })).toEqual({
      fullName: 'Trần Lan',
      familyName: 'Trần',
      givenName: 'Lan',
    });
  });

  it('capitalises each word (TCVN3 loses toned capitals)', () => {
    expect(capitaliseNameParts(splitFullName('Đặng ánh ước'))).toEqual({
      fullName: 'Đặng Ánh Ước',
      familyName: 'Đặng',
      middleName: 'Ánh',
      givenName: 'Ước',
    });
  });
});
