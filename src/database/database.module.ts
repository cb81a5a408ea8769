import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { TableStatisticsService } from './table-statistics.service.js';

/**
 * The register's connection. Migrations run at start-up, so a hub started on an empty database
 * (the embedded default or a fresh server) is ready to serve. The planner's statistics of the
 * hub's tables are kept current as they grow (TableStatisticsService).
 */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url, poolSize), migrationsRun: true })],
      providers: [TableStatisticsService],
      exports: [TableStatisticsService],
    };
  }
}
