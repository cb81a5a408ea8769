import { IsDefined, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

import { IsSourceId } from '../constraints/string-format.validators.js';

/** Which system sent the record and under which of its own ids: the key for idempotent resends. */
@JSONSchema({ description: 'Nguồn dữ liệu' })
export class SourceRef {
  @IsDefined()
  @IsSourceId()
  sourceId: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceRecordId: string;

  /** The source's own revision marker (row version, timestamp), when it has one. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sourceVersion?: string;
}
