import { IsDefined, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** The civil-status officer (công chức tư pháp - hộ tịch) who handled the registration. */
@JSONSchema({ description: 'Người thực hiện' })
export class Officer {
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}
