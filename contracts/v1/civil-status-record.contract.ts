import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import {
  DetailsFor,
  RegistrationKindAllowed,
  ReRegistrationMatchesKind,
  RequiredRolesPresent,
} from './civil-status-record.rules.js';
import { EventType } from './code-lists/event-type.enum.js';
import { RegistrationKind } from './code-lists/registration-kind.enum.js';
import { FieldProvenance } from './common/field-provenance.contract.js';
import { Officer } from './common/officer.contract.js';
import { Party } from './common/party.contract.js';
import { RegisterRef } from './common/register-ref.contract.js';
import { Signer } from './common/signer.contract.js';
import { SourceRef } from './common/source-ref.contract.js';
import { BirthDetails } from './details/birth-details.contract.js';
import { CivilStatusChangeDetails } from './details/civil-status-change-details.contract.js';
import { DeathDetails } from './details/death-details.contract.js';
import { DecisionDetails } from './details/decision-details.contract.js';
import { ForeignRecordingDetails } from './details/foreign-recording-details.contract.js';
import { GuardianshipDetails } from './details/guardianship-details.contract.js';
import { MaritalStatusCertificateDetails } from './details/marital-status-certificate-details.contract.js';
import { MarriageDetails } from './details/marriage-details.contract.js';
import { ParentageRecognitionDetails } from './details/parentage-recognition-details.contract.js';
import { ReRegistration } from './details/re-registration.contract.js';
import { IsPartialDate } from './partial-date.js';

/**
 * One civil-status event in the standard format, version 1: what every adapter produces, what the
 * registration module writes and what the register stores. Validate it with validateCivilStatusRecord.
 */
@JSONSchema({
  title: 'CivilStatusRecord',
  description: 'Bản ghi sự kiện hộ tịch theo định dạng chuẩn, phiên bản 1',
})
export class CivilStatusRecord {
  @IsDefined()
  @Equals('1')
  schemaVersion: '1';

  @IsDefined()
  @IsEnum(EventType)
  @JSONSchema({ description: 'Loại sự kiện hộ tịch' })
  eventType: EventType;

  @IsEnum(RegistrationKind)
  @RegistrationKindAllowed()
  @JSONSchema({ default: RegistrationKind.FIRST, description: 'Đăng ký lần đầu hoặc đăng ký lại' })
  registrationKind: RegistrationKind = RegistrationKind.FIRST;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RegisterRef)
  registerRef: RegisterRef;

  /** The date of the event itself: birth, death, marriage, judgment or decision. */
  @IsOptional()
  @IsPartialDate()
  @JSONSchema({ description: 'Ngày xảy ra sự kiện (có thể chỉ năm hoặc tháng và năm)' })
  occurredOn?: string;

  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @RequiredRolesPresent()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => Party)
  @JSONSchema({ description: 'Những người liên quan, theo vai trò' })
  parties: Party[];

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceRef)
  source: SourceRef;

  /** Digitised from a paper book: domain rules then accept partial dates and gaps more widely. */
  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Dữ liệu số hóa từ Sổ hộ tịch giấy' })
  historical?: boolean;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => Signer)
  signer?: Signer;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => Officer)
  officer?: Officer;

  /** Ghi chú: marginal notes of later changes, as the register carries them. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  @JSONSchema({ description: 'Ghi chú' })
  notes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FieldProvenance)
  provenance?: FieldProvenance[];

  @IsOptional()
  @ReRegistrationMatchesKind()
  @IsObject()
  @ValidateNested()
  @Type(() => ReRegistration)
  reRegistration?: ReRegistration;

  // One details property per family; DETAILS_PROPERTY_BY_EVENT says which one an event type uses.

  @DetailsFor('birth')
  @IsObject()
  @ValidateNested()
  @Type(() => BirthDetails)
  birth?: BirthDetails;

  @DetailsFor('death')
  @IsObject()
  @ValidateNested()
  @Type(() => DeathDetails)
  death?: DeathDetails;

  @DetailsFor('marriage')
  @IsObject()
  @ValidateNested()
  @Type(() => MarriageDetails)
  marriage?: MarriageDetails;

  @DetailsFor('guardianship')
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianshipDetails)
  guardianship?: GuardianshipDetails;

  @DetailsFor('parentageRecognition')
  @IsObject()
  @ValidateNested()
  @Type(() => ParentageRecognitionDetails)
  parentageRecognition?: ParentageRecognitionDetails;

  @DetailsFor('civilStatusChange')
  @IsObject()
  @ValidateNested()
  @Type(() => CivilStatusChangeDetails)
  civilStatusChange?: CivilStatusChangeDetails;

  @DetailsFor('decision')
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDetails)
  decision?: DecisionDetails;

  @DetailsFor('foreignRecording')
  @IsObject()
  @ValidateNested()
  @Type(() => ForeignRecordingDetails)
  foreignRecording?: ForeignRecordingDetails;

  @DetailsFor('maritalStatusCertificate')
  @IsObject()
  @ValidateNested()
  @Type(() => MaritalStatusCertificateDetails)
  maritalStatusCertificate?: MaritalStatusCertificateDetails;
}
