import type { LegacyEncoding } from '../legacy-text/index.js';
import { FieldIssue, sourcePathsOf, type CompiledField, type CompiledRecord } from './compiled-field.js';
import { MESSAGES, TEXT_PROBLEM_MESSAGES } from './mapping-messages.vi.js';
import type { MappedRow, MappingIssue, SourceRow } from './mapping-result.model.js';
import type { FieldRule, MappingSpec, TextEncoding } from './mapping-spec.model.js';
import { capitaliseNameParts, joinName, splitFullName, type NameParts } from './person-name.util.js';
import { readSourcePath } from './source-path.util.js';
import { toSourceText } from './source-text.util.js';
import { indexedPath, setTarget } from './target-path.util.js';
import { isAuthority, type ValueTransformer } from './value-transform.js';

type Tree = Record<string, unknown>;

interface Provenance {
  path: string;
  sourcePath: string;
  transform?: string;
  originalValue?: string;
}

/** A field's raw text with where it came from and how it was decoded. */
interface RawValue {
  text: string;
  sourcePath: string;
  decodedWith?: LegacyEncoding;
}

const MAX_PROVENANCE = 500;
const MAX_ORIGINAL = 2000;

export function issue(
  row: SourceRow,
  recordId: string | undefined,
  field: string,
  code: string,
  message: string,
  sourcePath?: string,
): MappingIssue {
  return {
    row: row.rowNumber,
    ...(recordId ? { recordId } : {}),
    field,
    ...(sourcePath ? { sourcePath } : {}),
    code,
    message,
  };
}

export function failed(
  row: SourceRow,
  recordId: string | undefined,
  issues: MappingIssue[],
  needsReview = false,
): MappedRow {
  return {
    row: row.rowNumber,
    ...(row.table ? { table: row.table } : {}),
    ...(recordId ? { recordId } : {}),
    issues,
    needsReview,
  };
}

/** A record-id template's column names, read once per template (they come from the mapping). */
const templateNameCache = new Map<string, readonly string[]>();

function templateNames(template: string): readonly string[] {
  let names = templateNameCache.get(template);
  if (names === undefined) {
    names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    if (templateNameCache.size >= 1000) templateNameCache.clear();
    templateNameCache.set(template, names);
  }
  return names;
}

/** The mapping of one row: fields in order, each problem noted and the next field tried. */
export class RowMapping {
  private readonly record: Tree = { schemaVersion: '1' };
  private readonly provenance: Provenance[] = [];
  private readonly issues: MappingIssue[] = [];
  /** Fields already reported: a unit read as of a date that failed is not reported a second time. */
  private readonly failedTargets = new Set<string>();
  private recordId?: string;

  constructor(
    private readonly spec: MappingSpec,
    private readonly compiled: CompiledRecord,
    private readonly values: ValueTransformer,
    private readonly row: SourceRow,
    private readonly rowEncoding: LegacyEncoding | undefined,
  ) {}

  run(): MappedRow {
    const { spec } = this.compiled;
    this.recordId = this.template(spec.recordId, 'MAPPING.RECORD_ID_MISSING');
    const sourceVersion = spec.sourceVersion
      ? this.template(spec.sourceVersion, 'MAPPING.SOURCE_VERSION_MISSING')
      : undefined;
    this.record.eventType = spec.eventType;
    for (const field of this.compiled.fields) {
      try {
        this.applyField(field);
      } catch (err) {
        if (!(err instanceof FieldIssue)) throw err;
        this.failedTargets.add(field.rule.to);
        const target =
          field.rule.transform.kind === 'authority' ? `${field.rule.to}.authorityCode` : field.rule.to;
        this.issues.push(
          issue(this.row, this.recordId, target, err.code, err.message, sourcePathsOf(field.rule)),
        );
      }
    }
    if (this.issues.length > 0 || this.recordId === undefined)
      return failed(this.row, this.recordId, this.issues);
    this.record.source = {
      sourceId: this.spec.sourceId,
      sourceRecordId: this.recordId,
      ...(sourceVersion ? { sourceVersion } : {}),
    };
    if (spec.historical) this.record.historical = true;
    if (this.provenance.length > 0) {
      this.record.provenance = this.provenance
        .slice(0, MAX_PROVENANCE)
        .map((p) => ({ ...p, path: indexedPath(this.record, p.path) }));
    }
    return {
      row: this.row.rowNumber,
      ...(this.row.table ? { table: this.row.table } : {}),
      recordId: this.recordId,
      record: this.record,
      issues: [],
      needsReview: false,
    };
  }

