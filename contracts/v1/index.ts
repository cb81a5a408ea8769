// The standard civil-status format, version 1. A contract change is a new version; v1 stays readable.

export * from './code-lists/admin-unit-level.enum.js';
export * from './code-lists/change-kind.enum.js';
export * from './code-lists/decision-issuer-kind.enum.js';
export * from './code-lists/ethnicity.code-list.js';
export * from './code-lists/event-type.enum.js';
export * from './code-lists/foreign-event-kind.enum.js';
export * from './code-lists/guardianship-action.enum.js';
export * from './code-lists/identity-document-type.enum.js';
export * from './code-lists/marital-status.enum.js';
export * from './code-lists/nationality.code-list.js';
export * from './code-lists/parentage-recognition-kind.enum.js';
export * from './code-lists/registration-kind.enum.js';
export * from './code-lists/role.enum.js';
export * from './code-lists/sex.enum.js';

export * from './partial-date.js';
export * from './constraints/contract-constraint.enum.js';
export * from './constraints/string-format.validators.js';

export * from './common/admin-unit-ref.contract.js';
export * from './common/field-provenance.contract.js';
export * from './common/identity-document.contract.js';
export * from './common/officer.contract.js';
export * from './common/partial-register-ref.contract.js';
export * from './common/party.contract.js';
export * from './common/person.contract.js';
export * from './common/place.contract.js';
export * from './common/register-ref.contract.js';
export * from './common/signer.contract.js';
export * from './common/source-ref.contract.js';

export * from './details/birth-details.contract.js';
export * from './details/civil-status-change-details.contract.js';
export * from './details/death-details.contract.js';
export * from './details/death-notice.contract.js';
export * from './details/decision-details.contract.js';
export * from './details/field-change.contract.js';
export * from './details/foreign-recording-details.contract.js';
export * from './details/guardianship-details.contract.js';
export * from './details/marital-status-certificate-details.contract.js';
export * from './details/marriage-details.contract.js';
export * from './details/parentage-recognition-details.contract.js';
export * from './details/re-registration.contract.js';

export { CivilStatusRecord } from './civil-status-record.contract.js';
export {
  DETAILS_PROPERTY_BY_EVENT,
  type DetailsProperty,
  OPTIONAL_DETAILS,
} from './civil-status-record.rules.js';
export {
  type ContractViolation,
  INPUT_LIMITS,
  type RecordValidationResult,
  validateCivilStatusRecord,
} from './validate-record.js';
export { buildJsonSchema, renderJsonSchema, SCHEMA_ID } from './schema/build-json-schema.js';
