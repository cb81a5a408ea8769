import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';

import { AmqpRequestConsumer } from './amqp-request.consumer.js';
import { FaultControls } from './fault-controls.js';
import { PopulationRegistry } from './population-registry.js';
import { SimulatorAdminController } from './simulator-admin.controller.js';
import type { SimulatorConfig } from './simulator.config.js';
import { migrateSimulatorSchema } from './simulator-schema.js';
import { SIMULATOR_CONFIG, SIMULATOR_POOL } from './simulator.tokens.js';

/**
 * The national population database, simulated: a NestJS application of its own (admin HTTP API) that
 * consumes the hub's requests from RabbitMQ. It imports nothing of the hub but the wire contract.
 */
@Module({})
export class PopulationSimulatorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly consumer: AmqpRequestConsumer,
    @Inject(SIMULATOR_POOL) private readonly pool: pg.Pool,
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
  ) {}

  static forRoot(config: SimulatorConfig): DynamicModule {
    return {
      module: PopulationSimulatorModule,
      controllers: [SimulatorAdminController],
      providers: [
        { provide: SIMULATOR_CONFIG, useValue: config },
        {
          provide: SIMULATOR_POOL,
          useFactory: () => {
            // Commits stay synchronous, like the hub's: the register it stands in for never issues a
            // number twice, and with asynchronous commits a database crash could forget an answer
            // already sent, then answer the redelivered request with a second number. Its batches
            // (one commit per delivery batch) make the flush cheap per message.
            const pool = new pg.Pool({
              connectionString: config.databaseUrl,
              max: config.poolSize,
            });
            // An idle connection cut by the server (restart, failover) must not end the process.
            pool.on('error', () => undefined);
            return pool;
          },
        },
        {
          provide: FaultControls,
          useFactory: () => {
            const faults = new FaultControls();
            faults.update(config.faults);
            return faults;
          },
        },
        {
          provide: PopulationRegistry,
          inject: [SIMULATOR_POOL],
          useFactory: (pool: pg.Pool) => new PopulationRegistry(pool, config.schema),
        },
        {
          provide: AmqpRequestConsumer,
          inject: [PopulationRegistry, FaultControls],
          useFactory: (registry: PopulationRegistry, faults: FaultControls) =>
            new AmqpRequestConsumer(config.amqpUrl, config.queuePrefix, config.prefetch, registry, faults),
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await migrateSimulatorSchema(this.pool, this.config.schema);
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.pool.end();
  }
}
