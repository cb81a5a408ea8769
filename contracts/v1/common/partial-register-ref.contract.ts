import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { EventType } from '../code-lists/event-type.enum.js';
import { IsAuthorityCode } from '../constraints/string-format.validators.js';
import { IsPartialDate } from '../partial-date.js';

/**
 * What is known of an earlier registration that a change, a decision or a re-registration points
 * at. Often incomplete (the book was lost, which is why a birth is registered again), so every field
 * is optional and the date may be partial; the hub matches it against the register.
 */
@JSONSchema({ description: 'Thông tin (có thể không đầy đủ) về việc đăng ký trước đó' })
export class PartialRegisterRef {
  @IsOptional()
  @IsEnum(EventType)
  eventType?: EventType;

  @IsOptional()
  @IsAuthorityCode()
  authorityCode?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  authorityName?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  @JSONSchema({ description: 'Quyển số' })
  book?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  @JSONSchema({ description: 'Số' })
  entryNumber?: string;

  @IsOptional()
  @IsPartialDate()
  @JSONSchema({ description: 'Ngày đăng ký' })
  registeredOn?: string;
}
