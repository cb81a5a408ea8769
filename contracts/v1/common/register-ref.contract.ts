import { IsDefined, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsAuthorityCode } from '../constraints/string-format.validators.js';
import { IsFullDate } from '../partial-date.js';

/**
 * Where the event stands in the paper register, the legal source of truth (Luật Hộ tịch 2014 Art. 58,
 * 60): when the database and the book differ, the database is corrected. Books close on 31 December,
 * so entry numbers restart per book and year: only authority + book + entry + date identify an entry.
 */
@JSONSchema({ description: 'Thông tin đăng ký trong Sổ hộ tịch' })
export class RegisterRef {
  @IsDefined()
  @IsAuthorityCode()
  @JSONSchema({ description: 'Mã cơ quan đăng ký' })
  authorityCode: string;

  /** As of the registration date: districts and pre-merger communes keep their names forever. */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @JSONSchema({ description: 'Tên cơ quan đăng ký tại ngày đăng ký' })
  authorityName: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  @JSONSchema({ description: 'Quyển số' })
  book: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  @JSONSchema({ description: 'Số' })
  entryNumber: string;

  @IsDefined()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày đăng ký' })
  registeredOn: string;
}
