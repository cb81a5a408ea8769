import { IsBoolean, IsOptional } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsFullDate } from '../partial-date.js';

@JSONSchema({ description: 'Thông tin riêng của việc kết hôn' })
export class MarriageDetails {
  /** Usually the registration date; earlier for a de facto marriage recognised later. */
  @IsOptional()
  @IsFullDate()
  @JSONSchema({ description: 'Ngày xác lập quan hệ hôn nhân' })
  establishedOn?: string;

  /** A foreign spouse, or both living abroad: before 1 July 2025 the district registered these, not the commune. */
  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Kết hôn có yếu tố nước ngoài' })
  foreignElement?: boolean;
}
