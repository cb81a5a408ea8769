import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { RegistrationKind } from '../../contracts/v1/code-lists/registration-kind.enum.js';
import { SOURCE_ID_PATTERN } from '../../contracts/v1/constraints/string-format.validators.js';
import { AdminUnitPicker } from './admin-unit.picker.js';
import { buildBirth } from './birth-record.builder.js';
import { addDays, addYears } from './calendar-date.util.js';
import { buildCivilStatusChange } from './civil-status-change.builder.js';
import { buildDeath } from './death-record.builder.js';
import { buildDecision } from './decision-record.builder.js';
import { DEFAULT_EVENT_MIX, DEFAULT_RE_REGISTRATION_SHARE } from './domain-figures.data.js';
import { buildGuardianship, buildParentageRecognition } from './family-record.builder.js';
import { buildForeignRecording } from './foreign-recording.builder.js';
import { DEFECT_KINDS, type DefectKind, type GeneratedRecord } from './generated-record.model.js';
import type { GeneratorReferenceData } from './generator-reference.loader.js';
import { buildMaritalStatusCertificate } from './marital-status-certificate.builder.js';
import { buildMarriage } from './marriage-record.builder.js';
import { PersonFactory } from './person.factory.js';
import { PersonNameGenerator } from './person-name.generator.js';
import { PersonalIdIssuer } from './personal-id.issuer.js';
import { PlaceFactory } from './place.factory.js';
import type { RecordBuilder, RecordContext } from './record-builder.context.js';
import { RecordDefectInjector } from './record-defect.injector.js';
import { RecordEnvelopeFactory } from './record-envelope.factory.js';
import { RegisteringAuthorityPicker } from './registering-authority.picker.js';
import { SeededRandom, type Seed } from './seeded-random.util.js';
import { WeightedTable } from './weighted-table.util.js';

/** An event type as the enum or as its plain string ('BIRTH'), so callers need not import the enum. */
export type EventTypeName = EventType | `${EventType}`;

export type ReRegistrableEventType = 'BIRTH' | 'MARRIAGE' | 'DEATH';

export interface RecordGeneratorOptions {
  /** From loadGeneratorReferenceData(): the hub's own units and authorities. */
  referenceData: GeneratorReferenceData;
  seed: Seed;
  /** The hub's id of the sending system, e.g. 'hn-legacy-soap'. */
  sourceId: string;
  /** Today's province code ('01'): only records a source of that province may submit. */
  provinceCode?: string;
  /** YYYY-MM-DD; default the reference data's today. The hub must use the same day. */
  today?: string;
  /** First registration date; default two years before today. */
  registeredFrom?: string;
  /** 0..1: share of records broken in one way each. */
  invalidShare?: number;
  /** Which defects to draw from; default all. */
  defects?: readonly DefectKind[];
  /** Only these event types, in their default proportions. */
  eventTypes?: readonly EventTypeName[];
  /** Relative weights replacing the default mix (DOMAIN.md §8) for the types given. */
  eventMix?: Partial<Record<`${EventType}`, number>>;
  /** Share of re-registrations among births (default 0.237), marriages and deaths. */
  reRegistrationShare?: Partial<Record<ReRegistrableEventType, number>>;
  /** Share of newborns that already have a personal ID number at registration (default 0.1). */
  childPinShare?: number;
  /** Running number of the first source record id (default 1), to keep ids apart across runs. */
  firstSequence?: number;
}

export interface RecordGenerator {
  next(): GeneratedRecord;
  /** `count` records, one at a time: nothing is kept but the uniqueness bookkeeping. */
  take(count: number): Generator<GeneratedRecord, void, undefined>;
  /** `count` records in arrays of `size` (the last may be shorter), e.g. for batched POSTs. */
  batches(count: number, size: number): Generator<GeneratedRecord[], void, undefined>;
}

const BUILDERS: Readonly<Record<EventType, RecordBuilder>> = {
  [EventType.BIRTH]: buildBirth,
  [EventType.DEATH]: buildDeath,
  [EventType.MARRIAGE]: buildMarriage,
  [EventType.GUARDIANSHIP]: buildGuardianship,
  [EventType.PARENTAGE_RECOGNITION]: buildParentageRecognition,
  [EventType.CIVIL_STATUS_CHANGE]: buildCivilStatusChange,
  [EventType.NATIONALITY_CHANGE]: buildDecision,
  [EventType.PARENTAGE_DETERMINATION]: buildDecision,
  [EventType.SEX_REDETERMINATION]: buildDecision,
  [EventType.ADOPTION]: buildDecision,
  [EventType.ADOPTION_TERMINATION]: buildDecision,
  [EventType.DIVORCE]: buildDecision,
  [EventType.MARRIAGE_ANNULMENT]: buildDecision,
  [EventType.MARRIAGE_RECOGNITION]: buildDecision,
  [EventType.GUARDIANSHIP_RECOGNITION]: buildDecision,
  [EventType.DECLARATION_MISSING]: buildDecision,
  [EventType.DECLARATION_DEAD]: buildDecision,
  [EventType.DECLARATION_LEGAL_CAPACITY]: buildDecision,
  [EventType.DECLARATION_CANCELLATION]: buildDecision,
  [EventType.FOREIGN_RECORDING]: buildForeignRecording,
  [EventType.MARITAL_STATUS_CERTIFICATE]: buildMaritalStatusCertificate,
};

/**
 * Realistic standard-format records from a seed: the same options and seed give byte-identical
 * JSON. Reference data is loaded once by the caller (it is async); generating is synchronous.
 */
