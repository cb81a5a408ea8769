import { Module } from '@nestjs/common';
import { RecordAccessService } from './record-access.service.js';
import { RecordsController } from './records.controller.js';

/** Officials' jurisdiction-scoped reads of the register. */
@Module({
  providers: [RecordAccessService],
  controllers: [RecordsController],
  exports: [RecordAccessService],
})
export class RecordsModule {}
