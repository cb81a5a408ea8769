import { exampleBirth, exampleDeath, exampleMarriage } from '../../contracts/v1/examples/example-records.js';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import { loadAdminUnitCatalogue } from '../admin-units/admin-units.loader.js';
import { resolveAdminUnitsOptions } from '../admin-units/admin-units.options.js';
import { loadListedAuthorities } from '../admin-units/authorities-file.parser.js';
import { RegisteringAuthorityService } from '../admin-units/registering-authority.service.js';
import { FixedClock } from '../common/clock.js';
import { RecordValidationService, type ValidationResult } from './record-validation.service.js';

type Plain = Record<string, any>;

/** Every domain rule with a record that breaks it, validated by the real reference data. */
describe('RecordValidationService: domain rules', () => {
  let service: RecordValidationService;
  const hanoi = { sourceId: 'hn-legacy-soap', provinceCode: '01' };

  beforeAll(async () => {
    const options = resolveAdminUnitsOptions();
    const clock = new FixedClock(new Date('2026-11-20T03:00:00Z'));
    const units = new AdminUnitService(await loadAdminUnitCatalogue(options.unitsDir), clock);
    const authorities = new RegisteringAuthorityService(
      units,
      await loadListedAuthorities(options.authoritiesDir),
    );
    service = new RecordValidationService(clock, units, authorities);
  });

  const codes = (r: ValidationResult): string[] => (r.ok ? [] : r.errors.map((e) => `${e.path} ${e.code}`));
  const check = async (mutate: (r: Plain) => void, make: () => Plain = exampleBirth, submitter = hanoi) => {
    const record = make();
    mutate(record);
    return codes(await service.validate(record, submitter));
  };

  it('accepts the valid examples and derives the register fields', async () => {
    const result = await service.validate(exampleBirth(), hanoi);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      authority: { id: 'UBND-X-00004@2025-07-01', name: 'Ủy ban nhân dân phường Ba Đình' },
      provinceCode: '01',
      registerYear: 2025,
      occurredFrom: '2025-08-20',
      timeliness: 'ON_TIME',
      subjectPin: null,
    });
    expect(result.value.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await service.validate(exampleDeath(), hanoi)).ok).toBe(true);
    expect((await service.validate(exampleMarriage(), hanoi)).ok).toBe(true);
  });

  it('RULE.DATE_IN_FUTURE', async () => {
    expect(await check((r) => (r.parties[1].person.identityDocuments[0].issuedOn = '2026-12-01'))).toEqual([
      'parties[1].person.identityDocuments[0].issuedOn RULE.DATE_IN_FUTURE',
    ]);
  });

  it('RULE.PARTIAL_DATE_NOT_ALLOWED for the event and the child, allowed in historical records', async () => {
    const partial = (r: Plain) => {
      r.occurredOn = '2025-08';
      r.parties[0].person.birthDate = '2025-08';
    };
    expect(await check(partial)).toEqual([
      'occurredOn RULE.PARTIAL_DATE_NOT_ALLOWED',
      'parties[0].person.birthDate RULE.PARTIAL_DATE_NOT_ALLOWED',
    ]);
    expect(await check((r) => (partial(r), (r.historical = true)))).toEqual([]);
  });

  it('RULE.DEATH_BEFORE_BIRTH', async () => {
    expect(await check((r) => (r.parties[0].person.birthDate = '2025-10-01'), exampleDeath)).toEqual([
      'parties[0].person.birthDate RULE.DEATH_BEFORE_BIRTH',
    ]);
  });

  it('RULE.REGISTERED_BEFORE_EVENT', async () => {
    expect(await check((r) => (r.registerRef.registeredOn = '2025-09-29'), exampleDeath)).toEqual([
      'registerRef.registeredOn RULE.REGISTERED_BEFORE_EVENT',
    ]);
  });

  it('RULE.BIRTH_DATE_MISMATCH', async () => {
    expect(await check((r) => (r.parties[0].person.birthDate = '2025-08-21'))).toEqual([
      'parties[0].person.birthDate RULE.BIRTH_DATE_MISMATCH',
    ]);
  });

  it('RULE.PIN_* on any party', async () => {
    expect(await check((r) => (r.parties[1].person.personalIdNumber = '099195012345'))).toEqual([
      'parties[1].person.personalIdNumber RULE.PIN_PROVINCE_PREFIX',
    ]);
    expect(await check((r) => (r.parties[1].person.personalIdNumber = '001194012345'))).toEqual([
      'parties[1].person.personalIdNumber RULE.PIN_YEAR_MISMATCH',
    ]);
  });

  it('RULE.UNIT_NOT_VALID_ON_DATE: a pre-2025 commune code used after the merger', async () => {
    // 00001 was Phường Phúc Xá until 2025-06-30; it is not a code of the 2025 communes.
    const errors = await check(
      (r) =>
        (r.parties[0].person.placeOfBirth.unit = { code: '00001', level: 'COMMUNE', asOf: '2025-08-20' }),
    );
    expect(errors).toEqual(['parties[0].person.placeOfBirth.unit.code RULE.UNIT_NOT_VALID_ON_DATE']);
    // The same code on a date when it existed is fine.
    expect(
      await check(
        (r) =>
          (r.parties[0].person.placeOfBirth.unit = { code: '00001', level: 'COMMUNE', asOf: '2020-01-01' }),
      ),
    ).toEqual([]);
  });

  it('RULE.AUTHORITY_UNKNOWN and RULE.AUTHORITY_NOT_COMPETENT_ON_DATE', async () => {
    expect(await check((r) => (r.registerRef.authorityCode = 'UBND-X-99999'))).toEqual([
      'registerRef.authorityCode RULE.AUTHORITY_UNKNOWN',
    ]);
    // District People's Committees registered until 2025-06-30 only (Nghị định 120/2025/NĐ-CP).
    expect(await check((r) => (r.registerRef.authorityCode = 'UBND-H-001'))).toEqual([
      'registerRef.authorityCode RULE.AUTHORITY_NOT_COMPETENT_ON_DATE',
    ]);
  });

  it('AUTH.OUTSIDE_SOURCE_PROVINCE, and a pre-2025 authority of a predecessor province is inside', async () => {
    expect(
      await check(() => undefined, exampleBirth, { sourceId: 'hn-legacy-soap', provinceCode: '79' }),
    ).toEqual(['registerRef.authorityCode AUTH.OUTSIDE_SOURCE_PROVINCE']);
    // Hà Giang (02) merged into Tuyên Quang (08) on 2025-07-01: its Sở Tư pháp's 2024 records are 08's.
    const haGiang = (r: Plain) => {
      r.registerRef.authorityCode = 'STP-02';
      r.registerRef.registeredOn = '2024-05-02';
      r.occurredOn = '2024-04-20';
      r.parties[0].person.birthDate = '2024-04-20';
      delete r.parties[0].person.placeOfBirth.unit;
    };
    expect(await check(haGiang, exampleBirth, { sourceId: 'hn-legacy-soap', provinceCode: '08' })).toEqual(
      [],
    );
    expect(await check(haGiang, exampleBirth, hanoi)).toEqual([
      'registerRef.authorityCode AUTH.OUTSIDE_SOURCE_PROVINCE',
    ]);
  });

  it('AUTH.SOURCE_MISMATCH', async () => {
    expect(await check((r) => (r.source.sourceId = 'another-source'))).toEqual([
      'source.sourceId AUTH.SOURCE_MISMATCH',
    ]);
  });

  it('RULE.BROKEN_CHARACTER', async () => {
    expect(await check((r) => (r.notes = ['Ghi chú \u0007']))).toEqual(['notes[0] RULE.BROKEN_CHARACTER']);
  });

  it('computes late registration (quá hạn) from the statutory deadline', async () => {
    const late: Plain = exampleBirth();
    late.registerRef.registeredOn = '2025-10-20'; // 61 days after 2025-08-20
    late.parties[1].person.residence.unit.asOf = '2025-10-20';
    const result = await service.validate(late, hanoi);
    expect(result.ok && result.value.timeliness).toBe('LATE');
  });

  it('reports a structural error in Vietnamese with the field path', async () => {
    const result = await service.validate({ ...exampleBirth(), eventType: 'KHAI_SINH' }, hanoi);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: 'eventType', code: 'STRUCTURE.IS_ENUM' });
    expect(result.errors[0]?.message).toContain('danh mục');
  });
});
