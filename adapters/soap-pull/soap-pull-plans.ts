import { dirname } from 'node:path';
import type { MappingRegistry } from '../../src/mapping/mapping-registry.service.js';
import { loadPullPlan } from './pull-plan.loader.js';
import type { PullPlan } from './pull-plan.model.js';

/** The pull plans of every source whose mapping folder has a pull.yaml, checked at start-up. */
export class SoapPullPlans {
  constructor(private readonly plans: ReadonlyMap<string, PullPlan>) {}

  static async load(mappings: MappingRegistry): Promise<SoapPullPlans> {
    const plans = new Map<string, PullPlan>();
    for (const sourceId of mappings.sourceIds()) {
      const { spec } = mappings.get(sourceId);
      const plan = await loadPullPlan(dirname(spec.file), spec);
      if (plan !== undefined) plans.set(sourceId, plan);
    }
    return new SoapPullPlans(plans);
  }

  get(sourceId: string): PullPlan | undefined {
    return this.plans.get(sourceId);
  }

  all(): PullPlan[] {
    return [...this.plans.values()];
  }
}
