import { Module, type DynamicModule } from '@nestjs/common';
import type { HubConfig } from '../config/hub.config.js';
import { SoapAdapterModule } from '../adapters/soap/soap-adapter.module.js';
import { AdminUnitsModule } from './admin-units/admin-units.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { ClockModule } from './common/clock.module.js';
import { HubConfigModule } from './common/config/hub-config.module.js';
import { HubLoggerModule } from './common/logging/hub-logger.module.js';
import { DatabaseModule } from './database/database.module.js';
import { IntakeModule } from './intake/intake.module.js';
import { CsvModule } from '../adapters/csv/csv.module.js';
import { SqlServerModule } from '../adapters/sqlserver/sqlserver.module.js';
import { SoapPullModule } from '../adapters/soap-pull/soap-pull.module.js';
import { MappingModule } from './mapping/mapping.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { MatchReviewHttpModule } from './matching/review/match-review-http.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { RecordsModule } from './records/records.module.js';
import { PopulationModule } from './population/population.module.js';
import { RegisterModule } from './register/register.module.js';

/** The hub, composed from its capabilities. The database URL is resolved before (embedded or real). */
@Module({})
export class AppModule {
  static forRoot(config: HubConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HubConfigModule.forRoot(config),
        HubLoggerModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(databaseUrl, config.DB_POOL_SIZE),
        AdminUnitsModule,
        AuditModule,
        AuthModule,
        RegisterModule,
        IntakeModule,
        MonitoringModule,
        SoapAdapterModule,
        MappingModule,
        CsvModule,
        AlertsModule,
        RecordsModule,
        MatchingModule,
        PopulationModule.forRoot(config),
        ChangesModule,
        MatchReviewHttpModule,
        SqlServerModule,
        SoapPullModule,
      ],
    };
  }
}
