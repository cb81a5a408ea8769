/**
 * Names of the contract's own constraints, as they appear in ContractViolation.constraint. They are
 * a public interface: the hub translates them into Vietnamese messages with codes, so never rename one.
 */
export enum ContractConstraint {
  // Input guards of validateCivilStatusRecord, before any class is involved.
  IS_RECORD_OBJECT = 'isRecordObject',
  IS_WITHIN_INPUT_LIMITS = 'isWithinInputLimits',

  // Field formats.
  IS_NFC_TEXT = 'isNfcText',
  IS_PARTIAL_DATE = 'isPartialDate',
  IS_FULL_DATE = 'isFullDate',
  IS_TIME_OF_DAY = 'isTimeOfDay',
  IS_COUNTRY_CODE = 'isCountryCode',
  IS_ETHNICITY_CODE = 'isEthnicityCode',
  IS_PERSONAL_ID_NUMBER = 'isPersonalIdNumber',
  IS_IDENTITY_DOCUMENT_NUMBER = 'isIdentityDocumentNumber',
  IS_ADMIN_UNIT_CODE = 'isAdminUnitCode',
  IS_AUTHORITY_CODE = 'isAuthorityCode',
  IS_SOURCE_ID = 'isSourceId',
  IS_NON_EMPTY_PLACE = 'isNonEmptyPlace',

  // Envelope rules that tie fields to the event type.
  DETAILS_REQUIRED = 'detailsRequired',
  DETAILS_MATCH_EVENT_TYPE = 'detailsMatchEventType',
  REGISTRATION_KIND_ALLOWED = 'registrationKindAllowed',
  RE_REGISTRATION_MATCHES_KIND = 'reRegistrationMatchesKind',
  REQUIRED_ROLES_PRESENT = 'requiredRolesPresent',
}

export const CUSTOM_CONSTRAINTS: readonly ContractConstraint[] = Object.values(ContractConstraint);

/**
 * The class-validator built-in constraint names the contract uses; together with CUSTOM_CONSTRAINTS
 * they are every `constraint` a violation can carry. A unit test keeps this list in step with the
 * decorators. `whitelistValidation` is an unknown property; `nestedValidation` an object or array
 * expected where something else was sent.
 */
export const BUILT_IN_CONSTRAINTS: readonly string[] = [
  'arrayMaxSize',
  'arrayMinSize',
  'equals',
  'isArray',
  'isBoolean',
  'isDefined',
  'isEnum',
  'isInt',
  'isObject',
  'isString',
  'max',
  'maxLength',
  'min',
  'minLength',
  'nestedValidation',
  'unknownValue',
  'whitelistValidation',
];
