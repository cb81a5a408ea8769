import { Module, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { HubConfig } from '../../../config/hub.config.js';
import { MASK, PINO_REDACT_PATHS } from './personal-data.mask.js';

/** Structured JSON logs (pino) carrying the correlation id; personal data redacted; silent in tests. */
@Module({})
export class HubLoggerModule {
  static forRoot(config: HubConfig): DynamicModule {
    const level = config.LOG_LEVEL;
    return {
      module: HubLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            redact: { paths: PINO_REDACT_PATHS, censor: MASK },
            customProps: (req: IncomingMessage) => ({
              correlationId: (req as IncomingMessage & { correlationId?: string }).correlationId,
            }),
            serializers: {
              req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
            },
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
