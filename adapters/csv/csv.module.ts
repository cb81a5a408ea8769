import { Module } from '@nestjs/common';
import { AuthModule } from '../../src/auth/auth.module.js';
import { IntakeModule } from '../../src/intake/intake.module.js';
import { MappingModule } from '../../src/mapping/mapping.module.js';
import { CSV_ADAPTER_OPTIONS, resolveCsvAdapterOptions } from './csv-adapter.options.js';
import { CsvController } from './csv.controller.js';
import { CsvDropFolderService } from './csv-drop-folder.service.js';
import { CsvJobRecoveryService } from './csv-job-recovery.service.js';
import { CsvImportService } from './csv-import.service.js';
import { CsvJobRepository } from './csv-job.repository.js';
import { CsvJobsService } from './csv-jobs.service.js';
import { CsvUploadService } from './csv-upload.service.js';

/**
 * The CSV adapter: uploads over HTTP and watched drop folders, each file a job; rows mapped with the
 * source's mapping and handed to intake. Owns csv-parse and busboy; never touches the register.
 */
@Module({
  imports: [AuthModule, IntakeModule, MappingModule],
  controllers: [CsvController],
  providers: [
    { provide: CSV_ADAPTER_OPTIONS, useFactory: () => resolveCsvAdapterOptions() },
    CsvJobRepository,
    CsvImportService,
    CsvJobsService,
    CsvUploadService,
    CsvDropFolderService,
    CsvJobRecoveryService,
  ],
  exports: [CsvImportService, CsvJobsService, CsvDropFolderService, CsvJobRecoveryService],
})
export class CsvModule {}
