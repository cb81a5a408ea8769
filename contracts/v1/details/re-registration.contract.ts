import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { PartialRegisterRef } from '../common/partial-register-ref.contract.js';

/**
 * Đăng ký lại: the commonest legitimate "duplicate" (434,902 birth re-registrations in 2024). What is
 * known of the lost registration lets the hub link the two instead of refusing one as a clash.
 */
@JSONSchema({ description: 'Thông tin đăng ký lại' })
export class ReRegistration {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialRegisterRef)
  @JSONSchema({ description: 'Thông tin việc đăng ký trước đây' })
  earlierRegisterRef?: PartialRegisterRef;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @JSONSchema({ description: 'Lý do đăng ký lại' })
  reason?: string;
}
