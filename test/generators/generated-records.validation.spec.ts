import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { validateCivilStatusRecord } from '../../contracts/v1/validate-record.js';
import { RecordValidationService } from '../../src/validation/record-validation.service.js';
import { DEFECT_KINDS, type DefectKind, type GeneratedRecord } from './generated-record.model.js';
import { loadGeneratorReferenceData, type GeneratorReferenceData } from './generator-reference.loader.js';
import { createRecordGenerator, type RecordGeneratorOptions } from './record.generator.js';

// The generator's promise checked against the hub itself: valid records pass the contract and the
// domain rules (real reference data, fixed clock); each broken record fails with the code it declares.

const SOURCE = 'test-source';

interface Scenario {
  readonly name: string;
  readonly today: string;
  readonly options: Partial<RecordGeneratorOptions>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'Tuyên Quang (08, Hà Giang merged in), last two years',
    today: '2026-11-20',
    options: { provinceCode: '08' },
  },
  {
    name: 'Hồ Chí Minh City since 2014 (Sở Tư pháp era)',
    today: '2026-11-20',
    options: { provinceCode: '79', registeredFrom: '2014-01-01' },
  },
  { name: 'any province, seen from before the 2025 merger', today: '2025-03-01', options: {} },
];

describe('generated records pass the contract (validateCivilStatusRecord)', () => {
  let referenceData: GeneratorReferenceData;

  beforeAll(async () => {
    referenceData = await loadGeneratorReferenceData();
  });

  it.each(Object.values(EventType))('2,000 %s records are structurally valid', async (eventType) => {
    const generator = createRecordGenerator({
      referenceData,
      seed: `structure-${eventType}`,
      sourceId: SOURCE,
      eventTypes: [eventType],
    });
    const failures: string[] = [];
    for (const generated of generator.take(2_000)) {
      const { errors } = await validateCivilStatusRecord(generated.record);
      if (errors.length > 0) failures.push(`${generated.sourceRecordId}: ${JSON.stringify(errors)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe.each(SCENARIOS)('generated records against the hub’s domain rules: $name', ({ today, options }) => {
  let referenceData: GeneratorReferenceData;
  let service: RecordValidationService;

  beforeAll(async () => {
    referenceData = await loadGeneratorReferenceData({ today });
    service = new RecordValidationService(
      referenceData.clock,
      referenceData.units,
      referenceData.authorities,
    );
  });

  async function check(
    records: Iterable<GeneratedRecord>,
  ): Promise<{ failures: string[]; defects: Set<DefectKind> }> {
    const failures: string[] = [];
    const defects = new Set<DefectKind>();
    for (const generated of records) {
      const result = await service.validate(generated.record, {
        sourceId: SOURCE,
        provinceCode: generated.provinceCode,
      });
      if (generated.expectValid) {
        if (!result.ok)
          failures.push(`${generated.sourceRecordId} should pass: ${JSON.stringify(result.errors)}`);
        continue;
      }
      defects.add(generated.defect);
      const codes = result.ok ? [] : result.errors.map((e) => e.code);
      if (!codes.includes(generated.expectedErrorCode)) {
        failures.push(
          `${generated.sourceRecordId} ${generated.defect} should fail with ${generated.expectedErrorCode}, got [${codes.join(', ')}]`,
        );
      }
    }
    return { failures, defects };
  }

  it('accepts every valid record and refuses every broken one, for each event type', async () => {
    const failures: string[] = [];
    for (const eventType of Object.values(EventType)) {
      const generator = createRecordGenerator({
        referenceData,
        seed: `domain-${eventType}`,
        sourceId: SOURCE,
        eventTypes: [eventType],
        invalidShare: 0.3,
        ...options,
      });
      failures.push(...(await check(generator.take(120))).failures);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('does so for 2,000 records of the default mix, exercising every applicable defect', async () => {
    const generator = createRecordGenerator({
      referenceData,
      seed: 'domain-mix',
      sourceId: SOURCE,
      invalidShare: 0.3,
      ...options,
    });
    const { failures, defects } = await check(generator.take(2_000));
    expect(failures).toEqual([]);
    // Before 2025-07-01 no unit or authority can yet have expired; without a bound province no
    // record can lie outside it.
    const inapplicable = new Set<DefectKind>([
      ...(today < referenceData.reorganisationDate
        ? (['UNIT_NOT_VALID_ON_DATE', 'AUTHORITY_NOT_VALID_ON_DATE'] as const)
        : []),
      ...(options.provinceCode === undefined ? (['OUTSIDE_SOURCE_PROVINCE'] as const) : []),
    ]);
    const expected = DEFECT_KINDS.filter((defect) => !inapplicable.has(defect));
    expect([...defects].sort()).toEqual([...expected].sort());
  }, 60_000);
});
