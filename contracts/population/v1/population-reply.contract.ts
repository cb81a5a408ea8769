import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { PERSONAL_ID_NUMBER_PATTERN } from '../../v1/constraints/string-format.validators.js';
import {
  POPULATION_SCHEMA_VERSION,
  PopulationOutcome,
  PopulationRejectionCode,
} from './population-message-type.enum.js';

export class PopulationRejection {
  @IsEnum(PopulationRejectionCode)
  code: PopulationRejectionCode;

  /** For officials: Vietnamese, says what is wrong and where. */
  @IsString()
  @MaxLength(2000)
  reason: string;
}

/** The population database's answer to one request: confirmed (a birth's number) or rejected. */
export class PopulationReply {
  @IsIn([POPULATION_SCHEMA_VERSION])
  schemaVersion: string;

  /** The reply's own id. */
  @IsUUID()
  messageId: string;

  /** The request's messageId. */
  @IsUUID()
  inReplyTo: string;

  @IsString()
  @MaxLength(200)
  correlationId: string;

  @IsEnum(PopulationOutcome)
  outcome: PopulationOutcome;

  /** BIRTH_ISSUE_ID confirmed: the 12-digit personal ID number issued (or already held). */
  @ValidateIf((r: PopulationReply) => r.personalIdNumber !== undefined)
  @Matches(PERSONAL_ID_NUMBER_PATTERN)
  personalIdNumber?: string;

  @ValidateIf((r: PopulationReply) => r.outcome === PopulationOutcome.REJECTED)
  @ValidateNested()
  @Type(() => PopulationRejection)
  rejection?: PopulationRejection;

  @IsISO8601({ strict: true })
  answeredAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  respondent?: string;
}

/** The most replies one batch may carry, and its largest size on the wire. */
export const MAX_REPLIES_PER_BATCH = 1000;
export const MAX_REPLY_BATCH_BYTES = 1024 * 1024;

/**
 * Many replies in one message: the population database answers requests in batches, and one
 * persistent message per batch costs the broker (and both ends) a fraction of one message per reply.
 * Only an envelope: each reply in it keeps its own messageId, inReplyTo and correlationId and is
 * judged on its own (a bad reply in a batch is refused alone). A single reply, as before, stays valid.
 */
export class PopulationReplyBatch {
  @IsIn([POPULATION_SCHEMA_VERSION])
  schemaVersion: string;

  /** The batch's own id (each reply has its own as well). */
  @IsUUID()
  messageId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLIES_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => PopulationReply)
  replies: PopulationReply[];
}
