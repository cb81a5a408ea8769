import { beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../../contracts/v1/code-lists/role.enum.js';
import { loadMatchingConfig } from '../../../src/matching/scoring/matching-config.js';
import { MatchingService } from '../../../src/matching/matching.service.js';
import { loadGeneratorReferenceData, type GeneratorReferenceData } from '../index.js';
import { generateLabelledSet, type LabelledRecord } from './labelled-set.generator.js';
import { evaluateMatching } from './matching-evaluation.js';

describe('labelled matching sets and the evaluation harness', () => {
  let referenceData: GeneratorReferenceData;
  let set: LabelledRecord[];

  beforeAll(async () => {
    referenceData = await loadGeneratorReferenceData();
    set = generateLabelledSet({ referenceData, seed: 'spec', records: 3000 });
  });

  it('is reproducible from its seed', () => {
    const again = generateLabelledSet({ referenceData, seed: 'spec', records: 300 });
    const first = generateLabelledSet({ referenceData, seed: 'spec', records: 300 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('has about 20% duplicates, every corruption, twins and namesakes', () => {
    const kinds = new Map<string, number>();
    for (const r of set) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    const copies =
      (kinds.get('DUPLICATE') ?? 0) + (kinds.get('RESENT') ?? 0) + (kinds.get('RE_REGISTRATION') ?? 0);
    expect(copies / set.length).toBeCloseTo(0.2, 2);
    expect(kinds.get('TWIN')).toBe(90);
    expect(kinds.get('NAMESAKE')).toBe(90);
    const seen = new Set(set.flatMap((r) => r.corruptions));
    for (const c of [
      'DIACRITICS_LOST',
      'NFD',
      'THI_DROPPED',
      'HOANG_HUYNH',
      'TYPO',
      'DAY_MONTH_SWAPPED',
      'YEAR_ONLY',
      'OTHER_COMMUNE',
      'PIN_REMOVED',
      'PIN_ADDED',
    ])
      expect(seen).toContain(c);
  });

  it('twins share mother and birth date with their sibling but are another child', () => {
    const twin = set.find((r) => r.kind === 'TWIN' && r.corruptions.length === 0)!;
    const sibling = set.find((r) => r.entity === twin.twinFamily && r.kind === 'ORIGINAL')!;
    const person = (r: LabelledRecord, role: Role) => r.record.parties.find((p) => p.role === role)!.person;
    expect(person(twin, Role.MOTHER).fullName).toBe(person(sibling, Role.MOTHER).fullName);
    expect(twin.record.occurredOn).toBe(sibling.record.occurredOn);
    expect(person(twin, Role.CHILD).fullName).not.toBe(person(sibling, Role.CHILD).fullName);
  });

  it('the shipped configuration meets the issue’s targets on a held-out seed', async () => {
    const matching = new MatchingService(referenceData.units, loadMatchingConfig());
    const e = await evaluateMatching(set, matching);
    expect(e.trueLinks).toBeGreaterThan(550);
    expect(e.f1).toBeGreaterThanOrEqual(0.97);
    expect(e.twinsMerged).toBe(0);
    expect(e.reviewShare).toBeLessThanOrEqual(0.05);
  });

  it('the harness does count errors: a configuration that merges everything scores badly', async () => {
    const loose = loadMatchingConfig();
    const careless = new MatchingService(referenceData.units, {
      ...loose,
      eventTypes: Object.fromEntries(
        Object.entries(loose.eventTypes).map(([t, s]) => [t, { ...s, definite: -100, possible: -200 }]),
      ),
    });
    const e = await evaluateMatching(set, careless);
    expect(e.precision).toBeLessThan(0.97);
    expect(e.falsePositives).toBeGreaterThan(30);
    // Twins are kept apart by an event rule, not by the thresholds.
    expect(e.twinsMerged).toBe(0);
  });
});
