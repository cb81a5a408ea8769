import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { loadHubConfig } from '../../config/hub.config.js';
import { AppModule } from '../../src/app.module.js';
import { configureHubApp, HUB_APP_OPTIONS } from '../../src/bootstrap.js';
import { Clock, FixedClock } from '../../src/common/clock.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The whole hub on a fresh database of its own (copied from the migrated template). */
export async function startTestApp(
  options: {
    now?: Date;
    env?: Record<string, string>;
    /** Reuse a database (a restart); it is then not dropped on close. */
    databaseUrl?: string;
    override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<TestApp> {
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const config = loadHubConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DB_POOL_SIZE: '5',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    INTAKE_RECOVERY_AFTER_MS: '3600000',
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, db.url)] })
    .overrideProvider(Clock)
    .useValue(new FixedClock(options.now ?? new Date('2026-11-20T03:00:00Z')));
  const moduleRef = await (options.override ? options.override(builder) : builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(HUB_APP_OPTIONS);
  configureHubApp(app, config);
  await app.init();
  return {
    app,
    databaseUrl: db.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
