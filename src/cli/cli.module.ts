import { Module, type DynamicModule } from '@nestjs/common';
import type { HubConfig } from '../../config/hub.config.js';
import { AdminUnitsModule } from '../admin-units/admin-units.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ClockModule } from '../common/clock.module.js';
import { HubConfigModule } from '../common/config/hub-config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { MatchingModule } from '../matching/matching.module.js';

/** What the command-line tool needs: the database (migrated) and the account services, no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: HubConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        HubConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(databaseUrl, 2),
        AdminUnitsModule,
        AuditModule,
        AuthModule,
        AlertsModule,
        MatchingModule,
      ],
    };
  }
}
