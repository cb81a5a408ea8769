import { Module } from '@nestjs/common';
import { AuthModule } from '../../src/auth/auth.module.js';
import { IntakeModule } from '../../src/intake/intake.module.js';
import { MappingModule } from '../../src/mapping/mapping.module.js';
import { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { connectLegacySql } from './legacy-sql.connector.js';
import { LEGACY_SQL_CONNECTOR } from './legacy-sql.driver.js';
import { SqlAdapterController } from './sql-adapter.controller.js';
import { resolveSqlAdapterOptions, SQL_ADAPTER_ENV, SQL_ADAPTER_OPTIONS } from './sql-adapter.options.js';
import { SqlPollCheckpointRepository } from './sql-poll-checkpoint.repository.js';
import { SqlPollPlans } from './sql-poll-plans.js';
import { SqlPollScheduler } from './sql-poll.scheduler.js';
import { SqlPollerService } from './sql-poller.service.js';

/**
 * The SQL Server adapter: polls provinces' legacy databases (read-only) with the queries and
 * watermarks of mappings/<source-id>/poll.yaml, maps the rows and hands them to intake. Owns the
 * mssql driver; never touches the register.
 */
@Module({
  imports: [AuthModule, IntakeModule, MappingModule],
  controllers: [SqlAdapterController],
  providers: [
    { provide: SQL_ADAPTER_OPTIONS, useFactory: () => resolveSqlAdapterOptions() },
    { provide: SQL_ADAPTER_ENV, useValue: process.env },
    { provide: LEGACY_SQL_CONNECTOR, useValue: connectLegacySql },
    {
      provide: SqlPollPlans,
      useFactory: (mappings: MappingRegistry) => SqlPollPlans.load(mappings),
      inject: [MappingRegistry],
    },
    SqlPollCheckpointRepository,
    SqlPollerService,
    SqlPollScheduler,
  ],
  exports: [SqlPollerService, SqlPollScheduler, SqlPollCheckpointRepository],
})
export class SqlServerModule {}
