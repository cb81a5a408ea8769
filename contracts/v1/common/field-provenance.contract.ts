import { IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * Where a standard field came from when the mapping transformed it, so an official can see that
 * '2019-03-05' was '05/03/19' in column NGAYSINH decoded from TCVN3.
 */
@JSONSchema({ description: 'Nguồn gốc của một trường sau khi chuyển đổi' })
export class FieldProvenance {
  /** Standard field path, e.g. 'parties[0].person.birthDate'. */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  path: string;

  /** The source's field path or column, e.g. 'HoSo/NguoiDuocKS/NgaySinh' or 'NGAYSINH'. */
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  sourcePath: string;

  /** The mapping step applied, e.g. 'date:dd/MM/yy', 'codeTable:sex', 'encoding:tcvn3'. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  transform?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  originalValue?: string;
}
