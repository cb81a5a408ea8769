import { IsDefined, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { ForeignEventKind } from '../code-lists/foreign-event-kind.enum.js';
import { IsCountryCode } from '../constraints/string-format.validators.js';
import { IsFullDate } from '../partial-date.js';

/** Ghi chú: a Vietnamese citizen's event already registered or decided abroad. */
@JSONSchema({ description: 'Ghi chú việc hộ tịch đã được giải quyết tại cơ quan có thẩm quyền nước ngoài' })
export class ForeignRecordingDetails {
  @IsDefined()
  @IsEnum(ForeignEventKind)
  foreignEventKind: ForeignEventKind;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @JSONSchema({ description: 'Cơ quan có thẩm quyền nước ngoài' })
  foreignAuthority: string;

  @IsDefined()
  @IsCountryCode()
  country: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({ description: 'Số giấy tờ do nước ngoài cấp' })
  documentNumber?: string;

  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày cấp giấy tờ' })
  documentDate?: string;
}
