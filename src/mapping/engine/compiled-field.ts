import { LegacyDateParser } from './legacy-date.parser.js';
import type { FieldRule, RecordSpec } from './mapping-spec.model.js';
import { parseTargetPath, type TargetSegment } from './target-path.util.js';

/** A field rule with its paths parsed and its date formats compiled once per mapping. */
export interface CompiledField {
  readonly rule: FieldRule;
  readonly target: readonly TargetSegment[];
  readonly date?: LegacyDateParser;
  readonly asOf?: readonly TargetSegment[];
}

export interface CompiledRecord {
  readonly spec: RecordSpec;
  readonly fields: readonly CompiledField[];
}

export /** Thrown inside a row's mapping only; becomes one MappingIssue and the next field goes on. */
class FieldIssue extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function compileField(rule: FieldRule): CompiledField {
  const t = rule.transform;
  return {
    rule,
    target: parseTargetPath(rule.to),
    ...(t.kind === 'date' ? { date: new LegacyDateParser(t.rule.formats, t.rule) } : {}),
    ...(t.kind === 'unit' || t.kind === 'authority' ? { asOf: parseTargetPath(t.rule.asOf) } : {}),
  };
}

export function sourcePathsOf(rule: FieldRule): string {
  const s = rule.source;
  switch (s.kind) {
    case 'path':
      return s.path;
    case 'concat':
      return s.paths.join('+');
    case 'first':
      return s.paths.join('|');
    case 'const':
      return '(hằng số)';
    case 'name':
      return [s.name.full, s.name.family, s.name.middle, s.name.given].filter(Boolean).join('+');
  }
}
