import { describe, expect, it } from '@jest/globals';
import { buildProfile, type MatchEventInput, type MatchPartyInput } from './keys/match-profile.js';
import { MatchEngine } from './match-engine.js';
import { loadMatchingConfig } from './scoring/matching-config.js';
import { MatchScorer } from './scoring/match-scorer.js';

const engine = new MatchEngine(new MatchScorer(loadMatchingConfig()));

function birth(
  child: Partial<MatchPartyInput>,
  over: Partial<MatchEventInput> = {},
  mother = 'Trần Thị Hoa',
): MatchEventInput {
  return {
    eventType: 'BIRTH',
    registerRef: {
      authorityCode: 'UBND-X-00004',
      book: '01/2024',
      entryNumber: '17',
      registeredOn: '2024-03-20',
    },
    occurredOn: '2024-03-01',
    parties: [
      { role: 'CHILD', fullName: 'Nguyễn Minh Phúc', sex: 'MALE', birthDate: '2024-03-01', ...child },
      { role: 'MOTHER', fullName: mother, birthDate: '1995' },
      { role: 'FATHER', fullName: 'Nguyễn Văn Tùng', birthDate: '1993' },
    ],
    places: [],
    ...over,
  };
}
const p = (input: MatchEventInput) => buildProfile(input, undefined);
const other = {
  registerRef: {
    authorityCode: 'UBND-X-00007',
    book: '01/2024',
    entryNumber: '90',
    registeredOn: '2024-04-02',
  },
};

