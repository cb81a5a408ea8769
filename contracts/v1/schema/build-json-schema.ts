import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

import { DETAILS_PROPERTY_BY_EVENT, OPTIONAL_DETAILS } from '../civil-status-record.rules.js';
import { CivilStatusRecord } from '../civil-status-record.contract.js';
import { EventType } from '../code-lists/event-type.enum.js';
import { ETHNICITY_CODES } from '../code-lists/ethnicity.code-list.js';
import { RE_REGISTRATION_EVENT_TYPES, RegistrationKind } from '../code-lists/registration-kind.enum.js';
import { REQUIRED_ROLES_BY_EVENT } from '../code-lists/role.enum.js';
import { AdminUnitRef, ADMIN_UNIT_CODE_PATTERN } from '../common/admin-unit-ref.contract.js';
import { FieldProvenance } from '../common/field-provenance.contract.js';
import { IdentityDocument } from '../common/identity-document.contract.js';
import { Officer } from '../common/officer.contract.js';
import { PartialRegisterRef } from '../common/partial-register-ref.contract.js';
import { Party } from '../common/party.contract.js';
import { Person } from '../common/person.contract.js';
import { Place } from '../common/place.contract.js';
import { RegisterRef } from '../common/register-ref.contract.js';
import { Signer } from '../common/signer.contract.js';
import { SourceRef } from '../common/source-ref.contract.js';
import { ContractConstraint } from '../constraints/contract-constraint.enum.js';
import {
  AUTHORITY_CODE_PATTERN,
  COUNTRY_CODE_PATTERN,
  PERSONAL_ID_NUMBER_PATTERN,
  SOURCE_ID_PATTERN,
  TIME_OF_DAY_PATTERN,
} from '../constraints/string-format.validators.js';
import { BirthDetails } from '../details/birth-details.contract.js';
import { CivilStatusChangeDetails } from '../details/civil-status-change-details.contract.js';
import { DeathDetails } from '../details/death-details.contract.js';
import { DeathNotice } from '../details/death-notice.contract.js';
import { DecisionDetails } from '../details/decision-details.contract.js';
import { FieldChange } from '../details/field-change.contract.js';
import { ForeignRecordingDetails } from '../details/foreign-recording-details.contract.js';
import { GuardianshipDetails } from '../details/guardianship-details.contract.js';
import { MaritalStatusCertificateDetails } from '../details/marital-status-certificate-details.contract.js';
import { MarriageDetails } from '../details/marriage-details.contract.js';
import { ParentageRecognitionDetails } from '../details/parentage-recognition-details.contract.js';
import { ReRegistration } from '../details/re-registration.contract.js';
import { PARTIAL_DATE_PATTERN } from '../partial-date.js';
import { type Json, type JsonObject, sortKeysDeep, toJsonObject } from './json-value.js';

export const SCHEMA_ID = 'urn:civil-status-hub:contracts:v1:civil-status-record';
export const SCHEMA_FILE_NAME = 'civil-status-record.schema.json';

/** Every class the envelope reaches; a unit test fails on a $ref to a class missing here. */
export const SCHEMA_CLASSES = [
  AdminUnitRef,
  BirthDetails,
  CivilStatusChangeDetails,
  DeathDetails,
  DeathNotice,
  DecisionDetails,
  FieldChange,
  FieldProvenance,
  ForeignRecordingDetails,
  GuardianshipDetails,
  IdentityDocument,
  MaritalStatusCertificateDetails,
  MarriageDetails,
  Officer,
  ParentageRecognitionDetails,
  PartialRegisterRef,
  Party,
  Person,
  Place,
  ReRegistration,
  RegisterRef,
  Signer,
  SourceRef,
] as const;

type ConverterOptions = NonNullable<Parameters<typeof targetConstructorToSchema>[1]>;

const pattern = (regex: RegExp): JsonObject => ({ type: 'string', pattern: regex.source });

// Our custom constraints, by name. Without an entry the library would guess from design:type
// metadata, which differs between tsc and ts-jest builds and made the generated file unstable.
const CUSTOM_CONSTRAINT_SCHEMAS: Record<ContractConstraint, JsonObject> = {
  [ContractConstraint.IS_RECORD_OBJECT]: {},
  [ContractConstraint.IS_WITHIN_INPUT_LIMITS]: {},
  [ContractConstraint.IS_NFC_TEXT]: { type: 'string' },
  [ContractConstraint.IS_PARTIAL_DATE]: pattern(PARTIAL_DATE_PATTERN),
  [ContractConstraint.IS_FULL_DATE]: { type: 'string', format: 'date' },
  [ContractConstraint.IS_TIME_OF_DAY]: pattern(TIME_OF_DAY_PATTERN),
  [ContractConstraint.IS_COUNTRY_CODE]: pattern(COUNTRY_CODE_PATTERN),
  [ContractConstraint.IS_ETHNICITY_CODE]: { type: 'string', enum: [...ETHNICITY_CODES] },
  [ContractConstraint.IS_PERSONAL_ID_NUMBER]: pattern(PERSONAL_ID_NUMBER_PATTERN),
  [ContractConstraint.IS_IDENTITY_DOCUMENT_NUMBER]: { type: 'string', minLength: 1 },
  [ContractConstraint.IS_ADMIN_UNIT_CODE]: pattern(ADMIN_UNIT_CODE_PATTERN),
  [ContractConstraint.IS_AUTHORITY_CODE]: pattern(AUTHORITY_CODE_PATTERN),
  [ContractConstraint.IS_SOURCE_ID]: pattern(SOURCE_ID_PATTERN),
  [ContractConstraint.IS_NON_EMPTY_PLACE]: {},
  [ContractConstraint.DETAILS_REQUIRED]: {},
  [ContractConstraint.DETAILS_MATCH_EVENT_TYPE]: {},
  [ContractConstraint.REGISTRATION_KIND_ALLOWED]: {},
  [ContractConstraint.RE_REGISTRATION_MATCHES_KIND]: {},
  [ContractConstraint.REQUIRED_ROLES_PRESENT]: {},
};

