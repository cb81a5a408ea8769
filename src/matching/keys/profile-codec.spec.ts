import { describe, expect, it } from '@jest/globals';
import { buildProfile } from './match-profile.js';
import { decodeProfile, encodeProfile } from './profile-codec.js';

describe('stored match profiles', () => {
  const profile = buildProfile(
    {
      eventType: 'BIRTH',
      registrationKind: 'RE_REGISTRATION',
      registerRef: {
        authorityCode: 'UBND-X-00004',
        book: '01',
        entryNumber: '7',
        registeredOn: '2024-02-01',
      },
      occurredOn: '2024-01-05',
      parties: [
        { role: 'CHILD', fullName: 'Huỳnh Thị Mỹ Duyên', sex: 'FEMALE', personalIdNumber: '001324000001' },
        { role: 'MOTHER', fullName: 'Võ Thị Hoà', birthDate: '1990' },
      ],
      places: [],
    },
    undefined,
  );

  it('round-trips through JSON to the same profile', () => {
    const stored = JSON.parse(JSON.stringify(encodeProfile(profile))) as unknown;
    expect(decodeProfile(stored)).toEqual(profile);
  });

  it('is smaller than the full profile', () => {
    expect(JSON.stringify(encodeProfile(profile)).length).toBeLessThan(JSON.stringify(profile).length * 0.75);
  });

  it.each([
    [null],
    [{}],
    [{ v: 2, t: 'BIRTH', s: [], pl: [[], []] }],
    ['x'],
    [{ v: 1, t: 'BIRTH', s: 'no', pl: [] }],
  ])('refuses malformed rows (%p)', (row) => {
    expect(decodeProfile(row)).toBeUndefined();
  });
});
