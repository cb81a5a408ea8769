import { buildMessage, isISO31661Alpha2, ValidateBy, type ValidationOptions } from 'class-validator';

import { ETHNICITY_CODES } from '../code-lists/ethnicity.code-list.js';
import { ContractConstraint } from './contract-constraint.enum.js';

/** 'HH:mm', 24-hour clock, as on birth and death certificates ("14 giờ 30 phút"). */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Số định danh cá nhân: exactly 12 digits. Its structure (province prefix, century/sex digit, year)
 * and the absence of any check digit are domain rules (DOMAIN.md §5), checked in the hub.
 */
export const PERSONAL_ID_NUMBER_PATTERN = /^\d{12}$/;

/** Registering authority codes such as 'UBND-X-00004', 'UBND-H-001', 'STP-01', 'DSQ-JP'. */
export const AUTHORITY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** The hub's identifier of a sending system, e.g. 'hcm-legacy-soap'. */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Two upper-case letters; the upper case keeps codes comparable as plain strings. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

function matchesFormat(
  name: ContractConstraint,
  pattern: RegExp,
  expected: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && pattern.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must be ${expected}`, options),
      },
    },
    options,
  );
}

/**
 * Unicode NFC. Legacy text arrives as NFC, NFD or Windows-1258 combining marks: the same name in
 * different byte forms would never match, so mappings normalise and the contract insists.
 */
export function IsNfcText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_NFC_TEXT,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value === value.normalize('NFC'),
        defaultMessage: buildMessage((each) => `${each}$property must be Unicode text in NFC form`, options),
      },
    },
    options,
  );
}

export function IsTimeOfDay(options?: ValidationOptions): PropertyDecorator {
  return matchesFormat(
    ContractConstraint.IS_TIME_OF_DAY,
    TIME_OF_DAY_PATTERN,
    'a time written HH:mm',
    options,
  );
}

export function IsPersonalIdNumber(options?: ValidationOptions): PropertyDecorator {
  return matchesFormat(
    ContractConstraint.IS_PERSONAL_ID_NUMBER,
    PERSONAL_ID_NUMBER_PATTERN,
    'exactly 12 digits',
    options,
  );
}

export function IsAuthorityCode(options?: ValidationOptions): PropertyDecorator {
  return matchesFormat(
    ContractConstraint.IS_AUTHORITY_CODE,
    AUTHORITY_CODE_PATTERN,
    'an authority code of 2 to 40 upper-case letters, digits and hyphens',
    options,
  );
}

export function IsSourceId(options?: ValidationOptions): PropertyDecorator {
  return matchesFormat(
    ContractConstraint.IS_SOURCE_ID,
    SOURCE_ID_PATTERN,
    'a source id of 2 to 63 lower-case letters, digits and hyphens',
    options,
  );
}

/**
 * ISO 3166-1 alpha-2 in upper case. class-validator's @IsISO31661Alpha2() alone is not enough:
 * validator.js upper-cases before its lookup, so it accepts 'vn'.
 */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_COUNTRY_CODE,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && COUNTRY_CODE_PATTERN.test(value) && isISO31661Alpha2(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an upper-case ISO 3166-1 alpha-2 country code such as VN`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsEthnicityCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_ETHNICITY_CODE,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ETHNICITY_CODES.includes(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be one of the 54 ethnic-group codes 01 to 54`,
          options,
        ),
      },
    },
    options,
  );
}