const CONVERTER_OPTIONS: ConverterOptions = {
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/definitions/',
  additionalConverters: {
    ...CUSTOM_CONSTRAINT_SCHEMAS,
    customValidation: {},
    // Required-ness is in `required`; the default `not: {type: null}` only adds noise.
    isDefined: {},
  },
};

/** Fixes what the library cannot know: closed objects, defaults, $ref siblings draft-07 ignores. */
function tidyClassSchema(schema: JsonObject): JsonObject {
  const properties = toJsonObject(schema.properties ?? {});
  const tidied: JsonObject = {};
  for (const [name, value] of Object.entries(properties)) {
    const property = toJsonObject(value);
    const items = property.items === undefined ? undefined : toJsonObject(property.items);
    if (property.$ref !== undefined) delete property.type;
    if (items?.$ref !== undefined) {
      delete items.type;
      property.items = items;
    }
    tidied[name] = property;
  }
  const hasDefault = (name: Json): boolean =>
    typeof name === 'string' && tidied[name] !== undefined && 'default' in toJsonObject(tidied[name]);
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => !hasDefault(name)) : [];
  const tidiedSchema: JsonObject = { ...schema, properties: tidied, required, additionalProperties: false };
  if (required.length === 0) delete tidiedSchema.required;
  return tidiedSchema;
}

function classSchema(target: (typeof SCHEMA_CLASSES)[number] | typeof CivilStatusRecord): JsonObject {
  return tidyClassSchema(toJsonObject(targetConstructorToSchema(target, CONVERTER_OPTIONS)));
}

const hasProperty = (property: string): JsonObject => ({ required: [property] });
const eventTypeIn = (eventTypes: readonly EventType[]): JsonObject => ({
  properties: { eventType: { enum: [...eventTypes] } },
  required: ['eventType'],
});

/** Event types grouped by a key, in EventType order, so each rule below is stated once per group. */
function groupEventTypes(keyOf: (eventType: EventType) => string): Map<string, EventType[]> {
  const groups = new Map<string, EventType[]>();
  for (const eventType of Object.values(EventType)) {
    const key = keyOf(eventType);
    groups.set(key, [...(groups.get(key) ?? []), eventType]);
  }
  return groups;
}

/** The envelope rules of civil-status-record.rules.ts, restated as draft-07 conditionals. */
function eventTypeRules(): Json[] {
  const rules: Json[] = [];
  for (const [property, eventTypes] of groupEventTypes((eventType) => DETAILS_PROPERTY_BY_EVENT[eventType])) {
    rules.push({ if: hasProperty(property), then: eventTypeIn(eventTypes) });
    if (!OPTIONAL_DETAILS.has(DETAILS_PROPERTY_BY_EVENT[eventTypes[0]])) {
      rules.push({ if: eventTypeIn(eventTypes), then: hasProperty(property) });
    }
  }
  for (const [roles, eventTypes] of groupEventTypes((eventType) =>
    REQUIRED_ROLES_BY_EVENT[eventType].join(','),
  )) {
    const contains = roles.split(',').map((role) => ({
      contains: { properties: { role: { const: role } }, required: ['role'] },
    }));
    rules.push({ if: eventTypeIn(eventTypes), then: { properties: { parties: { allOf: contains } } } });
  }
  rules.push(
    {
      if: {
        properties: { registrationKind: { const: RegistrationKind.RE_REGISTRATION } },
        required: ['registrationKind'],
      },
      then: eventTypeIn(RE_REGISTRATION_EVENT_TYPES),
    },
    {
      if: hasProperty('reRegistration'),
      then: {
        properties: { registrationKind: { const: RegistrationKind.RE_REGISTRATION } },
        required: ['registrationKind'],
      },
    },
  );
  return rules;
}

/** The JSON Schema (draft-07) of CivilStatusRecord, generated from the class-validator classes. */
export function buildJsonSchema(): JsonObject {
  const definitions: JsonObject = {};
  for (const target of SCHEMA_CLASSES) definitions[target.name] = classSchema(target);
  return sortKeysDeep({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    ...classSchema(CivilStatusRecord),
    allOf: eventTypeRules(),
    definitions,
  });
}

/** The file's exact content: sorted keys, two-space indent, trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
