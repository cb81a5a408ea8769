import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { Role } from '../code-lists/role.enum.js';
import { Person } from './person.contract.js';

/** A person in a role. The same person appears once per role (a mother who also declares: twice). */
@JSONSchema({ description: 'Người liên quan đến sự kiện hộ tịch, theo vai trò' })
export class Party {
  @IsDefined()
  @IsEnum(Role)
  @JSONSchema({ description: 'Vai trò' })
  role: Role;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Person)
  person: Person;

  /** As the form words it, e.g. the declarant's relation to the child: 'Mẹ', 'Bà nội'. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @JSONSchema({ description: 'Quan hệ với người được đăng ký' })
  relationship?: string;
}
