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

import { ADMIN_UNIT_CODE_LENGTH, AdminUnitLevel } from '../code-lists/admin-unit-level.enum.js';
import { ContractConstraint } from '../constraints/contract-constraint.enum.js';
import { isEnumValue } from '../constraints/is-enum-value.util.js';
import { IsFullDate } from '../partial-date.js';

export const ADMIN_UNIT_CODE_PATTERN = /^(\d{2}|\d{3}|\d{5})$/;

function isAdminUnitCode(code: unknown, level: unknown): boolean {
  if (typeof code !== 'string' || !ADMIN_UNIT_CODE_PATTERN.test(code)) return false;
  // An unknown level is reported on `level`; the code is then only checked for its shape.
  return !isEnumValue(AdminUnitLevel, level) || code.length === ADMIN_UNIT_CODE_LENGTH[level];
}

function IsAdminUnitCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_ADMIN_UNIT_CODE,
      validator: {
        validate: (value: unknown, args) => isAdminUnitCode(value, args && Reflect.get(args.object, 'level')),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be 2 digits for a PROVINCE, 3 for a DISTRICT or 5 for a COMMUNE`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * A unit by its statistics-office code *and the date the code is meant on*: codes were reused after
 * the 1 July 2025 merger (province 82 was Tiền Giang and is now Đồng Tháp), so a bare code is ambiguous.
 */
@JSONSchema({ description: 'Đơn vị hành chính (mã theo ngày áp dụng)' })
export class AdminUnitRef {
  @IsDefined()
  @IsAdminUnitCode()
  @JSONSchema({ description: 'Mã đơn vị hành chính: tỉnh 2 chữ số, huyện 3, xã 5' })
  code: string;

  @IsDefined()
  @IsEnum(AdminUnitLevel)
  level: AdminUnitLevel;

  /** As written in the source; certificates reprint the name as registered. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @JSONSchema({ description: 'Tên đơn vị như ghi trong nguồn' })
  name?: string;

  @IsDefined()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày mà mã được hiểu theo' })
  asOf: string;
}
