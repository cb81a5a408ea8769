import 'reflect-metadata';
import { loadSimulatorConfig } from './simulator.config.js';
import { startPopulationSimulator } from './start-simulator.js';

// `npm run simulator`: the national population database simulator as its own process.
const config = loadSimulatorConfig();
await startPopulationSimulator(config);
process.stdout.write(
  `Population-database simulator: admin API http://127.0.0.1:${config.port}/admin/faults, queue ${config.queuePrefix}.requests, schema ${config.schema}\n`,
);
