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
            // synchronous_commit off on the simulator's own connections only: it stands in for an
            // outside system whose durability is not the hub's, and its answers are idempotent by
            // message id. A server crash could lose its last fraction of a second of answers; the
            // hub then sees a second number for a birth as NUMBER_CONFLICT (dead letter, operator).
            // The hub's own connections keep synchronous commits.
            const pool = new pg.Pool({
              connectionString: config.databaseUrl,
              max: config.poolSize,
              options: '-c synchronous_commit=off',
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
