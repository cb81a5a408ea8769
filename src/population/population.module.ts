import {
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

import type { HubConfig } from '../../config/hub.config.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PopulationRegistry } from '../population-simulator/population-registry.js';
import { migrateSimulatorSchema } from '../population-simulator/simulator-schema.js';
import { AmqpPopulationTransport } from './amqp-population.transport.js';
import { InProcessPopulationTransport } from './in-process-population.transport.js';
import { EventConfirmationService } from './event-confirmation.service.js';
import {
  PopulationConfirmationController,
  PopulationOperatorController,
  RegisterPopulationConfirmationController,
} from './population.controller.js';
import { loadPopulationOptions, type PopulationOptions } from './population.options.js';
import { PopulationReplyHandler } from './population-reply.handler.js';
import { PopulationStatusService } from './population-status.service.js';
import { PopulationTransport } from './population-transport.port.js';
import { POPULATION_OPTIONS } from './population.tokens.js';
import { OutboxRelayService } from './outbox-relay.service.js';

/** The embedded default keeps the in-process simulator's store in this schema of the hub's database. */
const EMBEDDED_SIMULATOR_SCHEMA = 'population_sim';

function transportFor(
  config: HubConfig,
  options: PopulationOptions,
  dataSource: DataSource,
): PopulationTransport {
  if (config.AMQP_URL)
    return new AmqpPopulationTransport(config.AMQP_URL, options.queuePrefix, options.replyConcurrency);
  const url = (dataSource.options as { url?: string }).url;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // an idle connection cut by the server is replaced, not fatal
  return new InProcessPopulationTransport(new PopulationRegistry(pool, EMBEDDED_SIMULATOR_SCHEMA), pool, () =>
    migrateSimulatorSchema(pool, EMBEDDED_SIMULATOR_SCHEMA),
  );
}

/**
 * The link to the national population database: outbox relay, reply handling, confirmation and
 * service-level API. RabbitMQ when AMQP_URL is set, else the simulator in process (DESIGN.md §6).
 */
@Module({})
export class PopulationModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly transport: PopulationTransport,
    private readonly replies: PopulationReplyHandler,
  ) {}

  static forRoot(config: HubConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const options = loadPopulationOptions(env);
    return {
      module: PopulationModule,
      imports: [AuditModule, AuthModule],
      controllers: [
        PopulationConfirmationController,
        RegisterPopulationConfirmationController,
        PopulationOperatorController,
      ],
      providers: [
        { provide: POPULATION_OPTIONS, useValue: options },
        {
          provide: PopulationTransport,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => transportFor(config, options, dataSource),
        },
        PopulationReplyHandler,
        PopulationStatusService,
        OutboxRelayService,
        EventConfirmationService,
      ],
      exports: [
        PopulationStatusService,
        EventConfirmationService,
        PopulationReplyHandler,
        OutboxRelayService,
        PopulationTransport,
      ],
    };
  }

  /** Replies are consumed before the relay's first round (Nest bootstraps imported modules first). */
  async onApplicationBootstrap(): Promise<void> {
    await this.transport.start(async (raws) => {
      await this.replies.handleBatch(raws);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.stop();
  }
}
