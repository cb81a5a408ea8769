import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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

import { ChangeKind } from '../code-lists/change-kind.enum.js';
import { PartialRegisterRef } from '../common/partial-register-ref.contract.js';
import { FieldChange } from './field-change.contract.js';

/** A change is always old value → new value, with a reason and, where the law requires, its basis. */
@JSONSchema({
  description: 'Thông tin riêng của việc thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc',
})
export class CivilStatusChangeDetails {
  @IsDefined()
  @IsEnum(ChangeKind)
  kind: ChangeKind;

  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes: FieldChange[];

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @JSONSchema({ description: 'Lý do' })
  reason: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @JSONSchema({ description: 'Căn cứ pháp lý, giấy tờ chứng minh' })
  legalBasis?: string;

  /** The registration whose content changes, usually the birth record. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialRegisterRef)
  affectedRegisterRef?: PartialRegisterRef;
}
