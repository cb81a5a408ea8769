import { CivilStatusRecord } from './civil-status-record.contract.js';
import {
  DETAILS_PROPERTY_BY_EVENT,
  OPTIONAL_DETAILS,
  type DetailsProperty,
} from './civil-status-record.rules.js';
import { EVENT_CATEGORY, EventCategory, EventType } from './code-lists/event-type.enum.js';
import { REQUIRED_ROLES_BY_EVENT } from './code-lists/role.enum.js';
import { Party } from './common/party.contract.js';
import { Person } from './common/person.contract.js';
import * as examples from './examples/example-records.js';
import { type ContractViolation, validateCivilStatusRecord } from './validate-record.js';

// Plain records as `any`, so a test can break any field of them.
const ex: Record<string, () => any> = examples;

const VALID_DETAILS: Record<DetailsProperty, Record<string, unknown>> = {
  birth: { plurality: 2 },
  death: { cause: 'Tuổi cao' },
  marriage: { establishedOn: '2025-01-01' },
  guardianship: { action: 'ESTABLISH' },
  parentageRecognition: { kind: 'FATHER_RECOGNISES_CHILD' },
  civilStatusChange: {
    kind: 'SUPPLEMENT',
    changes: [{ field: 'ethnicity', newValue: '01' }],
    reason: 'Bổ sung',
  },
  decision: {
    issuerKind: 'AUTHORITY_DECISION',
    issuerName: 'Chủ tịch nước',
    decisionNumber: '1/QĐ-CTN',
    decidedOn: '2025-01-02',
  },
  foreignRecording: {
    foreignEventKind: 'MARRIAGE',
    foreignAuthority: 'Seoul Jongno-gu Office',
    country: 'KR',
  },
  maritalStatusCertificate: { maritalStatus: 'DIVORCED', purpose: 'Để kết hôn' },
};

/** The smallest record of a type that the contract accepts: required roles, required details only. */
function minimalRecord(eventType: EventType): Record<string, any> {
  const property = DETAILS_PROPERTY_BY_EVENT[eventType];
  return {
    schemaVersion: '1',
    eventType,
    registerRef: {
      authorityCode: 'UBND-H-001',
      authorityName: 'UBND huyện Ba Vì',
      book: '1',
      entryNumber: '9',
      registeredOn: '2001-12-31',
    },
    parties: REQUIRED_ROLES_BY_EVENT[eventType].map((role) => ({
      role,
      person: { fullName: 'Nguyễn Văn A' },
    })),
    source: { sourceId: 'ha-tay-csv', sourceRecordId: 'row-1' },
    ...(OPTIONAL_DETAILS.has(property) ? {} : { [property]: VALID_DETAILS[property] }),
  };
}

async function errorsOf(plain: unknown): Promise<ContractViolation[]> {
  return (await validateCivilStatusRecord(plain)).errors;
}

/** Exactly one violation at the path, with the constraint: nothing else about the field went wrong. */
async function expectOnly(plain: unknown, path: string, constraint: string): Promise<void> {
  const errors = await errorsOf(plain);
  expect(errors.map((error) => [error.path, error.constraint])).toEqual([[path, constraint]]);
}

describe('CivilStatusRecord: valid records', () => {
  it.each(Object.entries(examples))('%s passes', async (_name, example) => {
    const result = await validateCivilStatusRecord(example());
    expect(result.errors).toEqual([]);
    expect(result.record).toBeInstanceOf(CivilStatusRecord);
  });

  it('turns nested objects into contract class instances and defaults registrationKind to FIRST', async () => {
    const { record } = await validateCivilStatusRecord(ex.exampleBirth());
    expect(record?.registrationKind).toBe('FIRST');
    expect(record?.parties[0]).toBeInstanceOf(Party);
    expect(record?.parties[0].person).toBeInstanceOf(Person);
    expect(record?.parties[0].person.placeOfBirth?.unit?.code).toBe('00004');
  });

  it.each(Object.values(EventType))('accepts a minimal %s record', async (eventType) => {
    expect(await errorsOf(minimalRecord(eventType))).toEqual([]);
  });

  it('accepts a re-registration of a birth, with what is known of the lost record', async () => {
    const record = {
      ...ex.exampleBirth(),
      registrationKind: 'RE_REGISTRATION',
      reRegistration: {
        earlierRegisterRef: { book: '03', registeredOn: '1978' },
        reason: 'Sổ bị mất do lũ lụt',
      },
    };
    expect(await errorsOf(record)).toEqual([]);
  });
});

