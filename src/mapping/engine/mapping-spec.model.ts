import type { LegacyEncoding } from '../legacy-text/index.js';

/**
 * A source's declarative mapping (mappings/<source-id>/mapping.yaml) once loaded and checked.
 * See mappings/README.md for the file format; mapping-spec.loader.ts for the checks.
 */
export type InputFormat = 'csv' | 'xml' | 'rows';

/** 'auto' detects the file's encoding; a row whose text cannot be told apart goes to review. */
export type TextEncoding = LegacyEncoding | 'auto';

export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

export interface InputSpec {
  readonly format: InputFormat;
  readonly encoding: TextEncoding;
  /** csv: one ASCII character, or undefined to detect among , ; tab |. */
  readonly delimiter?: string;
  /** xml: dot path to the repeated record element, namespace prefixes removed (Envelope.Body.X.HoSo). */
  readonly recordPath?: string;
}

export interface DateRule {
  /** Tried in order: 'dd/MM/yyyy', 'd-M-yy', 'yyyyMMdd', 'MM/yyyy', 'yyyy', 'iso', 'words'. */
  readonly formats: readonly string[];
  /** Two-digit years: yy <= pivot is 20yy, otherwise 19yy. */
  readonly pivot: number;
  /** Whether a year or a month and year alone is accepted (a partial date: '1950', '1950-03'). */
  readonly partial: boolean;
}

export interface UnitRule {
  readonly level: UnitLevel;
  /** Target path of a date already mapped (the unit code is read as of that date). */
  readonly asOf: string;
  /** Code table turning the source's own unit codes into statistics-office codes first. */
  readonly table?: string;
}

export interface AuthorityRule {
  readonly asOf: string;
  /** When the value is a bare unit code: the level of the unit whose People's Committee registers. */
  readonly unitLevel?: UnitLevel;
  readonly table?: string;
}

export interface NameSources {
  /** Full name in one column: split into family (first word), given (last) and middle names. */
  readonly full?: string;
  readonly family?: string;
  readonly middle?: string;
  readonly given?: string;
}

/** Where a field's value comes from: exactly one of these. */
export type ValueSource =
  | { readonly kind: 'path'; readonly path: string }
  /** The first of these fields that holds a value (a date in digits, else the same date in words). */
  | { readonly kind: 'first'; readonly paths: readonly string[] }
  | { readonly kind: 'concat'; readonly paths: readonly string[]; readonly separator: string }
  | { readonly kind: 'const'; readonly value: string | number | boolean }
  | { readonly kind: 'name'; readonly name: NameSources };

export type Transform =
  | { readonly kind: 'text' }
  | { readonly kind: 'date'; readonly rule: DateRule }
  | { readonly kind: 'code'; readonly table: string }
  | { readonly kind: 'unit'; readonly rule: UnitRule }
  | { readonly kind: 'authority'; readonly rule: AuthorityRule }
  | { readonly kind: 'integer' };

export interface FieldRule {
  /** Standard-record path; parties are addressed by role: parties[CHILD].person.birthDate. */
  readonly to: string;
  readonly source: ValueSource;
  readonly transform: Transform;
  readonly encoding?: TextEncoding;
  readonly default?: string | number | boolean;
  readonly required: boolean;
  /** Where the rule sits in the mapping file, for messages: records[0].fields[3]. */
  readonly at: string;
}

export interface RecordSpec {
  readonly name: string;
  /** rows: the table the rows come from. */
  readonly table?: string;
  readonly eventType: string;
  /** '{quyen}/{so}' : source paths in braces. */
  readonly recordId: string;
  readonly sourceVersion?: string;
  readonly historical: boolean;
  readonly fields: readonly FieldRule[];
}

export interface MappingSpec {
  readonly sourceId: string;
  readonly file: string;
  readonly description?: string;
  readonly input: InputSpec;
  readonly codeTables: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly records: readonly RecordSpec[];
}
