import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsNonEmptyPlace, Place } from '../common/place.contract.js';
import { IsTimeOfDay } from '../constraints/string-format.validators.js';
import { DeathNotice } from './death-notice.contract.js';

/** The date of death is the record's `occurredOn`. */
@JSONSchema({ description: 'Thông tin riêng của việc khai tử' })
export class DeathDetails {
  @IsOptional()
  @IsTimeOfDay()
  @JSONSchema({ description: 'Giờ chết (HH:mm)' })
  timeOfDeath?: string;

  @IsOptional()
  @IsNonEmptyPlace()
  @IsObject()
  @ValidateNested()
  @Type(() => Place)
  @JSONSchema({ description: 'Nơi chết' })
  placeOfDeath?: Place;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @JSONSchema({ description: 'Nguyên nhân chết' })
  cause?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeathNotice)
  deathNotice?: DeathNotice;
}
