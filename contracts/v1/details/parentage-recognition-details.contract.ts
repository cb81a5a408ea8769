import { IsDefined, IsEnum } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { ParentageRecognitionKind } from '../code-lists/parentage-recognition-kind.enum.js';

@JSONSchema({ description: 'Thông tin riêng của việc nhận cha, mẹ, con' })
export class ParentageRecognitionDetails {
  @IsDefined()
  @IsEnum(ParentageRecognitionKind)
  kind: ParentageRecognitionKind;
}
