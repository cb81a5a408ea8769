import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsTimeOfDay } from '../constraints/string-format.validators.js';

@JSONSchema({ description: 'Thông tin riêng của việc khai sinh' })
export class BirthDetails {
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @JSONSchema({ description: 'Số giấy chứng sinh' })
  birthNoticeNumber?: string;

  @IsOptional()
  @IsTimeOfDay()
  @JSONSchema({ description: 'Giờ sinh (HH:mm)' })
  birthTime?: string;

  /** Children born of this one birth (twins: 2); each child has its own record. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  @JSONSchema({ description: 'Số con trong lần sinh (sinh đôi: 2)' })
  plurality?: number;
}
