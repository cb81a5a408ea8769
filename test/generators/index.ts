// Seeded generators of realistic standard-format (contracts/v1) records for tests and benchmarks.

export {
  type DefectKind,
  DEFECT_KINDS,
  type GeneratedRecord,
  type InvalidGeneratedRecord,
  type ValidGeneratedRecord,
} from './generated-record.model.js';
export {
  DEFAULT_TODAY,
  type GeneratorReferenceData,
  loadGeneratorReferenceData,
  type ReferenceDataOptions,
} from './generator-reference.loader.js';
export {
  createRecordGenerator,
  type EventTypeName,
  generateBirths,
  type RecordGenerator,
  type RecordGeneratorOptions,
  type ReRegistrableEventType,
} from './record.generator.js';
export type { Timeliness } from './record-builder.context.js';
export { type Seed, SeededRandom } from './seeded-random.util.js';
export { type Weighted, WeightedTable } from './weighted-table.util.js';
export { PersonNameGenerator, type GeneratedName, type NameCulture } from './person-name.generator.js';
export { centuryDigit, PersonalIdIssuer } from './personal-id.issuer.js';
export { DEFAULT_EVENT_MIX, DEFAULT_RE_REGISTRATION_SHARE } from './domain-figures.data.js';
