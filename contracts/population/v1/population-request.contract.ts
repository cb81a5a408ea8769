import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  IsEnum,
} from 'class-validator';

import type { CivilStatusRecord } from '../../v1/civil-status-record.contract.js';
import { POPULATION_SCHEMA_VERSION, PopulationMessageType } from './population-message-type.enum.js';

/**
 * A request from the hub to the national population database, one AMQP message. `messageId` is the
 * idempotency key: the same id sent again must get the same answer and change nothing twice.
 */
export class PopulationRequest {
  @IsIn([POPULATION_SCHEMA_VERSION])
  schemaVersion: string;

  @IsUUID()
  messageId: string;

  /** Follows the record end to end (intake → register → population database → reply). */
  @IsString()
  @MaxLength(200)
  correlationId: string;

  @IsEnum(PopulationMessageType)
  messageType: PopulationMessageType;

  /** The hub's register id of the event, and the version of it this message carries. */
  @IsUUID()
  eventId: string;

  @IsInt()
  @Min(1)
  eventVersion: number;

  /**
   * The 2-digit code of the province where the event was registered, as of the registration date
   * (DOMAIN.md §5: the first three digits of a new personal ID number are 0 + this code). Absent for
   * events registered abroad.
   */
  @IsOptional()
  @Matches(/^\d{2}$/)
  registeringProvinceCode?: string;

  /** When the hub registered the event (ISO 8601, with offset). */
  @IsISO8601({ strict: true })
  registeredAt: string;

  /** The standard civil-status record (contracts/v1), validated by validateCivilStatusRecord. */
  @IsObject()
  record: CivilStatusRecord;

  /** REGISTRATION_VOID only: why the province revoked the registration. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  voidReason?: string;
}
