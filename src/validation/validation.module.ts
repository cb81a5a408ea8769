import { Module } from '@nestjs/common';
import { RecordValidationService } from './record-validation.service.js';

/** Reference-data ports (UNIT_DIRECTORY, AUTHORITY_DIRECTORY) come from the global AdminUnitsModule. */
@Module({ providers: [RecordValidationService], exports: [RecordValidationService] })
export class ValidationModule {}
