import { IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsFullDate } from '../partial-date.js';

/** Giấy báo tử, issued by the hospital, the police or the commune where the death happened. */
@JSONSchema({ description: 'Giấy báo tử' })
export class DeathNotice {
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @JSONSchema({ description: 'Số giấy báo tử' })
  number: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @JSONSchema({ description: 'Cơ quan cấp' })
  issuer?: string;

  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày cấp' })
  issuedOn?: string;
}
