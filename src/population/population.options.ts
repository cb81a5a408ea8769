/**
 * Settings of the population-database link, from the environment, checked at start-up (a wrong
 * value stops the hub with the variable's name). Durations in milliseconds.
 */
export interface PopulationOptions {
  /** Queue names are `<prefix>.requests` / `<prefix>.replies`. */
  queuePrefix: string;
  /** Relay rows claimed per round. */
  batchSize: number;
  /** Pause between rounds when nothing was due. */
  pollMs: number;
  /** Time to wait for a reply after a publish before sending again (doubles per attempt, jittered). */
  replyTimeoutMs: number;
  /** First delay after a failed publish (doubles per attempt, jittered), and the cap of all delays. */
  retryBaseMs: number;
  retryCapMs: number;
  /** After this many attempts, or this age, a message goes DEAD. */
  maxAttempts: number;
  maxAgeMs: number;
  /** Unconfirmed past this age is a warning; past slaBreachMs a service-level breach (12 hours). */
  slaWarningMs: number;
  slaBreachMs: number;
  /** Replies handled at once (AMQP prefetch). */
  replyConcurrency: number;
  /** Turn the relay off in a process (an API-only process); replies are still consumed. */
  relayEnabled: boolean;
}

const INT_SETTINGS: ReadonlyArray<[keyof PopulationOptions, string, number, number, number]> = [
  ['batchSize', 'POPULATION_BATCH_SIZE', 500, 1, 10_000],
  ['pollMs', 'POPULATION_POLL_MS', 200, 10, 60_000],
  ['replyTimeoutMs', 'POPULATION_REPLY_TIMEOUT_MS', 30_000, 100, 86_400_000],
  ['retryBaseMs', 'POPULATION_RETRY_BASE_MS', 1_000, 10, 86_400_000],
  ['retryCapMs', 'POPULATION_RETRY_CAP_MS', 600_000, 100, 86_400_000],
  ['maxAttempts', 'POPULATION_MAX_ATTEMPTS', 10, 1, 1_000],
  ['maxAgeMs', 'POPULATION_MAX_AGE_MS', 6 * 3_600_000, 1_000, 30 * 86_400_000],
  ['slaWarningMs', 'POPULATION_SLA_WARNING_MS', 3_600_000, 1_000, 86_400_000],
  ['slaBreachMs', 'POPULATION_SLA_BREACH_MS', 12 * 3_600_000, 1_000, 30 * 86_400_000],
  ['replyConcurrency', 'POPULATION_REPLY_CONCURRENCY', 64, 1, 1_000],
];

export function loadPopulationOptions(env: NodeJS.ProcessEnv = process.env): PopulationOptions {
  const problems: string[] = [];
  const values: Record<string, number> = {};
  for (const [key, name, fallback, min, max] of INT_SETTINGS) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${name} must be an integer between ${min} and ${max}`);
    values[key] = value;
  }
  const queuePrefix = env.POPULATION_QUEUE_PREFIX ?? 'population';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(queuePrefix))
    problems.push('POPULATION_QUEUE_PREFIX may hold only letters, digits, ".", "_" and "-"');
  const relay = env.POPULATION_RELAY_ENABLED ?? 'true';
  if (relay !== 'true' && relay !== 'false') problems.push('POPULATION_RELAY_ENABLED must be true or false');
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    ...(values as unknown as Omit<PopulationOptions, 'queuePrefix' | 'relayEnabled'>),
    queuePrefix,
    relayEnabled: relay === 'true',
  };
}