export function createRecordGenerator(options: RecordGeneratorOptions): RecordGenerator {
  const settings = resolve(options);
  const random = new SeededRandom(options.seed);
  const units = new AdminUnitPicker(options.referenceData, settings.today, options.provinceCode);
  const names = new PersonNameGenerator(random);
  const pins = new PersonalIdIssuer(random);
  const ctx: RecordContext = {
    random,
    settings: {
      today: settings.today,
      reorganisationDate: options.referenceData.reorganisationDate,
      childPinShare: settings.childPinShare,
    },
    units,
    authorities: new RegisteringAuthorityPicker(options.referenceData, units),
    names,
    people: new PersonFactory(random, names, pins),
    places: new PlaceFactory(random, units),
    envelope: new RecordEnvelopeFactory(random, names, options.sourceId, settings.firstSequence),
  };
  const defects = new RecordDefectInjector(
    { random, today: settings.today, reference: options.referenceData, units, pins },
    settings.defects,
  );

  const next = (): GeneratedRecord => {
    const eventType = settings.mix.pick(random);
    const reShare = settings.reRegistrationShare.get(eventType) ?? 0;
    const registrationKind =
      reShare > 0 && random.chance(reShare) ? RegistrationKind.RE_REGISTRATION : RegistrationKind.FIRST;
    const registeredOn = random.dateBetween(settings.registeredFrom, settings.today);
    const built = BUILDERS[eventType](ctx, { eventType, registrationKind, registeredOn });
    const { record, authority, timeliness } = built;
    const sourceRecordId = record.source.sourceRecordId;
    const provinceCode = authority.currentProvinceCode;
    const broken =
      settings.invalidShare > 0 && random.chance(settings.invalidShare) ? defects.inject(record) : undefined;
    if (broken === undefined)
      return { eventType, sourceRecordId, provinceCode, timeliness, expectValid: true, record };
    const { defect, expectedErrorCode } = broken;
    return {
      eventType,
      sourceRecordId,
      provinceCode,
      timeliness,
      expectValid: false,
      record: broken.record,
      defect,
      expectedErrorCode,
    };
  };

  return {
    next,
    *take(count: number) {
      for (let i = 0; i < count; i += 1) yield next();
    },
    *batches(count: number, size: number) {
      if (size < 1) throw new RangeError('batch size must be at least 1');
      for (let done = 0; done < count; done += size) {
        const batch: GeneratedRecord[] = [];
        for (let i = 0; i < size && done + i < count; i += 1) batch.push(next());
        yield batch;
      }
    },
  };
}

/** Births only, e.g. for the intake benchmark: `for (const batch of generateBirths(...).batches(...))`. */
export function generateBirths(
  count: number,
  options: Omit<RecordGeneratorOptions, 'eventTypes' | 'eventMix'>,
): Generator<GeneratedRecord, void, undefined> {
  return createRecordGenerator({ ...options, eventTypes: [EventType.BIRTH] }).take(count);
}

interface ResolvedSettings {
  today: string;
  registeredFrom: string;
  invalidShare: number;
  defects: readonly DefectKind[];
  mix: WeightedTable<EventType>;
  /** Births, marriages and deaths only: the contract refuses re-registration of anything else. */
  reRegistrationShare: ReadonlyMap<EventType, number>;
  childPinShare: number;
  firstSequence: number;
}

function resolve(options: RecordGeneratorOptions): ResolvedSettings {
  const today = options.today ?? options.referenceData.today;
  const registeredFrom = options.registeredFrom ?? addDays(addYears(today, -2), 1);
  const invalidShare = options.invalidShare ?? 0;
  if (!SOURCE_ID_PATTERN.test(options.sourceId))
    throw new RangeError(`sourceId "${options.sourceId}" is not a valid source id`);
  if (!(invalidShare >= 0 && invalidShare <= 1)) throw new RangeError('invalidShare must lie in 0..1');
  if (registeredFrom > today)
    throw new RangeError(`registeredFrom ${registeredFrom} is after today ${today}`);
  const types = (options.eventTypes ?? Object.values(EventType)).map(toEventType);
  if (types.length === 0) throw new RangeError('eventTypes must name at least one event type');
  const weight = (type: EventType): number => options.eventMix?.[type] ?? DEFAULT_EVENT_MIX[type];
  const shares: Partial<Record<ReRegistrableEventType, number>> = {
    ...DEFAULT_RE_REGISTRATION_SHARE,
    ...options.reRegistrationShare,
  };
  return {
    today,
    registeredFrom,
    invalidShare,
    defects: options.defects ?? DEFECT_KINDS,
    mix: new WeightedTable(types.map((type) => [type, weight(type)] as const)),
    reRegistrationShare: new Map([
      [EventType.BIRTH, shares.BIRTH ?? 0],
      [EventType.MARRIAGE, shares.MARRIAGE ?? 0],
      [EventType.DEATH, shares.DEATH ?? 0],
    ]),
    childPinShare: options.childPinShare ?? 0.1,
    firstSequence: options.firstSequence ?? 1,
  };
}

const EVENT_TYPE_BY_NAME: ReadonlyMap<string, EventType> = new Map(
  Object.values(EventType).map((type) => [type, type]),
);

function toEventType(name: EventTypeName): EventType {
  const type = EVENT_TYPE_BY_NAME.get(name);
  if (type === undefined) throw new RangeError(`unknown event type ${name}`);
  return type;
}
