import { Injectable } from '@nestjs/common';

/** How badly the simulated population database behaves, changeable at run time (admin API). */
export interface FaultSettings {
  /** Added before each request is processed (ms). */
  latencyMs: number;
  /** Share of requests that fail in processing (nacked and redelivered by the broker): 0..1. */
  errorRate: number;
  /** Share of requests silently swallowed: acknowledged, never answered: 0..1. */
  dropRate: number;
  /** Full outage: the simulator stops consuming; requests wait in the queue. */
  outage: boolean;
}

export type FaultDecision = 'PROCESS' | 'FAIL' | 'DROP';

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, dropRate: 0, outage: false };

export function checkFaultSettings(value: Partial<Record<keyof FaultSettings, unknown>>): string[] {
  const problems: string[] = [];
  const { latencyMs, errorRate, dropRate, outage } = value;
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 600_000)
  )
    problems.push('latencyMs must be an integer between 0 and 600000');
  for (const [name, rate] of [
    ['errorRate', errorRate],
    ['dropRate', dropRate],
  ] as const)
    if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)))
      problems.push(`${name} must be a number between 0 and 1`);
  if (outage !== undefined && typeof outage !== 'boolean') problems.push('outage must be true or false');
  return problems;
}

@Injectable()
export class FaultControls {
  private settings: FaultSettings = { ...NO_FAULTS };
  private readonly listeners: Array<(s: FaultSettings) => void> = [];

  constructor(private readonly random: () => number = Math.random) {}

  current(): FaultSettings {
    return { ...this.settings };
  }

  update(change: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...change };
    for (const l of this.listeners) l(this.current());
    return this.current();
  }

  onChange(listener: (s: FaultSettings) => void): void {
    this.listeners.push(listener);
  }

  /** One draw per delivery: drop first, then failure, else process. */
  decide(): FaultDecision {
    const r = this.random();
    if (r < this.settings.dropRate) return 'DROP';
    if (r < this.settings.dropRate + this.settings.errorRate) return 'FAIL';
    return 'PROCESS';
  }
}

/** Fault settings from the environment (SIM_LATENCY_MS, SIM_ERROR_RATE, SIM_DROP_RATE, SIM_OUTAGE). */
export function faultSettingsFromEnv(env: NodeJS.ProcessEnv): FaultSettings {
  const num = (name: string): number | undefined =>
    env[name] === undefined || env[name] === '' ? undefined : Number(env[name]);
  const raw = {
    latencyMs: num('SIM_LATENCY_MS'),
    errorRate: num('SIM_ERROR_RATE'),
    dropRate: num('SIM_DROP_RATE'),
    outage: env.SIM_OUTAGE === undefined ? undefined : env.SIM_OUTAGE === 'true',
  };
  const problems = checkFaultSettings(raw);
  if (problems.length > 0) throw new Error(`Invalid simulator fault settings:\n  ${problems.join('\n  ')}`);
  return {
    latencyMs: raw.latencyMs ?? 0,
    errorRate: raw.errorRate ?? 0,
    dropRate: raw.dropRate ?? 0,
    outage: raw.outage ?? false,
  };
}
