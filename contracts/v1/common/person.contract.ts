import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { Sex } from '../code-lists/sex.enum.js';
import {
  IsCountryCode,
  IsEthnicityCode,
  IsNfcText,
  IsPersonalIdNumber,
} from '../constraints/string-format.validators.js';
import { IsPartialDate } from '../partial-date.js';
import { IdentityDocument } from './identity-document.contract.js';
import { IsNonEmptyPlace, Place } from './place.contract.js';

/**
 * A person as the register writes them (Luật Hộ tịch 2014 Art. 14). Everything except the name is
 * optional here because digitised books and parents' data are often incomplete; what an event
 * requires (the CHILD's sex and birth date, say) is a domain rule checked in the hub.
 */
@JSONSchema({ description: 'Cá nhân' })
export class Person {
  /** As written, family name first; some ethnic groups put the given name first or have no family name. */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNfcText()
  @JSONSchema({ description: 'Họ, chữ đệm và tên' })
  fullName: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsNfcText()
  @JSONSchema({ description: 'Họ' })
  familyName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsNfcText()
  @JSONSchema({ description: 'Chữ đệm' })
  middleName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsNfcText()
  @JSONSchema({ description: 'Tên' })
  givenName?: string;

  @IsOptional()
  @IsEnum(Sex)
  @JSONSchema({ description: 'Giới tính' })
  sex?: Sex;

  @IsOptional()
  @IsPartialDate()
  @JSONSchema({ description: 'Ngày, tháng, năm sinh (có thể chỉ năm hoặc tháng và năm)' })
  birthDate?: string;

  /** Printed on birth certificates; sources disagree with their own digits, so the hub re-derives it. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @JSONSchema({ description: 'Ngày, tháng, năm sinh bằng chữ' })
  birthDateInWords?: string;

  @IsOptional()
  @IsNonEmptyPlace()
  @IsObject()
  @ValidateNested()
  @Type(() => Place)
  @JSONSchema({ description: 'Nơi sinh' })
  placeOfBirth?: Place;

  @IsOptional()
  @IsNonEmptyPlace()
  @IsObject()
  @ValidateNested()
  @Type(() => Place)
  @JSONSchema({ description: 'Quê quán' })
  hometown?: Place;

  @IsOptional()
  @IsEthnicityCode()
  @JSONSchema({ description: 'Dân tộc (mã 01–54)' })
  ethnicity?: string;

  @IsOptional()
  @IsCountryCode()
  @JSONSchema({ description: 'Quốc tịch' })
  nationality?: string;

  /** Every nationality held, `nationality` included, when there is more than one. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsCountryCode({ each: true })
  @JSONSchema({ description: 'Các quốc tịch (người có nhiều quốc tịch)' })
  nationalities?: string[];

  @IsOptional()
  @IsPersonalIdNumber()
  @JSONSchema({ description: 'Số định danh cá nhân' })
  personalIdNumber?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IdentityDocument)
  @JSONSchema({ description: 'Giấy tờ tùy thân' })
  identityDocuments?: IdentityDocument[];

  @IsOptional()
  @IsNonEmptyPlace()
  @IsObject()
  @ValidateNested()
  @Type(() => Place)
  @JSONSchema({ description: 'Nơi cư trú' })
  residence?: Place;
}
