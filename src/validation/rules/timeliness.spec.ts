import { computeTimeliness } from './timeliness.js';

describe('on time or late', () => {
  it('counts a birth registered on the 60th day as on time and on the 61st as late', () => {
    expect(
      computeTimeliness({ eventType: 'BIRTH', eventDate: '2026-01-01', registeredOn: '2026-03-02' }),
    ).toBe('ON_TIME');
    expect(
      computeTimeliness({ eventType: 'BIRTH', eventDate: '2026-01-01', registeredOn: '2026-03-03' }),
    ).toBe('LATE');
  });

  it('uses 15 days for a death', () => {
    expect(
      computeTimeliness({ eventType: 'DEATH', eventDate: '2026-05-01', registeredOn: '2026-05-16' }),
    ).toBe('ON_TIME');
    expect(
      computeTimeliness({ eventType: 'DEATH', eventDate: '2026-05-01', registeredOn: '2026-05-17' }),
    ).toBe('LATE');
  });

  it('answers UNKNOWN only when a partial date straddles the deadline', () => {
    expect(computeTimeliness({ eventType: 'DEATH', eventDate: '1990', registeredOn: '2026-05-17' })).toBe(
      'LATE',
    );
    expect(computeTimeliness({ eventType: 'DEATH', eventDate: '2026-05', registeredOn: '2026-05-20' })).toBe(
      'UNKNOWN',
    );
  });

  it('does not apply to marriages or to re-registrations', () => {
    expect(
      computeTimeliness({ eventType: 'MARRIAGE', eventDate: '2020-01-01', registeredOn: '2026-01-01' }),
    ).toBe('NOT_APPLICABLE');
    expect(
      computeTimeliness({
        eventType: 'BIRTH',
        registrationKind: 'RE_REGISTRATION',
        eventDate: '1980-01-01',
        registeredOn: '2026-01-01',
      }),
    ).toBe('NOT_APPLICABLE');
  });
});
