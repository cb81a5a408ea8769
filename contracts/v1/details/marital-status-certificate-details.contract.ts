import { IsDefined, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { MaritalStatus } from '../code-lists/marital-status.enum.js';
import { IsFullDate } from '../partial-date.js';

/** Giấy xác nhận tình trạng hôn nhân: states the status and the purpose; valid 6 months. */
@JSONSchema({ description: 'Thông tin riêng của việc xác nhận tình trạng hôn nhân' })
export class MaritalStatusCertificateDetails {
  @IsDefined()
  @IsEnum(MaritalStatus)
  maritalStatus: MaritalStatus;

  /** Required: a certificate is issued for one stated use ("để kết hôn với ông/bà …"). */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @JSONSchema({ description: 'Mục đích sử dụng' })
  purpose: string;

  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Có giá trị đến ngày (6 tháng kể từ ngày cấp)' })
  validUntil?: string;
}
