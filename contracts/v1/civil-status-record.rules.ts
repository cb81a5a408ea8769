import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';

import { EventType } from './code-lists/event-type.enum.js';
import { RegistrationKind, RE_REGISTRATION_EVENT_TYPES } from './code-lists/registration-kind.enum.js';
import { REQUIRED_ROLES_BY_EVENT } from './code-lists/role.enum.js';
import { ContractConstraint } from './constraints/contract-constraint.enum.js';
import { isEnumValue } from './constraints/is-enum-value.util.js';

// Cross-field rules of CivilStatusRecord. They are property constraints (class-validator has no
// class-level ones) so that each violation names the property to fix.

export type DetailsProperty =
  | 'birth'
  | 'death'
  | 'marriage'
  | 'guardianship'
  | 'parentageRecognition'
  | 'civilStatusChange'
  | 'decision'
  | 'foreignRecording'
  | 'maritalStatusCertificate';

/** The one details property a record of each event type may carry. */
export const DETAILS_PROPERTY_BY_EVENT: Readonly<Record<EventType, DetailsProperty>> = {
  [EventType.BIRTH]: 'birth',
  [EventType.MARRIAGE]: 'marriage',
  [EventType.GUARDIANSHIP]: 'guardianship',
  [EventType.PARENTAGE_RECOGNITION]: 'parentageRecognition',
  [EventType.CIVIL_STATUS_CHANGE]: 'civilStatusChange',
  [EventType.DEATH]: 'death',
  [EventType.NATIONALITY_CHANGE]: 'decision',
  [EventType.PARENTAGE_DETERMINATION]: 'decision',
  [EventType.SEX_REDETERMINATION]: 'decision',
  [EventType.ADOPTION]: 'decision',
  [EventType.ADOPTION_TERMINATION]: 'decision',
  [EventType.DIVORCE]: 'decision',
  [EventType.MARRIAGE_ANNULMENT]: 'decision',
  [EventType.MARRIAGE_RECOGNITION]: 'decision',
  [EventType.GUARDIANSHIP_RECOGNITION]: 'decision',
  [EventType.DECLARATION_MISSING]: 'decision',
  [EventType.DECLARATION_DEAD]: 'decision',
  [EventType.DECLARATION_LEGAL_CAPACITY]: 'decision',
  [EventType.DECLARATION_CANCELLATION]: 'decision',
  [EventType.FOREIGN_RECORDING]: 'foreignRecording',
  [EventType.MARITAL_STATUS_CERTIFICATE]: 'maritalStatusCertificate',
};

/**
 * Birth, death and marriage details are optional: digitised books often hold nothing beyond the
 * parties and the date. Every other family cannot be understood without its details.
 */
export const OPTIONAL_DETAILS: ReadonlySet<DetailsProperty> = new Set<DetailsProperty>([
  'birth',
  'death',
  'marriage',
]);

function eventTypeOf(record: object): EventType | undefined {
  const eventType: unknown = Reflect.get(record, 'eventType');
  return isEnumValue(EventType, eventType) ? eventType : undefined;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function eventTypesUsing(property: DetailsProperty): string {
  return Object.values(EventType)
    .filter((eventType) => DETAILS_PROPERTY_BY_EVENT[eventType] === property)
    .join(', ');
}

/**
 * Puts a details property under the record's event type: required when that type's details are
 * required, refused when it belongs to another family. An invalid eventType is reported on its own.
 */
export function DetailsFor(property: DetailsProperty): PropertyDecorator {
  const isRequiredFor = (eventType: EventType | undefined): boolean =>
    eventType !== undefined &&
    DETAILS_PROPERTY_BY_EVENT[eventType] === property &&
    !OPTIONAL_DETAILS.has(property);
  const validateIfPresentOrRequired = ValidateIf(
    (record: object, value: unknown) => isPresent(value) || isRequiredFor(eventTypeOf(record)),
  );
  const required = ValidateBy({
    name: ContractConstraint.DETAILS_REQUIRED,
    validator: {
      validate: (value: unknown) => isPresent(value),
      defaultMessage: (args?: ValidationArguments) =>
        `$property is required when eventType is ${args ? eventTypeOf(args.object) : ''}`,
    },
  });
  const matchesEventType = ValidateBy({
    name: ContractConstraint.DETAILS_MATCH_EVENT_TYPE,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const eventType = args ? eventTypeOf(args.object) : undefined;
        return (
          !isPresent(value) || eventType === undefined || DETAILS_PROPERTY_BY_EVENT[eventType] === property
        );
      },
      defaultMessage: () => `$property belongs only to eventType ${eventTypesUsing(property)}`,
    },
  });
  return (target, propertyKey) => {
    validateIfPresentOrRequired(target, propertyKey);
    required(target, propertyKey);
    matchesEventType(target, propertyKey);
  };
}

/** Only births, marriages and deaths can be registered again (RE_REGISTRATION_EVENT_TYPES). */
export function RegistrationKindAllowed(): PropertyDecorator {
  return ValidateBy({
    name: ContractConstraint.REGISTRATION_KIND_ALLOWED,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const eventType = args ? eventTypeOf(args.object) : undefined;
        return (
          value !== RegistrationKind.RE_REGISTRATION ||
          eventType === undefined ||
          RE_REGISTRATION_EVENT_TYPES.includes(eventType)
        );
      },
      defaultMessage: () =>
        `$property RE_REGISTRATION is allowed only for ${RE_REGISTRATION_EVENT_TYPES.join(', ')}`,
    },
  });
}

export function ReRegistrationMatchesKind(): PropertyDecorator {
  return ValidateBy({
    name: ContractConstraint.RE_REGISTRATION_MATCHES_KIND,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        !isPresent(value) ||
        (args !== undefined &&
          Reflect.get(args.object, 'registrationKind') === RegistrationKind.RE_REGISTRATION),
      defaultMessage: () => '$property is allowed only when registrationKind is RE_REGISTRATION',
    },
  });
}

function missingRoles(parties: unknown, eventType: EventType | undefined): readonly string[] {
  // No parties at all is reported by @ArrayMinSize; listing every role as missing would only repeat it.
  if (!Array.isArray(parties) || parties.length === 0 || eventType === undefined) return [];
  const roleOf = (party: unknown): unknown =>
    typeof party === 'object' && party !== null ? Reflect.get(party, 'role') : undefined;
  const present = new Set(parties.map(roleOf));
  return REQUIRED_ROLES_BY_EVENT[eventType].filter((role) => !present.has(role));
}

/** Each event type's REQUIRED_ROLES_BY_EVENT must appear among the parties at least once. */
export function RequiredRolesPresent(): PropertyDecorator {
  return ValidateBy({
    name: ContractConstraint.REQUIRED_ROLES_PRESENT,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        missingRoles(value, args ? eventTypeOf(args.object) : undefined).length === 0,
      defaultMessage: (args?: ValidationArguments) => {
        const eventType = args ? eventTypeOf(args.object) : undefined;
        const missing = missingRoles(args?.value, eventType).join(', ');
        return `$property must include a party with role ${missing} for eventType ${eventType ?? ''}`;
      },
    },
  });
}
