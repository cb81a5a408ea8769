import { ADMIN_UNIT_LEVEL_LABELS_VI, AdminUnitLevel } from './admin-unit-level.enum.js';
import { CHANGE_KIND_LABELS_VI, ChangeKind } from './change-kind.enum.js';
import { DECISION_ISSUER_KIND_LABELS_VI, DecisionIssuerKind } from './decision-issuer-kind.enum.js';
import { ETHNICITIES, ETHNICITY_CODES } from './ethnicity.code-list.js';
import {
  EVENT_CATEGORY,
  EVENT_TYPE_LABELS_VI,
  EventCategory,
  EventType,
  STATUTORY_DEADLINE_DAYS,
} from './event-type.enum.js';
import { FOREIGN_EVENT_KIND_LABELS_VI, ForeignEventKind } from './foreign-event-kind.enum.js';
import { GUARDIANSHIP_ACTION_LABELS_VI, GuardianshipAction } from './guardianship-action.enum.js';
import { IDENTITY_DOCUMENT_TYPE_LABELS_VI, IdentityDocumentType } from './identity-document-type.enum.js';
import { MARITAL_STATUS_LABELS_VI, MaritalStatus } from './marital-status.enum.js';
import {
  PARENTAGE_RECOGNITION_KIND_LABELS_VI,
  ParentageRecognitionKind,
} from './parentage-recognition-kind.enum.js';
import {
  REGISTRATION_KIND_LABELS_VI,
  RE_REGISTRATION_EVENT_TYPES,
  RegistrationKind,
} from './registration-kind.enum.js';
import { REQUIRED_ROLES_BY_EVENT, Role, ROLE_LABELS_VI, SUBJECT_ROLES_BY_EVENT } from './role.enum.js';
import { SEX_LABELS_VI, Sex } from './sex.enum.js';

const LABELLED: [string, Record<string, string>, Record<string, string>][] = [
  ['EventType', EventType, EVENT_TYPE_LABELS_VI],
  ['Role', Role, ROLE_LABELS_VI],
  ['Sex', Sex, SEX_LABELS_VI],
  ['IdentityDocumentType', IdentityDocumentType, IDENTITY_DOCUMENT_TYPE_LABELS_VI],
  ['RegistrationKind', RegistrationKind, REGISTRATION_KIND_LABELS_VI],
  ['AdminUnitLevel', AdminUnitLevel, ADMIN_UNIT_LEVEL_LABELS_VI],
  ['ChangeKind', ChangeKind, CHANGE_KIND_LABELS_VI],
  ['GuardianshipAction', GuardianshipAction, GUARDIANSHIP_ACTION_LABELS_VI],
  ['ParentageRecognitionKind', ParentageRecognitionKind, PARENTAGE_RECOGNITION_KIND_LABELS_VI],
  ['DecisionIssuerKind', DecisionIssuerKind, DECISION_ISSUER_KIND_LABELS_VI],
  ['ForeignEventKind', ForeignEventKind, FOREIGN_EVENT_KIND_LABELS_VI],
  ['MaritalStatus', MaritalStatus, MARITAL_STATUS_LABELS_VI],
];

describe('code lists', () => {
  it.each(LABELLED)(
    '%s: values equal their keys and each has a Vietnamese label in NFC',
    (_name, values, labels) => {
      for (const [key, value] of Object.entries(values)) expect(value).toBe(key);
      expect(Object.keys(labels).sort()).toEqual(Object.values(values).sort());
      for (const label of Object.values(labels)) {
        expect(label.length).toBeGreaterThan(0);
        expect(label).toBe(label.normalize('NFC'));
      }
    },
  );

  it('keeps the legal Vietnamese terms for the main events', () => {
    expect(EVENT_TYPE_LABELS_VI[EventType.BIRTH]).toBe('Khai sinh');
    expect(EVENT_TYPE_LABELS_VI[EventType.DEATH]).toBe('Khai tử');
    expect(EVENT_TYPE_LABELS_VI[EventType.MARRIAGE]).toBe('Kết hôn');
    expect(SEX_LABELS_VI).toEqual({ MALE: 'Nam', FEMALE: 'Nữ' });
  });

  it('sorts the event types into the law’s categories', () => {
    const count = (category: EventCategory): number =>
      Object.values(EventType).filter((eventType) => EVENT_CATEGORY[eventType] === category).length;
    expect(count(EventCategory.REGISTERED)).toBe(6);
    expect(count(EventCategory.RECORDED_DECISION)).toBe(13);
    expect(EVENT_CATEGORY[EventType.FOREIGN_RECORDING]).toBe(EventCategory.FOREIGN_RECORDING);
    expect(EVENT_CATEGORY[EventType.MARITAL_STATUS_CERTIFICATE]).toBe(EventCategory.OTHER);
  });

  it('has the statutory deadlines of Art. 15 and 33, and re-registration only for birth, marriage, death', () => {
    expect(STATUTORY_DEADLINE_DAYS).toEqual({ BIRTH: 60, DEATH: 15 });
    expect([...RE_REGISTRATION_EVENT_TYPES].sort()).toEqual(['BIRTH', 'DEATH', 'MARRIAGE']);
  });

  it('names who each event is about, and requires those roles', () => {
    expect(SUBJECT_ROLES_BY_EVENT[EventType.BIRTH]).toEqual([Role.CHILD]);
    expect(SUBJECT_ROLES_BY_EVENT[EventType.DEATH]).toEqual([Role.DECEASED]);
    expect(SUBJECT_ROLES_BY_EVENT[EventType.DIVORCE]).toEqual([Role.WIFE, Role.HUSBAND]);
    expect(SUBJECT_ROLES_BY_EVENT[EventType.ADOPTION]).toEqual([Role.ADOPTIVE_PARENT, Role.ADOPTED_CHILD]);
    expect(SUBJECT_ROLES_BY_EVENT[EventType.SEX_REDETERMINATION]).toEqual([Role.SUBJECT]);
    for (const eventType of Object.values(EventType)) {
      expect(REQUIRED_ROLES_BY_EVENT[eventType].length).toBeGreaterThan(0);
      const contextRoles = [Role.REQUESTER, Role.DECLARANT, Role.WITNESS, Role.MOTHER, Role.FATHER];
      expect(SUBJECT_ROLES_BY_EVENT[eventType].filter((role) => contextRoles.includes(role))).toEqual([]);
    }
  });
});

describe('ethnicity code list', () => {
  it('holds the 54 groups with codes 01 to 54 in order', () => {
    expect(ETHNICITY_CODES).toEqual(
      Array.from({ length: 54 }, (_, index) => String(index + 1).padStart(2, '0')),
    );
    expect(ETHNICITIES[0]).toEqual({ code: '01', name: 'Kinh', variants: ['Việt'] });
    expect(ETHNICITIES[7]).toEqual({
      code: '08',
      name: 'Hmông',
      variants: ['HMông', "H'Mông", 'Mông', 'Mèo'],
    });
    expect(ETHNICITIES[53]).toEqual({ code: '54', name: 'Rơ-măm', variants: ['Rơ Măm'] });
  });

  it('has unique names and variants, all in NFC', () => {
    const spellings = ETHNICITIES.flatMap((ethnicity) => [ethnicity.name, ...ethnicity.variants]);
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const spelling of spellings) expect(spelling).toBe(spelling.normalize('NFC'));
  });
});
