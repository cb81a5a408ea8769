import { dirname } from 'node:path';
import type { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { loadPollPlan } from './poll-plan.loader.js';
import type { PollPlan } from './poll-plan.model.js';

/** The poll plans of every source whose mapping folder has a poll.yaml, checked at start-up. */
export class SqlPollPlans {
  constructor(private readonly plans: ReadonlyMap<string, PollPlan>) {}

  static async load(mappings: MappingRegistry): Promise<SqlPollPlans> {
    const plans = new Map<string, PollPlan>();
    for (const sourceId of mappings.sourceIds()) {
      const { spec } = mappings.get(sourceId);
      const plan = await loadPollPlan(dirname(spec.file), spec);
      if (plan !== undefined) plans.set(sourceId, plan);
    }
    return new SqlPollPlans(plans);
  }

  get(sourceId: string): PollPlan | undefined {
    return this.plans.get(sourceId);
  }

  all(): PollPlan[] {
    return [...this.plans.values()];
  }
}
