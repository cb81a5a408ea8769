import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AmqpRequestConsumer } from './amqp-request.consumer.js';
import { FaultControls } from './fault-controls.js';
import type { SimulatorConfig } from './simulator.config.js';
import { PopulationSimulatorModule } from './simulator.module.js';

export interface RunningSimulator {
  app: INestApplication;
  faults: FaultControls;
  consumer: AmqpRequestConsumer;
  close(): Promise<void>;
}

/** Starts the simulator (its HTTP admin API on config.port; 0 picks a free port). Used by main and tests. */
export async function startPopulationSimulator(
  config: SimulatorConfig,
  options: { logger?: false } = {},
): Promise<RunningSimulator> {
  const app = await NestFactory.create(PopulationSimulatorModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  return {
    app,
    faults: app.get(FaultControls),
    consumer: app.get(AmqpRequestConsumer),
    close: () => app.close(),
  };
}
