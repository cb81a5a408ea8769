import { IsDefined, IsEnum } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { GuardianshipAction } from '../code-lists/guardianship-action.enum.js';

@JSONSchema({ description: 'Thông tin riêng của việc giám hộ' })
export class GuardianshipDetails {
  @IsDefined()
  @IsEnum(GuardianshipAction)
  @JSONSchema({ description: 'Đăng ký, chấm dứt, thay đổi giám hộ hoặc giám sát việc giám hộ' })
  action: GuardianshipAction;
}
