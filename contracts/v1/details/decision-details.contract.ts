import { Type } from 'class-transformer';
import {
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

import { DecisionIssuerKind } from '../code-lists/decision-issuer-kind.enum.js';
import { PartialRegisterRef } from '../common/partial-register-ref.contract.js';
import { IsFullDate } from '../partial-date.js';

/**
 * The judgment or decision a RECORDED_DECISION event writes into the register (ghi vào Sổ hộ tịch,
 * Luật Hộ tịch 2014 Art. 3.2). The commune records it; the court or authority decided it.
 */
@JSONSchema({ description: 'Bản án, quyết định được ghi vào Sổ hộ tịch' })
export class DecisionDetails {
  @IsDefined()
  @IsEnum(DecisionIssuerKind)
  issuerKind: DecisionIssuerKind;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @JSONSchema({ description: 'Tòa án hoặc cơ quan ra quyết định' })
  issuerName: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @JSONSchema({ description: 'Số bản án, quyết định' })
  decisionNumber: string;

  @IsDefined()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày ra bản án, quyết định' })
  decidedOn: string;

  /** A judgment takes effect later than it is pronounced (after the appeal period). */
  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày có hiệu lực' })
  effectiveOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @JSONSchema({ description: 'Tóm tắt nội dung' })
  summary?: string;

  /** E.g. the marriage a divorce ends, the birth an adoption or a sex re-determination changes. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialRegisterRef)
  affectedRegisterRef?: PartialRegisterRef;
}