describe('MatchEngine', () => {
  it('a new event when nothing is alike', () => {
    expect(engine.decide(p(birth({})), []).kind).toBe('NEW');
  });

  it('one birth per child: the same child again from another commune is a definite duplicate with evidence', () => {
    const earlier = { eventId: 'e1', profile: p(birth({})) };
    const again = p(birth({ fullName: 'Nguyen Minh Phuc' }, other, 'Tran Hoa'));
    const verdict = engine.decide(again, [earlier]);
    expect(verdict).toMatchObject({ kind: 'DUPLICATE', code: 'MATCHING.DUPLICATE_BIRTH', eventId: 'e1' });
    if (verdict.kind !== 'DUPLICATE') throw new Error('unreachable');
    expect(verdict.message).toContain('e1');
    expect(verdict.message).toMatch(/khai sinh/);
    expect(verdict.candidate.evidence).toContainEqual(
      expect.objectContaining({ field: 'name', level: 'FOLDED' }),
    );
    expect(verdict.candidate.evidence).toContainEqual(
      expect.objectContaining({ field: 'birthDate', level: 'EXACT' }),
    );
  });

  it('the very same register entry sent again is the same event', () => {
    const verdict = engine.decide(p(birth({})), [{ eventId: 'e1', profile: p(birth({})) }]);
    expect(verdict).toMatchObject({ kind: 'SAME_EVENT', eventId: 'e1' });
  });

  it('twins (same mother, same date, a different child) are not duplicates', () => {
    const first = { eventId: 'e1', profile: p(birth({})) };
    const twin = p(birth({ fullName: 'Nguyễn Minh Lộc' }, other));
    expect(engine.decide(twin, [first])).toEqual({ kind: 'NEW', twinsOf: ['e1'] });
    const sister = p(birth({ fullName: 'Nguyễn Minh Châu', sex: 'FEMALE' }, other));
    expect(engine.decide(sister, [first]).kind).toBe('NEW');
    // Same name, other sex: a data error or a twin; an official decides.
    const unsure = p(birth({ sex: 'FEMALE' }, other));
    expect(engine.decide(unsure, [first]).kind).toBe('POSSIBLE_DUPLICATE');
    // Given names one letter apart, both real names (Minh / Mạnh): never merged automatically.
    const close = p(birth({ fullName: 'Nguyễn Minh Phước' }, other));
    expect(engine.decide(close, [first]).kind).toBe('POSSIBLE_DUPLICATE');
  });

  it('a typo in the child name with the same mother and date is still the same child', () => {
    const first = { eventId: 'e1', profile: p(birth({})) };
    expect(engine.decide(p(birth({ fullName: 'Nguyễn Minh Phúv' }, other)), [first]).kind).toBe('DUPLICATE');
  });

  it('a re-registration links to the earlier registration instead of clashing', () => {
    const first = { eventId: 'e1', profile: p(birth({})) };
    const again = p(birth({}, { ...other, registrationKind: 'RE_REGISTRATION' }));
    expect(engine.decide(again, [first])).toMatchObject({ kind: 'RE_REGISTRATION_OF', earlierEventId: 'e1' });
  });

  it('a namesake born the same year to another mother is a new event', () => {
    const first = { eventId: 'e1', profile: p(birth({})) };
    const namesake = p(
      birth({ birthDate: '2024-09-14' }, { ...other, occurredOn: '2024-09-14' }, 'Lê Thị Thu'),
    );
    expect(engine.decide({ ...namesake, father: undefined }, [first]).kind).toBe('NEW');
  });

  it('weak evidence (same child name and date, no parents, another province) is held for review', () => {
    const first = { eventId: 'e1', profile: p(birth({})) };
    const unsure = p(birth({}, other));
    const verdict = engine.decide(
      { ...unsure, mother: undefined, father: undefined, place: { units: ['79001'], provinces: ['79'] } },
      [{ ...first, profile: { ...first.profile, place: { units: ['00004'], provinces: ['01'] } } }],
    );
    expect(verdict.kind).toBe('POSSIBLE_DUPLICATE');
    if (verdict.kind === 'POSSIBLE_DUPLICATE') expect(verdict.candidates[0]?.eventId).toBe('e1');
  });

  const death = (name: string, born: string, died: string, ref = '5'): MatchEventInput => ({
    eventType: 'DEATH',
    registerRef: {
      authorityCode: 'UBND-X-00004',
      book: '01/2024',
      entryNumber: ref,
      registeredOn: '2024-06-01',
    },
    occurredOn: died,
    parties: [{ role: 'DECEASED', fullName: name, sex: 'MALE', birthDate: born }],
    places: [],
  });

  it('one death per person', () => {
    const first = { eventId: 'd1', profile: p(death('Phạm Văn Bảy', '1940-02-03', '2024-05-28')) };
    const again = p(death('Pham Bay', '1940-03-02', '2024-05-28', '77'));
    expect(engine.decide(again, [first])).toMatchObject({
      kind: 'DUPLICATE',
      code: 'MATCHING.DUPLICATE_DEATH',
    });
  });

  const marriage = (husband: string, wife: string, ref: string, on = '2020-05-01'): MatchEventInput => ({
    eventType: 'MARRIAGE',
    registerRef: { authorityCode: 'UBND-X-00004', book: '01/2020', entryNumber: ref, registeredOn: on },
    occurredOn: on,
    parties: [
      {
        role: 'WIFE',
        fullName: wife,
        sex: 'FEMALE',
        birthDate: '1996-01-02',
        personalIdNumber: '001196000001',
      },
      { role: 'HUSBAND', fullName: husband, sex: 'MALE', birthDate: '1994-07-08' },
    ],
    places: [],
  });

  it('a marriage is refused while either party is in an undissolved marriage, allowed after a divorce', () => {
    const earlier = { eventId: 'm1', profile: p(marriage('Lê Văn Hải', 'Đỗ Thị Ngọc', '3')) };
    const next = p(marriage('Trịnh Quốc Bảo', 'Đỗ Thị Ngọc', '8', '2024-02-02'));
    const refused = engine.decide(next, [earlier]);
    expect(refused).toMatchObject({ kind: 'REFUSED', code: 'MATCHING.UNDISSOLVED_MARRIAGE', eventId: 'm1' });
    if (refused.kind === 'REFUSED') expect(refused.message).toContain('chưa chấm dứt');
    const divorce = {
      eventId: 'x1',
      profile: p({ ...marriage('Lê Văn Hải', 'Đỗ Thị Ngọc', '1', '2023-01-01'), eventType: 'DIVORCE' }),
    };
    expect(engine.decide(next, [earlier, divorce]).kind).toBe('NEW');
  });

  it('a marriage is allowed after the death of the other spouse, and the same marriage twice is a duplicate', () => {
    const earlier = { eventId: 'm1', profile: p(marriage('Lê Văn Hải', 'Đỗ Thị Ngọc', '3')) };
    const widowed = {
      eventId: 'd1',
      profile: p({
        eventType: 'DEATH',
        occurredOn: '2022-01-01',
        parties: [{ role: 'DECEASED', fullName: 'Lê Văn Hải', sex: 'MALE', birthDate: '1994-07-08' }],
        places: [],
      }),
    };
    const next = p(marriage('Trịnh Quốc Bảo', 'Đỗ Thị Ngọc', '8', '2024-02-02'));
    expect(engine.decide(next, [earlier, widowed]).kind).toBe('NEW');
    const same = p(marriage('Le Van Hai', 'Do Ngoc', '40'));
    expect(engine.decide(same, [earlier])).toMatchObject({
      kind: 'DUPLICATE',
      code: 'MATCHING.DUPLICATE_MARRIAGE',
    });
  });
});
