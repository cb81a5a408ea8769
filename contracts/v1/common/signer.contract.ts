import { IsDefined, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** Printed on every certificate with the signer's position, e.g. 'Chủ tịch UBND xã'. */
@JSONSchema({ description: 'Người ký' })
export class Signer {
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @JSONSchema({ description: 'Chức vụ' })
  position: string;
}
