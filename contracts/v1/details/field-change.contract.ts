import { IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** One field of a change: a supplement has no old value, so both values are optional. */
@JSONSchema({ description: 'Nội dung thay đổi: thông tin cũ → thông tin mới' })
export class FieldChange {
  /** The Person field changed, e.g. 'fullName', 'birthDate', 'ethnicity'. */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  field: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @JSONSchema({ description: 'Thông tin cũ' })
  oldValue?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @JSONSchema({ description: 'Thông tin mới' })
  newValue?: string;
}