describe('CivilStatusRecord: structural violations', () => {
  it('reports a missing registerRef once, as isDefined', async () => {
    const record = ex.exampleBirth();
    delete record.registerRef;
    await expectOnly(record, 'registerRef', 'isDefined');
  });

  it('reports an impossible partial date', async () => {
    const record = ex.exampleBirth();
    record.parties[0].person.birthDate = '2019-02-30';
    await expectOnly(record, 'parties[0].person.birthDate', 'isPartialDate');
  });

  it('reports a partial date where a full one is required', async () => {
    const record = ex.exampleBirth();
    record.registerRef.registeredOn = '2025-09';
    await expectOnly(record, 'registerRef.registeredOn', 'isFullDate');
  });

  it('reports unknown properties at the top and deep inside', async () => {
    const record = { ...ex.exampleBirth(), hoTen: 'x' };
    record.parties[1].person.residence.street = 'Đội Cấn';
    const errors = await errorsOf(record);
    expect(errors.map((error) => [error.path, error.constraint])).toEqual([
      ['hoTen', 'whitelistValidation'],
      ['parties[1].person.residence.street', 'whitelistValidation'],
    ]);
  });

  it.each([
    ['historical', 'yes', 'historical', 'isBoolean'],
    ['eventType', 42, 'eventType', 'isEnum'],
    ['schemaVersion', 1, 'schemaVersion', 'equals'],
    ['occurredOn', 20250820, 'occurredOn', 'isPartialDate'],
    ['signer', 'Lê Văn Bình', 'signer', 'isObject'],
    ['registerRef', [], 'registerRef', 'isObject'],
  ])('reports a wrong type for %s', async (property, value, path, constraint) => {
    const errors = await errorsOf({ ...ex.exampleBirth(), [property]: value });
    expect(errors).toContainEqual(expect.objectContaining({ path, constraint }));
  });

  it('reports a party that is not an object, and parties that are not an array', async () => {
    const record = ex.exampleBirth();
    record.parties.push([]);
    expect(await errorsOf(record)).toContainEqual(
      expect.objectContaining({ path: 'parties', constraint: 'isObject' }),
    );
    expect(await errorsOf({ ...ex.exampleBirth(), parties: 'CHILD' })).toContainEqual(
      expect.objectContaining({ path: 'parties', constraint: 'isArray' }),
    );
  });

  it('reports a number where an integer is expected and a count out of range', async () => {
    const record = ex.exampleBirth();
    record.birth.plurality = '2';
    expect(await errorsOf(record)).toContainEqual(
      expect.objectContaining({ path: 'birth.plurality', constraint: 'isInt' }),
    );
    record.birth.plurality = 11;
    await expectOnly(record, 'birth.plurality', 'max');
  });

  it('reports a name longer than 200 characters', async () => {
    const record = ex.exampleBirth();
    record.parties[0].person.fullName = 'Nguyễn '.repeat(40);
    await expectOnly(record, 'parties[0].person.fullName', 'maxLength');
  });

  it('reports a name that is not in Unicode NFC', async () => {
    const record = ex.exampleBirth();
    record.parties[1].person.fullName = 'Trần Thị Lan'.normalize('NFD');
    await expectOnly(record, 'parties[1].person.fullName', 'isNfcText');
  });

  it('reports an ethnicity outside the 54 codes', async () => {
    const record = ex.exampleBirth();
    record.parties[0].person.ethnicity = '99';
    await expectOnly(record, 'parties[0].person.ethnicity', 'isEthnicityCode');
  });

  it.each([['vn'], ['XX'], ['VNM']])('reports nationality %s', async (code) => {
    const record = ex.exampleBirth();
    record.parties[0].person.nationality = code;
    await expectOnly(record, 'parties[0].person.nationality', 'isCountryCode');
  });

  it('checks every entry of nationalities', async () => {
    const record = ex.exampleForeignRecording();
    record.parties[0].person.nationalities = ['VN', 'jp'];
    await expectOnly(record, 'parties[0].person.nationalities', 'isCountryCode');
  });

  it.each([['00119501234'], ['0011950123456'], ['00119501234X']])(
    'reports personal ID number %s',
    async (pin) => {
      const record = ex.exampleBirth();
      record.parties[1].person.personalIdNumber = pin;
      await expectOnly(record, 'parties[1].person.personalIdNumber', 'isPersonalIdNumber');
    },
  );

  it('checks identity document numbers by type: CCCD 12 digits, CMND 9 or 12', async () => {
    const record = ex.exampleBirth();
    record.parties[1].person.identityDocuments = [
      { type: 'CMND', number: '012345678' },
      { type: 'CCCD', number: '012345678' },
      { type: 'PASSPORT', number: 'C1234567' },
    ];
    await expectOnly(record, 'parties[1].person.identityDocuments[1].number', 'isIdentityDocumentNumber');
  });

  it('checks that an administrative unit code fits its level', async () => {
    const record = ex.exampleBirth();
    record.parties[0].person.placeOfBirth.unit.level = 'PROVINCE';
    await expectOnly(record, 'parties[0].person.placeOfBirth.unit.code', 'isAdminUnitCode');
  });

  it('reports a place that says nothing', async () => {
    const record = ex.exampleBirth();
    record.parties[0].person.hometown = {};
    await expectOnly(record, 'parties[0].person.hometown', 'isNonEmptyPlace');
  });

  it.each([
    ['registerRef.authorityCode', 'ubnd-x-00004', 'isAuthorityCode'],
    ['source.sourceId', 'HN Legacy', 'isSourceId'],
    ['birth.birthTime', '24:00', 'isTimeOfDay'],
  ])('reports a malformed code in %s', async (path, value, constraint) => {
    const record = ex.exampleBirth();
    const [parent, property] = path.split('.');
    record[parent][property] = value;
    await expectOnly(record, path, constraint);
  });

  it('bounds the number of parties', async () => {
    await expectOnly({ ...ex.exampleBirth(), parties: [] }, 'parties', 'arrayMinSize');
    const crowd = Array.from({ length: 21 }, () => ({ role: 'CHILD', person: { fullName: 'A' } }));
    await expectOnly({ ...ex.exampleBirth(), parties: crowd }, 'parties', 'arrayMaxSize');
  });
});

