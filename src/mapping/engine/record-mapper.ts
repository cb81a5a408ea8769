import { unitAuthorityCode } from '../../admin-units/authority-code.util.js';
import type { LegacyEncoding } from '../legacy-text/index.js';
import { codeKey } from './code-tables.js';
import { LegacyDateParser } from './legacy-date.parser.js';
import { MESSAGES, TEXT_PROBLEM_MESSAGES } from './mapping-messages.vi.js';
import type { MappedRow, MappingIssue, MappingReferences, SourceRow } from './mapping-result.model.js';
import type { FieldRule, MappingSpec, RecordSpec, TextEncoding } from './mapping-spec.model.js';
import { capitaliseNameParts, joinName, splitFullName, type NameParts } from './person-name.util.js';
import { readSourcePath } from './source-path.util.js';
import { toSourceText } from './source-text.util.js';
import {
  getTarget,
  indexedPath,
  parseTargetPath,
  setTarget,
  type TargetSegment,
} from './target-path.util.js';

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

interface CompiledField {
  readonly rule: FieldRule;
  readonly target: readonly TargetSegment[];
  readonly date?: LegacyDateParser;
  readonly asOf?: readonly TargetSegment[];
}

interface CompiledRecord {
  readonly spec: RecordSpec;
  readonly fields: readonly CompiledField[];
}

/** Thrown inside a row's mapping only; becomes one MappingIssue and the next field goes on. */
class FieldIssue extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_PROVENANCE = 500;
const MAX_ORIGINAL = 2000;

/**
 * Turns one source row into a standard record (contracts/v1 shape, not yet validated: that is the
 * hub's RecordValidationService) with provenance for every value a transform changed. Every field
 * is tried, so a row reports all its problems at once; a row never throws.
 */
export class RecordMapper {
  private readonly records: readonly CompiledRecord[];

  constructor(
    private readonly spec: MappingSpec,
    private readonly references: MappingReferences,
  ) {
    this.records = spec.records.map((record) => ({
      spec: record,
      fields: record.fields.map((rule) => compileField(rule)),
    }));
  }

  /**
   * The record id of a row held back before mapping, when its id columns are plain ASCII (then they
   * read the same in every encoding); undefined otherwise.
   */
  asciiRecordIdOf(row: SourceRow): string | undefined {
    const compiled =
      this.spec.input.format === 'rows'
        ? this.records.find((r) => r.spec.table === row.table)
        : this.records[0];
    if (compiled === undefined) return undefined;
    let complete = true;
    const id = compiled.spec.recordId.replace(/\{([^}]*)\}/g, (_, path: string) => {
      const value = readSourcePath(row.values, path);
      const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
      if (text === '' || !/^[\x20-\x7e]+$/.test(text)) complete = false;
      return text;
    });
    return complete && id.length <= 200 ? id : undefined;
  }

  mapRow(row: SourceRow, rowEncoding?: LegacyEncoding): MappedRow {
    const compiled =
      this.spec.input.format === 'rows'
        ? this.records.find((r) => r.spec.table === row.table)
        : this.records[0];
    if (compiled === undefined) {
      return failed(row, undefined, [
        issue(row, undefined, '', 'MAPPING.NO_RECORD_MAPPING', MESSAGES.noRecordMapping(row.table ?? '')),
      ]);
    }
    try {
      return new RowMapping(this.spec, compiled, this.references, row, rowEncoding).run();
    } catch {
      return failed(row, undefined, [issue(row, undefined, '', 'MAPPING.UNEXPECTED', MESSAGES.unexpected())]);
    }
  }
}

function compileField(rule: FieldRule): CompiledField {
  const t = rule.transform;
  return {
    rule,
    target: parseTargetPath(rule.to),
    ...(t.kind === 'date' ? { date: new LegacyDateParser(t.rule.formats, t.rule) } : {}),
    ...(t.kind === 'unit' || t.kind === 'authority' ? { asOf: parseTargetPath(t.rule.asOf) } : {}),
  };
}

