import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { ContractConstraint } from '../constraints/contract-constraint.enum.js';
import { IsCountryCode } from '../constraints/string-format.validators.js';
import { AdminUnitRef } from './admin-unit-ref.contract.js';

const PLACE_CONTENT = ['unit', 'address', 'facility', 'country'] as const;

/** Place of birth, hometown (quê quán), residence, place of death: at home or abroad. */
@JSONSchema({
  description: 'Địa điểm: đơn vị hành chính, địa chỉ, cơ sở y tế hoặc quốc gia',
  anyOf: PLACE_CONTENT.map((property) => ({ required: [property] })),
})
export class Place {
  /** The commune where known; older sources may only give a district or a province. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdminUnitRef)
  unit?: AdminUnitRef;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @JSONSchema({ description: 'Địa chỉ: số nhà, đường, thôn, xóm, ấp, bản' })
  address?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @JSONSchema({ description: 'Cơ sở y tế' })
  facility?: string;

  @IsOptional()
  @IsCountryCode()
  @JSONSchema({ description: 'Quốc gia (ISO 3166-1 alpha-2), cho nơi ở nước ngoài' })
  country?: string;
}

function hasContent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return PLACE_CONTENT.some((property) => {
    const content: unknown = Reflect.get(value, property);
    return content !== undefined && content !== null && content !== '';
  });
}

/**
 * A place must say something. Put on the property holding the Place, so the violation names it
 * (`parties[0].person.placeOfBirth`): class-validator has no class-level constraints.
 */
export function IsNonEmptyPlace(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: ContractConstraint.IS_NON_EMPTY_PLACE,
      validator: {
        validate: (value: unknown) => hasContent(value),
        defaultMessage: () => '$property must give at least one of unit, address, facility or country',
      },
    },
    options,
  );
}
