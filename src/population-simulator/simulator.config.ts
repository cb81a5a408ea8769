import { faultSettingsFromEnv, type FaultSettings } from './fault-controls.js';

/** The simulator's settings, from its own environment (it is a separate process). */
export interface SimulatorConfig {
  amqpUrl: string;
  databaseUrl: string;
  /** Its own PostgreSQL schema; the hub's tables are never touched. */
  schema: string;
  queuePrefix: string;
  port: number;
  /** 127.0.0.1 by default; 0.0.0.0 in a container. */
  host: string;
  prefetch: number;
  /** PostgreSQL connections: each request is one short transaction of a few round trips. */
  poolSize: number;
  faults: FaultSettings;
}

export function loadSimulatorConfig(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const problems: string[] = [];
  const amqpUrl = env.AMQP_URL ?? '';
  if (!/^amqps?:\/\/\S+$/.test(amqpUrl)) problems.push('AMQP_URL must be an amqp:// URL');
  const databaseUrl = env.SIMULATOR_DATABASE_URL ?? env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\/\S+$/.test(databaseUrl))
    problems.push('SIMULATOR_DATABASE_URL (or DATABASE_URL) must be a postgres:// URL');
  const schema = env.SIMULATOR_SCHEMA ?? 'population_sim';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    problems.push('SIMULATOR_SCHEMA must be a lower-case SQL identifier');
  const queuePrefix = env.POPULATION_QUEUE_PREFIX ?? 'population';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(queuePrefix))
    problems.push('POPULATION_QUEUE_PREFIX: letters, digits, . _ -');
  const port = Number(env.SIMULATOR_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push('SIMULATOR_PORT must be a port number');
  const prefetch = Number(env.SIMULATOR_PREFETCH ?? 200);
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 10_000)
    problems.push('SIMULATOR_PREFETCH: 1..10000');
  const poolSize = Number(env.SIMULATOR_POOL_SIZE ?? 32);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200)
    problems.push('SIMULATOR_POOL_SIZE: 1..200');
  let faults: FaultSettings | undefined;
  try {
    faults = faultSettingsFromEnv(env);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length > 0 || !faults)
    throw new Error(`Invalid simulator configuration:\n  ${problems.join('\n  ')}`);
  const host = env.SIMULATOR_HOST ?? '127.0.0.1';
  return { amqpUrl, databaseUrl, schema, queuePrefix, port, host, prefetch, poolSize, faults };
}
