import { jest } from '@jest/globals';
import { FixedClock, SystemClock } from './clock.js';

describe('the system clock’s day in Vietnam', () => {
  afterEach(() => jest.restoreAllMocks());

  it('turns at midnight UTC+7, whichever way time is asked for, as the uncached computation does', () => {
    const clock = new SystemClock();
    const instants = [
      '2026-12-06T16:59:59.999Z', // 23:59:59.999 on the 6th in Hà Nội
      '2026-12-06T17:00:00.000Z', // midnight: the 7th
      '2026-12-07T03:00:00.000Z',
      '2026-12-06T10:00:00.000Z', // back again (a clock set back)
      '2026-12-31T17:00:00.000Z', // new year in Vietnam, still 2026 in UTC
      '2024-02-28T17:30:00.000Z', // a leap day
    ];
    const now = jest.spyOn(Date, 'now');
    for (const iso of instants) {
      const ms = Date.parse(iso);
      now.mockReturnValue(ms);
      expect(clock.today()).toBe(new FixedClock(new Date(ms)).today());
    }
    expect(new FixedClock(new Date('2026-12-06T16:59:59.999Z')).today()).toBe('2026-12-06');
    expect(new FixedClock(new Date('2026-12-06T17:00:00.000Z')).today()).toBe('2026-12-07');
    expect(new FixedClock(new Date('2026-12-31T17:00:00.000Z')).today()).toBe('2027-01-01');
  });
});
