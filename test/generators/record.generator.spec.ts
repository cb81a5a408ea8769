import type { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { Role } from '../../contracts/v1/code-lists/role.enum.js';
import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import type { Person } from '../../contracts/v1/common/person.contract.js';
import { daysBetween, yearOf } from './calendar-date.util.js';
import { createRecordGenerator, type RecordGeneratorOptions } from './record.generator.js';
import type { GeneratedRecord } from './generated-record.model.js';
import { loadGeneratorReferenceData, type GeneratorReferenceData } from './generator-reference.loader.js';

const TODAY = '2026-11-20';
const SOURCE = 'hn-legacy-soap';

let referenceData: GeneratorReferenceData;

beforeAll(async () => {
  referenceData = await loadGeneratorReferenceData({ today: TODAY });
});

function generate(count: number, options: Partial<RecordGeneratorOptions> = {}): GeneratedRecord[] {
  return [...createRecordGenerator({ referenceData, seed: 1, sourceId: SOURCE, ...options }).take(count)];
}

const persons = (record: CivilStatusRecord): Person[] => record.parties.map((p) => p.person);
const valid = (list: readonly GeneratedRecord[]): CivilStatusRecord[] =>
  list.flatMap((g) => (g.expectValid ? [g.record] : []));
const share = <T>(list: readonly T[], test: (item: T) => boolean): number =>
  list.filter(test).length / list.length;

describe('createRecordGenerator', () => {
  it('gives byte-identical JSON for the same seed and different records for another', () => {
    const options = { invalidShare: 0.2, provinceCode: '01' };
    const first = JSON.stringify(generate(1_000, { ...options, seed: 'same' }));
    expect(JSON.stringify(generate(1_000, { ...options, seed: 'same' }))).toBe(first);
    expect(JSON.stringify(generate(1_000, { ...options, seed: 'other' }))).not.toBe(first);
  });

  it('produces every event type when asked for it alone', () => {
    for (const eventType of Object.values(EventType)) {
      const records = generate(20, { eventTypes: [eventType], seed: eventType });
      expect(records.map((g) => g.record.eventType)).toEqual(Array(20).fill(eventType));
      const details = Object.keys(records[0]?.record ?? {});
      expect(details).toEqual(expect.arrayContaining(['schemaVersion', 'registerRef', 'parties', 'source']));
    }
  });

  it('follows the default mix: births first, then deaths, marriages and certificates', () => {
    const records = generate(10_000, { seed: 'mix' });
    const shareOf = (type: EventType): number => share(records, (g) => g.eventType === type);
    expect(shareOf(EventType.BIRTH)).toBeGreaterThan(0.42);
    expect(shareOf(EventType.BIRTH)).toBeLessThan(0.5);
    expect(shareOf(EventType.DEATH)).toBeGreaterThan(0.14);
    expect(shareOf(EventType.MARRIAGE)).toBeGreaterThan(0.13);
    expect(new Set(records.map((g) => g.eventType)).size).toBeGreaterThanOrEqual(12);
  });

  it('keeps personal ID numbers, source record ids and register references unique in a set', () => {
    const records = generate(20_000, { seed: 'unique', provinceCode: '79', invalidShare: 0.1 });
    const pins = records
      .flatMap((g) => (g.expectValid ? persons(g.record) : []))
      .flatMap((p) => p.personalIdNumber ?? []);
    expect(pins.length).toBeGreaterThan(20_000);
    expect(new Set(pins).size).toBe(pins.length);
    const ids = records.map((g) => g.sourceRecordId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      ids.every((id, i) => /^[A-Z]+-\d{4}-\d{7}$/.test(id) && records[i]?.record.source !== undefined),
    ).toBe(true);
    const refs = valid(records).map((r) =>
      [
        r.registerRef.authorityCode,
        r.eventType,
        r.registerRef.book,
        r.registerRef.entryNumber,
        r.registerRef.registeredOn.slice(0, 4),
      ].join('|'),
    );
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('writes book numbers whose year is the registration year', () => {
    for (const record of valid(generate(2_000, { seed: 'books' }))) {
      const { book, registeredOn } = record.registerRef;
      const year = /^\d{2}\/(\d{4})$/.exec(book)?.[1];
      if (year !== undefined) expect(year).toBe(registeredOn.slice(0, 4));
      else expect(book).toMatch(/^\d{1,2}$/);
    }
  });

  it('registers births mostly on time (84.9%) and re-registers about a quarter (434,902 of 1.8 M)', () => {
    const births = generate(10_000, { eventTypes: [EventType.BIRTH], seed: 'births' });
    const first = births.filter((g) => g.record.registrationKind === RegistrationKind.FIRST);
    expect(
      share(births, (g) => g.record.registrationKind === RegistrationKind.RE_REGISTRATION),
    ).toBeGreaterThan(0.21);
    expect(share(births, (g) => g.record.registrationKind === RegistrationKind.RE_REGISTRATION)).toBeLessThan(
      0.26,
    );
    const onTime = share(first, (g) => g.timeliness === 'ON_TIME');
    expect(onTime).toBeGreaterThan(0.83);
    expect(onTime).toBeLessThan(0.87);
    for (const g of first) {
      const record = g.record as CivilStatusRecord;
      const days = daysBetween(record.occurredOn ?? '', record.registerRef.registeredOn);
      expect(g.timeliness).toBe(days <= 60 ? 'ON_TIME' : 'LATE');
    }
  });

  it('registers deaths within 15 days about 69% of the time', () => {
    const deaths = generate(5_000, { eventTypes: [EventType.DEATH], seed: 'deaths' }).filter(
      (g) => g.record.registrationKind === RegistrationKind.FIRST,
    );
    const onTime = share(deaths, (g) => g.timeliness === 'ON_TIME');
    expect(onTime).toBeGreaterThan(0.66);
    expect(onTime).toBeLessThan(0.72);
  });

  it('makes Nguyễn about a third of the family names, Kinh most of the people', () => {
    const people = valid(generate(5_000, { seed: 'names' })).flatMap(persons);
    const families = people.flatMap((p) => p.familyName ?? []).slice(0, 10_000);
    expect(families).toHaveLength(10_000);
    const nguyen = share(families, (name) => name === 'Nguyễn');
    expect(nguyen).toBeGreaterThan(0.31);
    expect(nguyen).toBeLessThan(0.38);
    const withEthnicity = people.filter((p) => p.ethnicity !== undefined);
    expect(share(withEthnicity, (p) => p.ethnicity === '01')).toBeGreaterThan(0.8);
    expect(share(withEthnicity, (p) => p.ethnicity === '01')).toBeLessThan(0.95);
    expect(people.every((p) => p.fullName === p.fullName.normalize('NFC'))).toBe(true);
  });

  it('keeps the dates of a birth consistent: parents 18–45 years older, no date after today', () => {
    const births = valid(generate(3_000, { eventTypes: [EventType.BIRTH], seed: 'dates' }));
    let childPins = 0;
    for (const record of births) {
      const child = record.parties.find((p) => p.role === Role.CHILD)?.person;
      expect(child?.birthDate).toBe(record.occurredOn);
      expect(
        record.registerRef.registeredOn >= '2024-11-21' && record.registerRef.registeredOn <= TODAY,
      ).toBe(true);
      const childYear = yearOf(child?.birthDate ?? '');
      for (const parent of record.parties.filter((p) => p.role === Role.MOTHER || p.role === Role.FATHER)) {
        const gap = childYear - yearOf(parent.person.birthDate ?? '');
        expect(gap).toBeGreaterThanOrEqual(18);
        expect(gap).toBeLessThanOrEqual(46);
      }
      if (record.registrationKind === RegistrationKind.RE_REGISTRATION) {
        expect(childYear).toBeLessThan(yearOf(record.registerRef.registeredOn));
        expect(record.reRegistration?.reason).toBeDefined();
      } else if (child?.personalIdNumber !== undefined) childPins += 1;
    }
    const first = births.filter((r) => r.registrationKind === RegistrationKind.FIRST);
    expect(childPins / first.length).toBeLessThan(0.15);
    const parents = first.flatMap((r) =>
      r.parties.filter((p) => p.role === Role.MOTHER).map((p) => p.person),
    );
    expect(share(parents, (p) => p.personalIdNumber !== undefined)).toBeGreaterThan(0.85);
    expect(share(parents, (p) => p.birthDate?.length === 4)).toBeGreaterThan(0.1);
  });

  it('writes personal ID numbers in their real structure', () => {
    const provinces = new Set(referenceData.units.provinceCodesEverValid());
    const people = valid(generate(5_000, { seed: 'pins' })).flatMap(persons);
    const holders = people.filter((p) => p.personalIdNumber !== undefined);
    expect(holders.length).toBeGreaterThan(4_000);
    for (const person of holders) {
      const pin = person.personalIdNumber ?? '';
      expect(pin).toMatch(/^0\d{11}$/);
      expect(provinces.has(pin.slice(1, 3))).toBe(true);
      const year = yearOf(person.birthDate ?? '');
      const digit = Number(pin[3]);
      expect(digit % 2 === 1).toBe(person.sex === Sex.FEMALE);
      expect(1900 + Math.floor(digit / 2) * 100).toBe(Math.floor(year / 100) * 100);
      expect(pin.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
    }
  });

  it('only uses authorities of the bound province, predecessors included before 2025-07-01', () => {
    const records = valid(generate(3_000, { provinceCode: '08', seed: 'province' }));
    const oldProvinces = new Set<string>();
    for (const record of records) {
      const { authorityCode, authorityName, registeredOn } = record.registerRef;
      expect(referenceData.authorities.currentProvincesOf(authorityCode, registeredOn)).toEqual(['08']);
      const authority = referenceData.authorities.resolve(authorityCode, registeredOn);
      expect(authority?.name).toBe(authorityName);
      if (registeredOn < '2025-07-01') oldProvinces.add(authority?.provinceCode ?? '');
    }
    // Hà Giang (02) merged into Tuyên Quang (08) on 2025-07-01.
    expect([...oldProvinces].sort()).toEqual(['02', '08']);
  });

  it('uses commune People’s Committees from 2025-07-01 and districts or Sở Tư pháp only before', () => {
    const records = valid(generate(5_000, { seed: 'levels', registeredFrom: '2014-01-01' }));
    const prefix = (r: CivilStatusRecord): string => r.registerRef.authorityCode.replace(/-\d+$/, '');
    const after = records.filter((r) => r.registerRef.registeredOn >= '2025-07-01');
    expect(after.length).toBeGreaterThan(100);
    expect(after.every((r) => prefix(r) === 'UBND-X')).toBe(true);
    const before = records.filter((r) => r.registerRef.registeredOn < '2025-07-01');
    expect(before.some((r) => prefix(r) === 'UBND-H')).toBe(true);
    expect(
      before.filter((r) => prefix(r) === 'STP').every((r) => r.registerRef.registeredOn < '2016-01-01'),
    ).toBe(true);
  });

  it('names units as they were on their asOf date', () => {
    const records = valid(generate(1_000, { seed: 'units' }));
    let checked = 0;
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      const { code, asOf, name } = value as { code?: unknown; asOf?: unknown; name?: unknown };
      if (typeof code === 'string' && typeof asOf === 'string') {
        expect(referenceData.units.resolve(code, asOf)?.fullName).toBe(name);
        checked += 1;
        return;
      }
      Object.values(value).forEach(visit);
    };
    records.forEach(visit);
    expect(checked).toBeGreaterThan(1_000);
  });

  it('breaks the share of records asked for, each in one declared way', () => {
    const records = generate(10_000, { invalidShare: 0.2, seed: 'invalid' });
    const invalid = records.filter((g) => !g.expectValid);
    expect(invalid.length / records.length).toBeGreaterThan(0.18);
    expect(invalid.length / records.length).toBeLessThan(0.22);
    for (const g of invalid) {
      if (g.expectValid) continue;
      expect(g.expectedErrorCode).toMatch(/^(RULE|STRUCTURE)\.[A-Z_]+$/);
    }
    expect(generate(500, { seed: 'clean' }).every((g) => g.expectValid)).toBe(true);
  });

  it('hands out records in batches without keeping them', () => {
    const generator = createRecordGenerator({ referenceData, seed: 2, sourceId: SOURCE });
    const sizes = [...generator.batches(2_500, 1_000)].map((batch) => batch.length);
    expect(sizes).toEqual([1_000, 1_000, 500]);
  });

  it('refuses options it cannot honour', () => {
    const base = { referenceData, seed: 1, sourceId: SOURCE };
    expect(() => createRecordGenerator({ ...base, sourceId: 'Not Valid' })).toThrow(/sourceId/);
    expect(() => createRecordGenerator({ ...base, invalidShare: 1.5 })).toThrow(/invalidShare/);
    expect(() => createRecordGenerator({ ...base, provinceCode: '02' })).toThrow(/not a province/);
    expect(() => createRecordGenerator({ ...base, eventTypes: [] })).toThrow(/eventTypes/);
  });
});
