import {
  buildMessage,
  IsDefined,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IdentityDocumentType } from '../code-lists/identity-document-type.enum.js';
import { ContractConstraint } from '../constraints/contract-constraint.enum.js';
import { isEnumValue } from '../constraints/is-enum-value.util.js';
import { IsFullDate } from '../partial-date.js';

const NUMBER_PATTERN_BY_TYPE: Readonly<Record<IdentityDocumentType, RegExp>> = {
  [IdentityDocumentType.CCCD]: /^\d{12}$/,
  [IdentityDocumentType.CMND]: /^(\d{9}|\d{12})$/,
  [IdentityDocumentType.PASSPORT]: /^\S.{0,29}$/,
  [IdentityDocumentType.FOREIGN_ID]: /^\S.{0,29}$/,
  [IdentityDocumentType.OTHER]: /^\S.{0,29}$/,
};

function isDocumentNumber(value: unknown, type: unknown): boolean {
  if (typeof value !== 'string') return false;
  // An unknown type is reported on `type`; the number is then only held to the loosest shape.
  const pattern = isEnumValue(IdentityDocumentType, type)
    ? NUMBER_PATTERN_BY_TYPE[type]
    : NUMBER_PATTERN_BY_TYPE[IdentityDocumentType.OTHER];
  return pattern.test(value);
}

function IsIdentityDocumentNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_IDENTITY_DOCUMENT_NUMBER,
      validator: {
        validate: (value: unknown, args) => isDocumentNumber(value, args && Reflect.get(args.object, 'type')),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be 12 digits for a CCCD, 9 or 12 for a CMND, otherwise 1 to 30 characters`,
          options,
        ),
      },
    },
    options,
  );
}

@JSONSchema({ description: 'Giấy tờ tùy thân' })
export class IdentityDocument {
  @IsDefined()
  @IsEnum(IdentityDocumentType)
  type: IdentityDocumentType;

  @IsDefined()
  @IsIdentityDocumentNumber()
  @MaxLength(30)
  @JSONSchema({ description: 'Số giấy tờ' })
  number: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @JSONSchema({ description: 'Nơi cấp' })
  issuer?: string;

  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày cấp' })
  issuedOn?: string;
}