describe('CivilStatusRecord: rules tied to the event type', () => {
  it('refuses details of another family', async () => {
    const record = { ...ex.exampleDeath(), birth: { plurality: 1 } };
    const errors = await errorsOf(record);
    expect(errors).toEqual([
      {
        path: 'birth',
        constraint: 'detailsMatchEventType',
        message: 'birth belongs only to eventType BIRTH',
      },
    ]);
  });

  it.each(
    Object.values(EventType).filter(
      (eventType) => !OPTIONAL_DETAILS.has(DETAILS_PROPERTY_BY_EVENT[eventType]),
    ),
  )('requires the details of %s', async (eventType) => {
    const record = minimalRecord(eventType);
    const property = DETAILS_PROPERTY_BY_EVENT[eventType];
    delete record[property];
    await expectOnly(record, property, 'detailsRequired');
  });

  it('lets birth, death and marriage records go without details (digitised books)', async () => {
    for (const eventType of [EventType.BIRTH, EventType.DEATH, EventType.MARRIAGE]) {
      expect(await errorsOf(minimalRecord(eventType))).toEqual([]);
      expect(OPTIONAL_DETAILS.has(DETAILS_PROPERTY_BY_EVENT[eventType])).toBe(true);
    }
  });

  it('uses the decision details for every recorded decision, and for nothing else', () => {
    for (const eventType of Object.values(EventType)) {
      const isDecision = EVENT_CATEGORY[eventType] === EventCategory.RECORDED_DECISION;
      expect([eventType, DETAILS_PROPERTY_BY_EVENT[eventType] === 'decision']).toEqual([
        eventType,
        isDecision,
      ]);
    }
  });

  it('validates the details themselves', async () => {
    const record = ex.exampleCivilStatusChange();
    record.civilStatusChange.changes = [];
    record.civilStatusChange.kind = 'RENAME';
    const errors = await errorsOf(record);
    expect(errors.map((error) => [error.path, error.constraint])).toEqual([
      ['civilStatusChange.kind', 'isEnum'],
      ['civilStatusChange.changes', 'arrayMinSize'],
    ]);
  });

  it('refuses RE_REGISTRATION outside births, marriages and deaths', async () => {
    const record = { ...minimalRecord(EventType.GUARDIANSHIP), registrationKind: 'RE_REGISTRATION' };
    await expectOnly(record, 'registrationKind', 'registrationKindAllowed');
  });

  it('refuses re-registration details on a first registration', async () => {
    const record = { ...ex.exampleDeath(), reRegistration: { reason: 'Mất sổ' } };
    await expectOnly(record, 'reRegistration', 'reRegistrationMatchesKind');
  });

  it('requires the roles the event is about', async () => {
    const record = ex.exampleMarriage();
    record.parties = record.parties.filter((party: { role: string }) => party.role !== 'HUSBAND');
    const errors = await errorsOf(record);
    expect(errors).toEqual([
      {
        path: 'parties',
        constraint: 'requiredRolesPresent',
        message: 'parties must include a party with role HUSBAND for eventType MARRIAGE',
      },
    ]);
  });

  it('reports only the invalid eventType, not the rules that depend on it', async () => {
    await expectOnly({ ...ex.exampleBirth(), eventType: 'ADOPTED' }, 'eventType', 'isEnum');
  });
});
