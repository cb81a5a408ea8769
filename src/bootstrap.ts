import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { HubConfig } from '../config/hub.config.js';
import { AppModule } from './app.module.js';
import { concurrencyLimit } from './common/http/concurrency-limit.middleware.js';
import { correlationIdMiddleware } from './common/http/correlation-id.middleware.js';
import { HubExceptionFilter } from './common/http/hub-exception.filter.js';
import { securityHeaders } from './common/http/security-headers.middleware.js';

/** A batch is at most 1,000 records and 10 MB; larger gets 413 with a clear message. */
export const MAX_BODY = '10mb';

/**
 * The body parser is installed by configureHubApp (with its limits); `rawBody` keeps a JSON body's
 * bytes beside the parsed value for the request's life, which intake stores per record.
 */
export const HUB_APP_OPTIONS = { bodyParser: false, rawBody: true, bufferLogs: true } as const;

/** Builds the HTTP application as main.ts serves it. */
export async function createHubApp(config: HubConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    HUB_APP_OPTIONS,
  );
  configureHubApp(app, config);
  return app;
}

/** Everything around the modules: logging, limits, errors, OpenAPI. Shared with the e2e tests. */
export function configureHubApp(app: NestExpressApplication, config: HubConfig): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(correlationIdMiddleware);
  app.use(securityHeaders({ hsts: config.NODE_ENV === 'production' }));
  // CORS stays closed (no Access-Control-* headers) unless origins are configured.
  if (config.CORS_ORIGINS)
    app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()), credentials: false });
  // Before the body parser, so that waiting batches are not read into memory yet.
  app.use('/api/v1/intake/records', concurrencyLimit(config.INTAKE_MAX_CONCURRENT_BATCHES));
  // The app is created with rawBody (HUB_APP_OPTIONS): intake stores each record's bytes as sent.
  app.useBodyParser('json', { limit: MAX_BODY, strict: true });
  app.useGlobalFilters(new HubExceptionFilter());
  const openApi = new DocumentBuilder()
    .setTitle('Civil-status integration hub (Hệ thống tích hợp dữ liệu hộ tịch)')
    .setDescription('Tiếp nhận, kiểm tra và lưu trữ dữ liệu hộ tịch từ các hệ thống nguồn.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
}
