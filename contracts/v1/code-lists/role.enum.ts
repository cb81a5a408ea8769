import { EventType } from './event-type.enum.js';

/** The part a person plays in an event; one person may appear under several roles. */
export enum Role {
  CHILD = 'CHILD',
  MOTHER = 'MOTHER',
  FATHER = 'FATHER',
  DECEASED = 'DECEASED',
  WIFE = 'WIFE',
  HUSBAND = 'HUSBAND',
  GUARDIAN = 'GUARDIAN',
  WARD = 'WARD',
  PARENT = 'PARENT',
  RECOGNISED_CHILD = 'RECOGNISED_CHILD',
  ADOPTIVE_PARENT = 'ADOPTIVE_PARENT',
  ADOPTED_CHILD = 'ADOPTED_CHILD',
  /** The person a change, decision, foreign recording or certificate is about. */
  SUBJECT = 'SUBJECT',
  REQUESTER = 'REQUESTER',
  DECLARANT = 'DECLARANT',
  WITNESS = 'WITNESS',
}

export const ROLE_LABELS_VI: Readonly<Record<Role, string>> = {
  [Role.CHILD]: 'Người được khai sinh',
  [Role.MOTHER]: 'Mẹ',
  [Role.FATHER]: 'Cha',
  [Role.DECEASED]: 'Người đã chết',
  [Role.WIFE]: 'Vợ',
  [Role.HUSBAND]: 'Chồng',
  [Role.GUARDIAN]: 'Người giám hộ',
  [Role.WARD]: 'Người được giám hộ',
  [Role.PARENT]: 'Cha, mẹ',
  [Role.RECOGNISED_CHILD]: 'Con',
  [Role.ADOPTIVE_PARENT]: 'Cha, mẹ nuôi',
  [Role.ADOPTED_CHILD]: 'Con nuôi',
  [Role.SUBJECT]: 'Người có sự kiện hộ tịch',
  [Role.REQUESTER]: 'Người yêu cầu',
  [Role.DECLARANT]: 'Người đi khai',
  [Role.WITNESS]: 'Người làm chứng',
};

const SPOUSES: readonly Role[] = [Role.WIFE, Role.HUSBAND];
const GUARDIANSHIP_ROLES: readonly Role[] = [Role.WARD, Role.GUARDIAN];
const PARENTAGE_ROLES: readonly Role[] = [Role.PARENT, Role.RECOGNISED_CHILD];
const ADOPTION_ROLES: readonly Role[] = [Role.ADOPTIVE_PARENT, Role.ADOPTED_CHILD];
const SUBJECT_ONLY: readonly Role[] = [Role.SUBJECT];

/**
 * The roles whose person the event is about (whose civil status it changes): matching, the person
 * register and the population database follow these; parents, declarants and witnesses are context.
 */
export const SUBJECT_ROLES_BY_EVENT: Readonly<Record<EventType, readonly Role[]>> = {
  [EventType.BIRTH]: [Role.CHILD],
  [EventType.MARRIAGE]: SPOUSES,
  [EventType.GUARDIANSHIP]: GUARDIANSHIP_ROLES,
  [EventType.PARENTAGE_RECOGNITION]: PARENTAGE_ROLES,
  [EventType.CIVIL_STATUS_CHANGE]: SUBJECT_ONLY,
  [EventType.DEATH]: [Role.DECEASED],
  [EventType.NATIONALITY_CHANGE]: SUBJECT_ONLY,
  [EventType.PARENTAGE_DETERMINATION]: PARENTAGE_ROLES,
  [EventType.SEX_REDETERMINATION]: SUBJECT_ONLY,
  [EventType.ADOPTION]: ADOPTION_ROLES,
  [EventType.ADOPTION_TERMINATION]: ADOPTION_ROLES,
  [EventType.DIVORCE]: SPOUSES,
  [EventType.MARRIAGE_ANNULMENT]: SPOUSES,
  [EventType.MARRIAGE_RECOGNITION]: SPOUSES,
  [EventType.GUARDIANSHIP_RECOGNITION]: GUARDIANSHIP_ROLES,
  [EventType.DECLARATION_MISSING]: SUBJECT_ONLY,
  [EventType.DECLARATION_DEAD]: SUBJECT_ONLY,
  [EventType.DECLARATION_LEGAL_CAPACITY]: SUBJECT_ONLY,
  [EventType.DECLARATION_CANCELLATION]: SUBJECT_ONLY,
  // The citizen for whom the foreign act is recorded; others named in the act take their usual roles.
  [EventType.FOREIGN_RECORDING]: SUBJECT_ONLY,
  [EventType.MARITAL_STATUS_CERTIFICATE]: SUBJECT_ONLY,
};

/**
 * Roles that must appear at least once. Every subject role is required: a marriage without both
 * spouses, or a divorce naming one, cannot be registered. Whether the spouses' sexes fit the Law on
 * Marriage and Family (same-sex marriage is not recognised) is a domain rule, not a structural one.
 */
export const REQUIRED_ROLES_BY_EVENT: Readonly<Record<EventType, readonly Role[]>> = SUBJECT_ROLES_BY_EVENT;