function issue(
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

function failed(
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

class RowMapping {
  private readonly record: Tree = { schemaVersion: '1' };
  private readonly provenance: Provenance[] = [];
  private readonly issues: MappingIssue[] = [];
  /** Fields already reported: a unit read as of a date that failed is not reported a second time. */
  private readonly failedTargets = new Set<string>();
  private recordId?: string;

  constructor(
    private readonly spec: MappingSpec,
    private readonly compiled: CompiledRecord,
    private readonly references: MappingReferences,
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
    const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
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
    const { value, transform } = this.transform(field, raw.text);
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
    else if (source.kind === 'const')
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

  private transform(field: CompiledField, text: string): { value: unknown; transform?: string } {
    const t = field.rule.transform;
    switch (t.kind) {
      case 'text':
        return { value: text };
      case 'integer':
        if (!/^\d{1,9}$/.test(text)) throw new FieldIssue('MAPPING.NOT_INTEGER', MESSAGES.notInteger(text));
        return { value: Number(text), transform: 'integer' };
      case 'date': {
        const parser = field.date as LegacyDateParser;
        const result = parser.parse(text);
        if (!result.ok) {
          if (result.reason === 'UNREADABLE')
            throw new FieldIssue(
              'MAPPING.DATE_UNREADABLE',
              MESSAGES.dateUnreadable(text, parser.description),
            );
          if (result.reason === 'IMPOSSIBLE')
            throw new FieldIssue('MAPPING.DATE_IMPOSSIBLE', MESSAGES.dateImpossible(text));
          throw new FieldIssue('MAPPING.DATE_PARTIAL', MESSAGES.datePartial(text));
        }
        return { value: result.value, transform: `date:${result.format ?? parser.description}` };
      }
      case 'code': {
        const table = this.spec.codeTables.get(t.table);
        const code = table?.get(codeKey(text));
        if (code === undefined)
          throw new FieldIssue('MAPPING.CODE_UNKNOWN', MESSAGES.codeUnknown(text, t.table));
        return { value: code, transform: `codeTable:${t.table}` };
      }
      case 'unit': {
        const on = this.dateAt(field, 'đơn vị hành chính');
        const code = this.lookup(t.rule.table, text);
        const unit = this.references.unit(code, on);
        if (unit === undefined || unit.level !== t.rule.level) {
          throw new FieldIssue('MAPPING.UNIT_UNKNOWN', MESSAGES.unitUnknown(code, on, t.rule.level));
        }
        return {
          value: { code: unit.code, level: unit.level, name: unit.fullName, asOf: on },
          transform: `unit:${t.rule.table ? `${t.rule.table}+` : ''}${on}`,
        };
      }
      case 'authority': {
        const on = this.dateAt(field, 'cơ quan đăng ký');
        const looked = this.lookup(t.rule.table, text);
        const code =
          t.rule.unitLevel && /^\d{2,5}$/.test(looked) ? unitAuthorityCode(t.rule.unitLevel, looked) : looked;
        const authority = this.references.authority(code, on);
        if (authority === undefined)
          throw new FieldIssue('MAPPING.AUTHORITY_UNKNOWN', MESSAGES.authorityUnknown(code, on));
        return { value: authority, transform: `authority:${on}` };
      }
    }
  }

  private lookup(table: string | undefined, text: string): string {
    if (table === undefined) return text;
    const code = this.spec.codeTables.get(table)?.get(codeKey(text));
    if (code === undefined) throw new FieldIssue('MAPPING.CODE_UNKNOWN', MESSAGES.codeUnknown(text, table));
    return code;
  }

  private dateAt(field: CompiledField, what: string): string {
    const on = getTarget(this.record, field.asOf ?? []);
    const asOf =
      field.rule.transform.kind === 'unit' || field.rule.transform.kind === 'authority'
        ? field.rule.transform.rule.asOf
        : '';
    if (typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on)) {
      throw new FieldIssue('MAPPING.DATE_NEEDED', MESSAGES.dateNeeded(what, asOf));
    }
    return on;
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

function isAuthority(value: unknown): value is { code: string; name: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'name' in value;
}

function sourcePathsOf(rule: FieldRule): string {
  const s = rule.source;
  switch (s.kind) {
    case 'path':
      return s.path;
    case 'concat':
      return s.paths.join('+');
    case 'const':
      return '(hằng số)';
    case 'name':
      return [s.name.full, s.name.family, s.name.middle, s.name.given].filter(Boolean).join('+');
  }
}