  private encodingFor(fieldEncoding: TextEncoding | undefined): LegacyEncoding | undefined {
    if (fieldEncoding !== undefined && fieldEncoding !== 'auto') return fieldEncoding;
    if (this.rowEncoding !== undefined) return this.rowEncoding;
    const fileEncoding = this.spec.input.encoding;
    return fileEncoding === 'auto' ? undefined : fileEncoding;
  }

  /** Undefined for an absent or blank value; a FieldIssue for a damaged one. */
  private read(path: string, encoding: TextEncoding | undefined): RawValue | undefined {
    const text = toSourceText(
      readSourcePath(this.row.values, path),
      this.row.rawBytes,
      this.encodingFor(encoding),
    );
    if (text === undefined) return undefined;
    if (!text.ok) throw new FieldIssue(`MAPPING.${text.problem}`, TEXT_PROBLEM_MESSAGES[text.problem](path));
    if (text.text === '') return undefined;
    return {
      text: text.text,
      sourcePath: path,
      ...(text.decodedWith ? { decodedWith: text.decodedWith } : {}),
    };
  }

  private template(template: string, code: string): string | undefined {
    const names = templateNames(template);
    const values = new Map<string, string>();
    try {
      for (const name of names) {
        const value = this.read(name, undefined);
        if (value !== undefined) values.set(name, value.text);
      }
    } catch (err) {
      if (!(err instanceof FieldIssue)) throw err;
      this.issues.push(issue(this.row, undefined, 'source', err.code, err.message, names.join(', ')));
      return undefined;
    }
    if (values.size < names.length) {
      this.issues.push(
        issue(
          this.row,
          undefined,
          'source',
          code,
          MESSAGES.recordIdMissing(names.join(', ')),
          names.join(', '),
        ),
      );
      return undefined;
    }
    const id = template.replace(/\{([^}]*)\}/g, (_, name: string) => values.get(name) ?? '');
    if (id.length > 200) {
      this.issues.push(
        issue(this.row, undefined, 'source', 'MAPPING.RECORD_ID_TOO_LONG', MESSAGES.recordIdTooLong()),
      );
      return undefined;
    }
    return id;
  }

  private applyField(field: CompiledField): void {
    const { rule } = field;
    const t = rule.transform;
    if ((t.kind === 'unit' || t.kind === 'authority') && this.failedTargets.has(t.rule.asOf)) return;
    if (rule.source.kind === 'name') return this.applyName(field);
    const raw = this.rawValue(rule);
    if (raw === undefined) {
      if (rule.required) throw new FieldIssue('MAPPING.MISSING', MESSAGES.missing(sourcePathsOf(rule)));
      return;
    }
    const { value, transform } = this.values.apply(field, raw.text, this.record);
    if (rule.transform.kind === 'authority' && isAuthority(value)) {
      setTarget(this.record, [...field.target, { key: 'authorityCode' }], value.code);
      setTarget(this.record, [...field.target, { key: 'authorityName' }], value.name);
      this.note(`${rule.to}.authorityCode`, raw, transform, value.code);
      return;
    }
    setTarget(this.record, field.target, value);
    this.note(rule.to, raw, transform, typeof value === 'string' ? value : undefined);
  }

  private rawValue(rule: FieldRule): RawValue | undefined {
    const { source } = rule;
    let raw: RawValue | undefined;
    if (source.kind === 'path') raw = this.read(source.path, rule.encoding);
    else if (source.kind === 'first') {
      for (const path of source.paths) {
        raw = this.read(path, rule.encoding);
        if (raw !== undefined) break;
      }
    } else if (source.kind === 'const')
      raw = { text: String(source.value), sourcePath: '(hằng số trong mapping)' };
    else if (source.kind === 'concat') {
      const parts = source.paths.map((p) => this.read(p, rule.encoding)).filter((p) => p !== undefined);
      if (parts.length > 0) {
        const decodedWith = parts.find((p) => p.decodedWith)?.decodedWith;
        raw = {
          text: parts.map((p) => p.text).join(source.separator),
          sourcePath: source.paths.join('+'),
          ...(decodedWith ? { decodedWith } : {}),
        };
      }
    }
    if (raw === undefined && rule.default !== undefined) {
      raw = { text: String(rule.default), sourcePath: '(giá trị mặc định trong mapping)' };
    }
    return raw;
  }

  private applyName(field: CompiledField): void {
    const { rule } = field;
    if (rule.source.kind !== 'name') return;
    const sources = rule.source.name;
    let parts: NameParts;
    let raw: RawValue | undefined;
    let transform: string;
    if (sources.full !== undefined) {
      raw = this.read(sources.full, rule.encoding);
      parts = splitFullName(raw?.text ?? '');
      transform = 'name:split';
    } else {
      const read = (p?: string): RawValue | undefined =>
        p === undefined ? undefined : this.read(p, rule.encoding);
      const family = read(sources.family);
      const middle = read(sources.middle);
      const given = read(sources.given);
      parts = joinName({ family: family?.text, middle: middle?.text, given: given?.text });
      const decodedWith = [family, middle, given].find((p) => p?.decodedWith)?.decodedWith;
      raw = parts.fullName
        ? {
            text: [family?.text, middle?.text, given?.text].filter(Boolean).join(' | '),
            sourcePath: [sources.family, sources.middle, sources.given].filter(Boolean).join('+'),
            ...(decodedWith ? { decodedWith } : {}),
          }
        : undefined;
      transform = 'name:join';
    }
    if (raw?.decodedWith === 'tcvn3') {
      // TCVN3 has no byte for a toned capital ('Ánh' is written 'ánh'); names are capitalised word by word.
      parts = capitaliseNameParts(parts);
    }
    if (raw === undefined || parts.fullName === '') {
      if (rule.required) throw new FieldIssue('MAPPING.MISSING', MESSAGES.missing(sourcePathsOf(rule)));
      return;
    }
    for (const key of ['fullName', 'familyName', 'middleName', 'givenName'] as const) {
      const value = parts[key];
      if (value === undefined) continue;
      setTarget(this.record, [...field.target, { key }], value);
      const changed = sources.full !== undefined ? key !== 'fullName' : key === 'fullName';
      this.note(`${rule.to}.${key}`, raw, changed ? transform : undefined, value);
    }
  }

  /** Provenance when the value differs from what the source held, or text was decoded from a legacy encoding. */
  private note(path: string, raw: RawValue, transform: string | undefined, value: string | undefined): void {
    const steps = [raw.decodedWith ? `encoding:${raw.decodedWith}` : undefined, transform].filter(Boolean);
    const constant = raw.sourcePath.startsWith('(');
    if (!constant && steps.length === 0) return;
    if (!constant && value === raw.text && !raw.decodedWith) return;
    this.provenance.push({
      path,
      sourcePath: raw.sourcePath,
      ...(steps.length > 0 ? { transform: steps.join(';') } : { transform: 'const' }),
      originalValue: raw.text.slice(0, MAX_ORIGINAL),
    });
  }
}
