import { describe, expect, it } from '@jest/globals';
import { blockingKeys, indexKeys, keyHash, keyTag, tagsAgree } from './blocking-keys.js';
import { buildProfile, type MatchPartyInput } from './match-profile.js';

function birth(mother?: string, eventType = 'BIRTH'): ReturnType<typeof buildProfile> {
  const parties: MatchPartyInput[] = [
    { role: eventType === 'DEATH' ? 'DECEASED' : 'CHILD', fullName: 'Lê Văn Khải', sex: 'MALE' },
  ];
  if (mother !== undefined) parties.push({ role: 'MOTHER', fullName: mother, birthDate: '1990' });
  return buildProfile({ eventType, occurredOn: '2017-03-04', parties, places: [] }, undefined);
}

describe('blocking key tags', () => {
  it("tags a birth by its mother's family and given initials, whatever the spelling of the rest", () => {
    const tag = keyTag(birth('Nguyễn Thị Lan'));
    expect(tag).toBeDefined();
    expect(keyTag(birth('NGUYEN LAN'))).toBe(tag);
    expect(keyTag(birth('Nguyễn Ngọc Thị Lành'))).toBe(tag);
    expect(keyTag(birth('Nguyễn Thị Mai'))).not.toBe(tag);
    // Huỳnh and Hoàng are one family name for matching.
    expect(keyTag(birth('Huỳnh Thị Lan'))).toBe(keyTag(birth('Hoàng Thị Lan')));
  });

  it('has no tag without a mother, or for another event type', () => {
    expect(keyTag(birth())).toBeUndefined();
    expect(keyTag(birth('   '))).toBeUndefined();
    expect(keyTag(birth('Nguyễn Thị Lan', 'DEATH'))).toBeUndefined();
  });

  it("puts the tag on a birth's given-name and initials keys only", () => {
    const profile = birth('Nguyễn Thị Lan');
    const keys = indexKeys(profile);
    const tagged = blockingKeys(keys, keyTag(profile));
    expect(tagged).toHaveLength(keys.length);
    for (const [i, key] of keys.entries()) {
      expect(tagged[i].hash).toBe(keyHash(key));
      const childOnly = key.startsWith('G|BIRTH|') || key.startsWith('I|BIRTH|');
      expect(tagged[i].tag).toBe(childOnly ? keyTag(profile) : undefined);
    }
    expect(tagged.filter((k) => k.tag !== undefined)).toHaveLength(2);
  });

  it('a look-up and a filed key agree when the tags are equal or either has none', () => {
    expect(tagsAgree(1, 1)).toBe(true);
    expect(tagsAgree(1, 2)).toBe(false);
    expect(tagsAgree(undefined, 2)).toBe(true);
    expect(tagsAgree(1, undefined)).toBe(true);
  });
});
